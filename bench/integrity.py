"""Integrity under kills and with the app open: prints kills, corruptions, confirmed entries lost,
leftovers found and repaired, and plaintext copies next to an encrypted journal.

Two parts, each in fresh temporary data folders and real processes:

1. The kill-point matrix: every named step of every journaled file operation (encrypt, decrypt,
   passphrase change, backup, restore, export, forget --all) is hit with SIGKILL
   (COMPANION_KILL_AT), plus ``--random`` rounds killed after a random delay. After each kill the
   next process (any command) must find the journal sound with every confirmed entry, erase or
   finish what was left, and leave no plaintext copy next to an encrypted journal.
2. The app plus the CLI: a real `companion` process in tmux (its backup worker running), saving
   entries typed into its editor, while two CLI writers add 100 entries each, a third loops add +
   delete, and backups and searches run; the app's /proc/PID/fd is watched for a deleted WAL.

    python3 -m uv run python bench/integrity.py [--random 20] [--writers 100] [--json]

Goal: 0 corruptions, 0 lost confirmed entries, 0 plaintext copies, 0 leftovers after repair.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.integrity_lib import (
    PHRASE,
    cli,
    env_for,
    inspect,
    leftovers,
    plaintext_copies,
)

ENTRIES = ["first entry", "second entry", "third entry"]
# (kill point, command, passphrase for the command, encrypted before?)
MATRIX = [
    ("convert:exported", ["encrypt"], PHRASE, False),
    ("convert:linked", ["encrypt"], PHRASE, False),
    ("convert:swapped", ["encrypt"], PHRASE, False),
    ("convert:exported", ["decrypt"], PHRASE, True),
    ("convert:linked", ["decrypt"], PHRASE, True),
    ("convert:swapped", ["decrypt"], PHRASE, True),
    ("convert:linked", ["passphrase", "change"], PHRASE, True),
    ("convert:swapped", ["passphrase", "change"], PHRASE, True),
    ("backup:copied", ["backup"], None, False),
    ("backup:copied", ["backup"], PHRASE, True),
    ("restore:copied", ["restore", "--yes"], None, False),
    ("restore:set-aside", ["restore", "--yes"], None, False),
    ("restore:set-aside", ["restore", "--yes"], PHRASE, True),
    ("export:before-rename", ["export"], None, False),
    ("forget:files", ["forget", "--all", "--yes"], None, False),
]


def _setup(home: Path, encrypted: bool) -> None:
    for body in ENTRIES:
        cli(home, "journal", "add", body)
    cli(home, "backup")
    if encrypted:
        cli(home, "encrypt", passphrase=PHRASE)


def _after(home: Path, phrase: str | None, expected: set[str]) -> dict[str, int]:
    """The next process's view after a kill: counts for the table."""
    found_before = len(leftovers(home))
    state = inspect(home, phrase)
    bodies = set(state["bodies"])
    return {
        "corrupt": int(bool(state["problems"])),
        "lost": len(expected - bodies),
        "leftovers_found": found_before,
        "leftovers_remaining": len(leftovers(home)),
        "plaintext": len(plaintext_copies(home)),
    }


def kill_matrix(rounds: int, seed: int) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = []
    rng = random.Random(seed)
    cases = [(step, cmd, phrase, enc, None) for step, cmd, phrase, enc in MATRIX]
    for _ in range(rounds):
        step, cmd, phrase, enc = rng.choice(MATRIX)
        cases.append(("random", cmd, phrase, enc, rng.uniform(0.05, 1.5)))
    for step, cmd, phrase, enc, delay in cases:
        home = Path(tempfile.mkdtemp(prefix="integrity-")) / "home"
        _setup(home, enc)
        env = env_for(home, phrase, None if delay else step)
        if cmd[:2] == ["passphrase", "change"]:
            env["COMPANION_NEW_PASSPHRASE"] = PHRASE  # same words, new salt and key
        proc = subprocess.Popen(
            [sys.executable, "-m", "companion", *cmd],
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if delay:
            time.sleep(delay)
            proc.kill()
        proc.wait(timeout=300)
        killed = proc.returncode == -9
        expected = set() if cmd[0] == "forget" else set(ENTRIES)
        # The journal's passphrase whatever the kill left: an interrupted restore may have no
        # journal file at all until the next start puts the copy in place.
        reading = PHRASE
        row = {"step": step, "command": " ".join(cmd), "killed": int(killed)}
        row.update(_after(home, reading, expected))
        rows.append(row)
        shutil.rmtree(home.parent, ignore_errors=True)
    return rows


def _tmux(*args: str) -> str:
    return subprocess.run(["tmux", *args], capture_output=True, text=True, check=False).stdout


def _wait_for(session: str, present: str | None, absent: str | None, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        screen = _tmux("capture-pane", "-p", "-t", session)
        if (present is None or present in screen) and (absent is None or absent not in screen):
            return True
        time.sleep(0.1)
    return False


def _save_in_app(session: str, text: str) -> bool:
    """Open the editor with `n`, type, Ctrl+S; True once the app has confirmed the save (the
    editor closed after Ctrl+S, which it does only once the entry is committed)."""
    editor = "Ctrl+S saves"
    if not _wait_for(session, None, editor, 10):
        return False
    _tmux("send-keys", "-t", session, "n")
    if not _wait_for(session, editor, None, 10):
        return False
    _tmux("send-keys", "-t", session, "-l", text)
    if not _wait_for(session, text, None, 10):
        return False
    _tmux("send-keys", "-t", session, "C-s")
    return _wait_for(session, "Entry saved", editor, 10)


def _app_pid(session: str) -> int | None:
    shell = _tmux("list-panes", "-t", session, "-F", "#{pane_pid}").strip()
    if not shell:
        return None
    pid = int(shell)
    for _ in range(3):
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        if b"companion" in b" ".join(cmdline):
            return pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        if not children:
            return None
        pid = int(children[0])
    return pid


def _deleted_wal(pid: int) -> int:
    from tests.test_concurrency_app_cli import deleted_wal_fds

    try:
        return len(deleted_wal_fds(pid))
    except OSError:
        return 0


def app_plus_cli(writers: int, phrase: str | None) -> dict[str, object]:
    from tests.test_concurrency_app_cli import WRITER

    home = Path(tempfile.mkdtemp(prefix="integrity-app-")) / "home"
    cli(home, "journal", "add", "before tui")
    seen = subprocess.run(
        [
            sys.executable,
            "-c",
            "from companion.core.store.db import open_db; from companion.core.store.app_state import "
            "set_setting as s; db = open_db(); s(db, 'disclosure_seen_utc', "
            "'2099-01-01T00:00:00+00:00'); s(db, 'last_visit_utc', '2099-01-01T00:00:00+00:00')",
        ],
        env=env_for(home),
        check=False,
    )
    assert seen.returncode == 0
    if phrase:
        cli(home, "encrypt", passphrase=phrase)
    env = env_for(home, phrase)
    session = f"integrity-{int(time.time())}"
    assigns = " ".join(f"{k}='{v}'" for k, v in env.items() if k.startswith("COMPANION_"))
    _tmux(
        "new-session", "-d", "-s", session, "-x", "120", "-y", "40",
        f"env {assigns} {sys.executable} -m companion",
    )  # fmt: skip
    time.sleep(5)  # the app is up and its backup worker (3 s after start) has run
    pid = _app_pid(session)
    logs = home.parent / "logs"
    logs.mkdir()
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, label, str(count), mode, str(logs / f"{label}.log")],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        for label, count, mode in (
            ("left", writers, "add"),
            ("right", writers, "add"),
            ("churn", max(writers // 3, 1), "adddel"),
        )
    ]
    typed: list[str] = []
    deleted_wal = 0
    while any(p.poll() is None for p in procs):
        text = f"typed in the app {len(typed) + 1}"
        if _save_in_app(session, text):
            typed.append(text)
        if pid is not None:
            deleted_wal += _deleted_wal(pid)
    failed = [p for p in procs if p.wait() != 0]
    writer_errors = len(failed)
    for proc in failed:  # say why: the last line a failed writer wrote to stderr
        assert proc.stderr is not None
        lines = proc.stderr.read().decode(errors="replace").strip().splitlines()
        print(f"  a CLI writer stopped: {lines[-1] if lines else '(no message)'}")
    _tmux("send-keys", "-t", session, "C-q")
    time.sleep(2)
    _tmux("kill-session", "-t", session)
    saves: set[str] = set()
    deletions: set[str] = set()
    for log in logs.glob("*.log"):
        for line in log.read_text().splitlines():
            kind, _, body = line.partition(" ")
            (saves if kind == "SAVED" else deletions).add(body)
    state = inspect(home, phrase)
    bodies = set(state["bodies"])
    # A draft restored into the editor (main's drafts) can precede the typed words in the body.
    typed_lost = [t for t in typed if not any(b.endswith(t) for b in bodies)]
    expected = saves | {"before tui"}
    result = {
        "journal": "encrypted" if phrase else "plain",
        "confirmed_writes": len(saves) + len(deletions) * 2 + len(typed),
        "app_saves_confirmed": len(typed),
        "writer_errors": writer_errors,
        "corrupt": int(bool(state["problems"])),
        "lost": len(expected - bodies) + len(typed_lost),
        "deleted_come_back": len(deletions & bodies),
        "deleted_wal_seen": deleted_wal,
        "plaintext": len(plaintext_copies(home)),
        "app_pid_found": int(pid is not None),
        "missing": sorted(expected - bodies)[:5] + typed_lost[:5],
    }
    shutil.rmtree(home.parent, ignore_errors=True)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--random", type=int, default=20, help="randomly timed kills")
    parser.add_argument("--writers", type=int, default=100, help="entries per CLI writer")
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--json", action="store_true")
    parser.add_argument("--skip-app", action="store_true")
    args = parser.parse_args()
    rows = kill_matrix(args.random, args.seed)
    apps = [] if args.skip_app else [app_plus_cli(args.writers, p) for p in (None, PHRASE)]
    totals = {
        key: sum(int(str(r[key])) for r in rows)
        for key in ("killed", "corrupt", "lost", "leftovers_found", "leftovers_remaining")
    }
    totals["plaintext"] = sum(int(str(r["plaintext"])) for r in rows)
    if args.json:
        print(json.dumps({"kills": rows, "totals": totals, "app_plus_cli": apps}, indent=2))
        return
    print(f"{'step':22} {'command':24} killed corrupt lost found left plain")
    for r in rows:
        print(
            f"{r['step']!s:22} {r['command']!s:24} {r['killed']!s:>6} {r['corrupt']!s:>7} "
            f"{r['lost']!s:>4} {r['leftovers_found']!s:>5} {r['leftovers_remaining']!s:>4} "
            f"{r['plaintext']!s:>5}"
        )
    print(
        f"\nkill matrix: {len(rows)} runs, {totals['killed']} kills, {totals['corrupt']} "
        f"corruptions, {totals['lost']} confirmed entries lost, {totals['leftovers_found']} "
        f"leftovers found, {totals['leftovers_found'] - totals['leftovers_remaining']} repaired, "
        f"{totals['leftovers_remaining']} remaining, {totals['plaintext']} plaintext copies"
    )
    for app in apps:
        print(f"app + CLI ({app['journal']}): " + ", ".join(f"{k} {v}" for k, v in app.items()))


if __name__ == "__main__":
    main()
