"""Crashes leave no core file and print no user text; the details (without text) go to a 0600
file in the data folder, and the exit code says something went wrong."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from companion.core import crash
from companion.core.store import journal
from tests.tui_helpers import make_app
from tests.typing_kill import have_tmux

SECRET = "my secret words about Tuesday"


def _env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env["COMPANION_HOME"] = str(home)
    return env


def _reports(home: Path) -> list[Path]:
    folder = home / "crash-reports"
    return sorted(folder.glob("crash-*.txt")) if folder.exists() else []


def test_every_companion_process_is_non_dumpable_with_no_core_limit(companion_home: Path) -> None:
    code = (
        "import atexit, resource, sys\n"
        "from companion.core import crash\n"
        "atexit.register(lambda: print('dumpable', crash.is_dumpable(),"
        " 'core', resource.getrlimit(resource.RLIMIT_CORE)))\n"
        "sys.argv = ['companion', 'paths']\n"
        "from companion.ui.cli import main\nmain()\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(companion_home)
    ).stdout
    expected = "False" if sys.platform.startswith("linux") else "None"
    assert f"dumpable {expected} core (0, 0)" in out


def test_a_report_has_frames_and_types_but_no_message_or_locals() -> None:
    def inner(text: str) -> None:
        secret_local = text  # noqa: F841 - a local that must not reach the report
        raise ValueError(f"cannot store {text}")

    try:
        try:
            inner(SECRET)
        except ValueError as first:
            raise RuntimeError(f"while saving {SECRET}") from first
    except RuntimeError as error:
        text = crash.report_text(error)
    assert "builtins.RuntimeError" in text and "builtins.ValueError" in text
    assert "in inner" in text and "test_crash_artefacts.py:" in text
    assert SECRET not in text and "Tuesday" not in text and "secret_local" not in text


async def test_an_app_crash_exits_1_and_writes_a_private_report_without_the_text(
    companion_home: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken_add(db: object, body: str, *args: object, **kwargs: object) -> None:
        raise RuntimeError(f"the store refused {body!r}")

    monkeypatch.setattr(journal, "add_entry", broken_add)
    app = make_app()
    with pytest.raises(RuntimeError):
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.press("n", *SECRET, "ctrl+s")
            await pilot.pause()
    assert app.return_code == 1
    assert app.crash_report is not None and app.crash_report.exists()
    assert stat.S_IMODE(app.crash_report.stat().st_mode) == 0o600
    report = app.crash_report.read_text()
    assert "RuntimeError" in report and "Tuesday" not in report and "refused" not in report
    printed = " ".join(capsys.readouterr().err.split())
    assert "RuntimeError" in printed and "Tuesday" not in printed
    assert app.crash_report.name in printed and "Nothing you had saved is lost" in printed


def test_a_cli_crash_prints_one_sentence_without_the_text(companion_home: Path) -> None:
    code = (
        "import sys\nimport companion.core.store.journal as j\n"
        "def boom(db, body, *a, **k):\n    raise RuntimeError('refused ' + body)\n"
        "j.add_entry = boom\n"
        f"sys.argv = ['companion', 'journal', 'add', {SECRET!r}]\n"
        "from companion.ui.cli import main\nmain()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=_env(companion_home)
    )
    assert result.returncode == 1
    assert "Tuesday" not in result.stderr + result.stdout
    assert "RuntimeError" in result.stderr and "crash-reports" in result.stderr
    reports = _reports(companion_home)
    assert len(reports) == 1 and "Tuesday" not in reports[0].read_text()


@pytest.mark.skipif(not have_tmux(), reason="needs tmux to run the app in a terminal")
def test_the_real_app_crashing_in_a_terminal_exits_non_zero_without_the_text(
    tmp_path: Path, companion_home: Path
) -> None:
    script = tmp_path / "run.py"
    script.write_text(
        "import sys\nimport companion.core.store.journal as j\n"
        "def boom(db, body, *a, **k):\n    raise RuntimeError('refused ' + body)\n"
        "j.add_entry = boom\nsys.argv = ['companion']\n"
        "from companion.ui.cli import main\nmain()\n"
    )
    rc_file = tmp_path / "rc"
    session = f"crash-{uuid.uuid4().hex[:8]}"
    command = (
        f"env COMPANION_HOME={companion_home} TERM=xterm-256color {sys.executable} {script}; "
        f"echo $? > {rc_file}; sleep 30"
    )
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command])
    try:

        def screen() -> str:
            return subprocess.run(
                ["tmux", "capture-pane", "-p", "-S", "-200", "-t", session],
                capture_output=True,
                text=True,
            ).stdout

        for _ in range(300):
            if "Journal" in screen():
                break
            time.sleep(0.1)
        subprocess.run(["tmux", "send-keys", "-t", session, "escape"])  # the first-run screen
        time.sleep(0.5)
        subprocess.run(["tmux", "send-keys", "-t", session, "n"])
        time.sleep(0.5)
        subprocess.run(["tmux", "send-keys", "-t", session, "-l", SECRET])
        time.sleep(0.3)
        subprocess.run(["tmux", "send-keys", "-t", session, "C-s"])
        for _ in range(300):
            if rc_file.exists() and rc_file.read_text().strip():
                break
            time.sleep(0.1)
        shown = screen()
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
    assert rc_file.read_text().strip() == "1", shown
    assert "unexpected problem (RuntimeError)" in shown.replace("\n", " ")
    assert "Tuesday" not in shown
    reports = _reports(companion_home)
    assert len(reports) == 1 and "Tuesday" not in reports[0].read_text()
