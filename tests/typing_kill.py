"""Type into the real app in tmux at a steady rate, SIGKILL it, and see what the draft kept.

Used by tests/test_drafts_kill.py (a short run) and bench/drafts.py (the figures). The app runs
as a person runs it (`python -m companion` in an 80x24 tmux pane, started in the data folder so
that ``python_path`` and not the current directory decides which `companion` runs); the
database is read after the kill, as the next start would read it.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

TEXT = "the quick brown fox jumps over the lazy dog and keeps on running far away "


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


def _tmux(*args: str) -> str:
    return subprocess.run(
        ["tmux", *args], check=True, capture_output=True, text=True, timeout=10
    ).stdout


def _prepare(home: Path, python_path: str | None) -> None:
    """A database with the first-run disclosure already seen (so Home opens at once)."""
    code = (
        "from datetime import datetime, UTC\n"
        "from companion.core.store import open_db\n"
        "from companion.core.safety.disclosure import mark_disclosure_seen\n"
        "db = open_db(); mark_disclosure_seen(db, datetime.now(UTC)); db.close()\n"
    )
    home.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-c", code], check=True, env=_env(home, python_path), cwd=home)


def _env(home: Path, python_path: str | None) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env["COMPANION_HOME"] = str(home)
    env["TERM"] = "xterm-256color"
    if python_path:
        env["PYTHONPATH"] = python_path
    return env


def _screen(session: str) -> str:
    return _tmux("capture-pane", "-p", "-t", session)


def _wait_for(session: str, needle: str, timeout: float = 30.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if needle in _screen(session):
            return
        time.sleep(0.1)
    raise TimeoutError(f"{needle!r} never appeared:\n{_screen(session)}")


@dataclass
class KillResult:
    typed: int  # characters sent
    saved: int  # characters in the draft after the kill
    seconds: float  # how long the typing went on

    @property
    def lost(self) -> int:
        return self.typed - self.saved


def type_then_kill(
    home: Path, rate: float, seconds: float, python_path: str | None = None
) -> KillResult:
    """Open the editor, type at ``rate`` chars/s for ``seconds``, SIGKILL, read the draft."""
    _prepare(home, python_path)
    session = f"drafts-{uuid.uuid4().hex[:8]}"
    env = _env(home, python_path)
    command = " ".join(
        [f"{k}={v!r}" for k, v in env.items() if k in ("COMPANION_HOME", "PYTHONPATH", "TERM")]
    )
    _tmux(
        "new-session",
        "-d",
        "-s",
        session,
        "-x",
        "80",
        "-y",
        "24",
        "-c",
        str(home),
        f"exec env {command} {sys.executable} -m companion",
    )
    try:
        pid = int(_tmux("display", "-p", "-t", session, "#{pane_pid}").strip())
        _wait_for(session, "Journal")
        _tmux("send-keys", "-t", session, "n")
        _wait_for(session, "Write freely")
        text = (TEXT * (int(rate * seconds) // len(TEXT) + 1))[: int(rate * seconds)]
        start = time.monotonic()
        for index, char in enumerate(text):
            wait = start + index / rate - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            _tmux("send-keys", "-t", session, "-l", char)
        time.sleep(max(0.0, start + len(text) / rate - time.monotonic()))
        os.kill(pid, signal.SIGKILL)
        elapsed = time.monotonic() - start
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True, check=False)
    return KillResult(len(text), len(_draft(home, python_path)), elapsed)


def _draft(home: Path, python_path: str | None) -> str:
    code = (
        "import sys\nfrom companion.core.store import open_db, drafts\n"
        "db = open_db(); sys.stdout.write(drafts.load_draft(db, 'journal:new') or ''); db.close()\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        check=True,
        capture_output=True,
        text=True,
        env=_env(home, python_path),
        cwd=home,
    )
    return result.stdout


def stamp() -> str:
    return datetime.now(UTC).strftime("%H%M%S")
