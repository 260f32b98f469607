"""The app and the CLI open at the same time, in separate processes: every confirmed write from
both sides is there afterwards, integrity_check is ok, and the app's process never holds a
deleted WAL (what happened when a plain open()/close() of the database dropped SQLite's locks).

The app runs under Pilot in the test process with its real backup and scrub workers; the CLI
writers are separate processes calling the real commands, each one opening and closing the
store per command the way `companion journal add` does.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import TextArea

from companion.core.store import journal
from tests.integrity_lib import PHRASE, cli, env_for, inspect
from tests.tui_helpers import make_app

WRITER = r"""
import contextlib, io, json, sys
import typer
from companion.ui.cli import app
command = typer.main.get_command(app)
label, count, mode, log = sys.argv[1], int(sys.argv[2]), sys.argv[3], open(sys.argv[4], "a")

def run(*args):
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        try:
            command.main(list(args), standalone_mode=False)
        except SystemExit as error:
            if error.code:
                raise
    return out.getvalue()

for i in range(count):
    body = f"{label} {i}"
    saved = json.loads(run("journal", "add", "--json", body))
    if mode == "adddel":
        run("journal", "delete", "--yes", str(saved["id"]))
        print("DELETED", body, file=log, flush=True)
        print("ID", saved["id"], body, file=sys.stderr, flush=True)
    else:
        print("SAVED", body, file=log, flush=True)
        if i % 25 == 0:
            run("journal", "search", label)
            run("backup")
"""


def deleted_wal_fds(pid: int | str = "self") -> list[str]:
    """Descriptors of a process that point at a deleted -wal/-shm (the symptom of the bug)."""
    found = []
    folder = Path(f"/proc/{pid}/fd")
    for fd in folder.iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.endswith("(deleted)") and ("-wal" in target or "-shm" in target):
            found.append(target)
    return found


def _writer(
    home: Path, label: str, count: int, mode: str, log: Path, phrase: str | None
) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-c", WRITER, label, str(count), mode, str(log)],
        env=env_for(home, phrase),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


async def _save_in_app(app, pilot, text: str) -> str | None:  # type: ignore[no-untyped-def]
    """Write an entry in the editor and press Ctrl+S; None once the app confirmed the save
    (the editor closes only after the commit), else what the screen said."""
    app.action_open("new_entry")
    await pilot.pause()
    editor = app.screen
    # load_text, not insert: a draft restored into the editor would otherwise prefix the text
    editor.query_one(TextArea).load_text(text)
    await pilot.press("ctrl+s")
    for _ in range(50):
        await pilot.pause(0.05)
        if app.screen is not editor:
            return None
    said = [str(n.message) for n in app._notifications]
    editor.dismiss(None)
    return f"not saved: {said[-3:]}"


async def _app_with_writers(
    home: Path,
    monkeypatch: pytest.MonkeyPatch,
    *,
    phrase: str | None,
    writers: list[tuple[str, int, str]],
) -> tuple[list[str], list[str], set[str], set[str]]:
    """Run the app, saving entries, while the writers run; returns (app saves, deleted WAL fds
    seen, confirmed CLI saves, confirmed CLI deletions)."""
    import companion.ui.tui.app as app_module

    monkeypatch.setattr(app_module, "BACKUP_DELAY", 0.2)
    if phrase:
        monkeypatch.setenv("COMPANION_PASSPHRASE", phrase)
    logs = home.parent / "logs"
    logs.mkdir(exist_ok=True)
    app = make_app()
    saved_in_app: list[str] = []
    unsaved: list[str] = []
    seen_deleted: list[str] = []
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(1.0)  # the backup worker has opened (and closed) its connection
        procs = [
            _writer(home, label, count, mode, logs / f"{label}.log", phrase)
            for label, count, mode in writers
        ]
        n = 0
        while any(p.poll() is None for p in procs):
            n += 1
            text = f"app entry {n}"
            problem = await _save_in_app(app, pilot, text)
            if problem is None:
                saved_in_app.append(text)
            else:
                unsaved.append(f"{text}: {problem}")
            if n % 5 == 0:
                app.scrub_in_background()  # more connections opened and closed in the app
            seen_deleted.extend(deleted_wal_fds())
            await asyncio.sleep(0.05)
        for proc in procs:
            _, err = proc.communicate(timeout=600)
            assert proc.returncode == 0, err.decode()[-2000:]
        await pilot.pause(0.5)
        seen_deleted.extend(deleted_wal_fds())
        assert unsaved == []
        assert {e.body for e in journal.list_entries(app.db, limit=100000)} >= set(saved_in_app)
    saves: set[str] = set()
    deletions: set[str] = set()
    for log in logs.glob("*.log"):
        for line in log.read_text().splitlines():
            kind, _, body = line.partition(" ")
            (saves if kind == "SAVED" else deletions).add(body)
    return saved_in_app, seen_deleted, saves, deletions


def _check_after(home: Path, phrase: str | None, app_saves, seen, saves, deletions) -> None:  # type: ignore[no-untyped-def]
    state = inspect(home, phrase)
    bodies = set(state["bodies"])
    assert state["problems"] == []
    assert seen == []
    assert set(app_saves) <= bodies, set(app_saves) - bodies
    assert saves <= bodies, sorted(saves - bodies)[:5]
    assert not deletions & bodies
    assert "before tui" in bodies


@pytest.mark.parametrize("phrase", [None, PHRASE], ids=["plain", "encrypted"])
async def test_cli_writes_while_the_app_is_open_and_saving_all_survive(
    companion_home: Path, monkeypatch: pytest.MonkeyPatch, phrase: str | None
) -> None:
    """The reproduction: an entry, the app open, three CLI adds while the app saves, quit."""
    assert cli(companion_home, "journal", "add", "before tui").code == 0
    if phrase:
        assert cli(companion_home, "encrypt", passphrase=phrase).code == 0
    result = await _app_with_writers(
        companion_home, monkeypatch, phrase=phrase, writers=[("cli", 3, "add")]
    )
    _check_after(companion_home, phrase, *result)
    assert len(result[2]) == 3


async def test_load_app_saving_two_cli_writers_and_an_add_delete_loop(
    companion_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The load that crashed the app and lost 200 entries: several hundred writes at once."""
    assert cli(companion_home, "journal", "add", "before tui").code == 0
    result = await _app_with_writers(
        companion_home,
        monkeypatch,
        phrase=None,
        writers=[("left", 100, "add"), ("right", 100, "add"), ("churn", 40, "adddel")],
    )
    _check_after(companion_home, None, *result)
    assert len(result[2]) == 200 and len(result[3]) == 40
