"""Multi-step file operations as small journaled transactions, and their recovery.

Encrypt/decrypt/passphrase change, restore, backup, export and ``forget --all`` each change
several files. Before the first step an *intent* is written to ``<data>/ops/<op>-<pid>-<n>.json``
(0600, fsynced, renamed into place) and a lock file next to it is held with ``flock`` for as long
as the operation runs. The intent names every file the operation creates and the step it has
reached. When the process dies (SIGKILL, power cut), the lock goes with it; the next companion
process to start (any command, and the app) finds the intent, sees that nobody holds its lock,
finishes or rolls back the operation (``recovery.py``), erases any plaintext copy it left next to
an encrypted journal, and says in one line what it did.

Every process holds ``<data>/ops/session.lock`` shared while it runs (taken by ``prepare``, which
``open_db`` calls). Operations that swap the database file (encrypt, decrypt, passphrase change,
restore) take it exclusively: they are refused while another companion process is running, and
a process starting meanwhile waits for them to finish instead of opening a file about to be
replaced. Recovery of those operations happens under the exclusive lock, so no other process can
have the database open while it is repaired. The locks are ``flock`` locks on their own files,
never POSIX locks on the database, so they cannot disturb SQLite's.
"""

from __future__ import annotations

import contextlib
import fcntl
import itertools
import json
import os
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.store import files

WAIT_SECONDS = 120.0  # how long a starting process waits for an encrypt or restore to finish
_SESSIONS: dict[str, int] = {}
_LOCK = threading.RLock()
_COUNTER = itertools.count(1)
REPORTS: list[str] = []  # what recovery did in this process, for `doctor` and the app


KILL_ENV = "COMPANION_KILL_AT"  # fault injection for tests and bench/integrity.py


def kill_point(name: str) -> None:
    """Die here (SIGKILL) when COMPANION_KILL_AT names this step: how the tests and
    bench/integrity.py interrupt an operation at an exact step, in a real process."""
    if os.environ.get(KILL_ENV) == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)


class BusyError(Exception):
    """Another companion process is running (or changing the files); str() is one sentence."""


def ops_dir(db_path: Path) -> Path:
    return db_path.parent / "ops"


def _flock(fd: int, how: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, how | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


def prepare(db_path: Path) -> list[str]:
    """Once per process and data folder, before the first connection: take the shared session
    lock (waiting for an encrypt or restore in progress) and repair what an interrupted
    operation left. Returns one line per repair. A folder that cannot be written (read-only)
    is left alone: there is nothing this could repair there."""
    folder = ops_dir(db_path)
    key = os.path.realpath(folder)
    with _LOCK:
        if key in _SESSIONS:
            return []
        try:
            from companion import paths

            paths.ensure_private_dir(folder)
            fd = files.open_lock(folder / "session.lock")
        except OSError:
            return []
        from companion.store import recovery

        if _flock(fd, fcntl.LOCK_EX, 0):
            try:
                messages = recovery.recover(db_path, exclusive=True)
            finally:
                fcntl.flock(fd, fcntl.LOCK_SH)
        else:
            if not _flock(fd, fcntl.LOCK_SH, WAIT_SECONDS):
                os.close(fd)
                raise BusyError(
                    "Another companion command is still changing the database files (encrypt "
                    "or restore); try again when it has finished."
                )
            messages = recovery.recover(db_path, exclusive=False)
        _SESSIONS[key] = fd
        REPORTS.extend(messages)
        return messages


def release_all() -> None:
    """Let go of every session lock this process holds (tests, between data folders)."""
    with _LOCK:
        for fd in _SESSIONS.values():
            with contextlib.suppress(OSError):
                os.close(fd)
        _SESSIONS.clear()
        REPORTS.clear()
    from companion.store import recovery

    recovery.release_forget_claims()


@contextlib.contextmanager
def exclusive(db_path: Path) -> Iterator[None]:
    """Hold the data folder alone for an operation that replaces the database file. Raises
    BusyError when another companion process is running."""
    prepare(db_path)
    fd = _SESSIONS.get(os.path.realpath(ops_dir(db_path)))
    if fd is None:  # a folder that cannot be written: nothing to coordinate with
        yield
        return
    if not _flock(fd, fcntl.LOCK_EX, 0):
        fcntl.flock(fd, fcntl.LOCK_SH)  # a failed upgrade has dropped the shared lock
        raise BusyError(
            "companion is open in another window or process: close it first. Nothing was changed."
        )
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_SH)


@dataclass
class Intent:
    """One operation in progress: what it is, the files it touches, the step it has reached."""

    op: str
    db: str
    files: dict[str, str] = field(default_factory=dict)
    step: str = "start"
    extra: dict[str, Any] = field(default_factory=dict)
    path: Path | None = None
    _lock_fd: int | None = None

    def to_json(self) -> bytes:
        data = {"op": self.op, "db": self.db, "files": self.files, "step": self.step}
        return json.dumps({**data, "extra": self.extra, "pid": os.getpid()}).encode()

    def file(self, name: str) -> Path:
        return Path(self.files[name])

    def advance(self, step: str) -> None:
        """Record that the operation has reached ``step`` (fsynced before the step begins)."""
        self.step = step
        if self.path is not None:
            files.write_atomic(self.path, self.to_json())


def lock_file(intent_file: Path) -> Path:
    return intent_file.with_suffix(".lock")


def begin(op: str, db_path: Path, **named: Path) -> Intent:
    """Write the intent of an operation and hold its lock; ``finish`` it when done."""
    intent = Intent(op, str(db_path), {k: str(v) for k, v in named.items()})
    folder = ops_dir(db_path)
    try:
        from companion import paths

        paths.ensure_private_dir(folder)
    except OSError:
        return intent  # no journal in a read-only folder (the operation will fail anyway)
    name = f"{op}-{os.getpid()}-{next(_COUNTER)}"
    fd = files.open_lock(folder / f"{name}.lock")
    fcntl.flock(fd, fcntl.LOCK_EX)
    intent._lock_fd = fd
    intent.path = folder / f"{name}.json"
    files.write_atomic(intent.path, intent.to_json())
    return intent


def finish(intent: Intent) -> None:
    """The operation is complete (or was undone in process): forget its intent."""
    if intent.path is not None:
        files.unlink(intent.path)
        files.unlink(lock_file(intent.path))
        files.fsync_dir(intent.path.parent)
    if intent._lock_fd is not None:
        os.close(intent._lock_fd)
        intent._lock_fd = None


@contextlib.contextmanager
def operation(op: str, db_path: Path, **named: Path) -> Iterator[Intent]:
    """``begin`` ... ``finish``; an exception inside is repaired at once, the way the next
    start would repair a kill, then re-raised."""
    intent = begin(op, db_path, **named)
    try:
        yield intent
    except BaseException:
        from companion.store import recovery

        with contextlib.suppress(Exception):
            recovery.repair(intent)
        finish(intent)
        raise
    finish(intent)


def load(intent_file: Path) -> Intent | None:
    try:
        data = json.loads(files.read_bytes(intent_file))
        return Intent(
            str(data["op"]),
            str(data["db"]),
            {str(k): str(v) for k, v in dict(data.get("files", {})).items()},
            str(data.get("step", "start")),
            dict(data.get("extra", {})),
            intent_file,
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def pending(db_path: Path) -> list[Path]:
    """Intent files in the data folder (of operations running now or interrupted)."""
    folder = ops_dir(db_path)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.glob("*.json") if not p.name.startswith("."))


def claim(intent_file: Path) -> int | None:
    """Take the lock of an intent whose process is gone (its fd), or None while it runs."""
    try:
        fd = files.open_lock(lock_file(intent_file))
    except OSError:
        return None
    if _flock(fd, fcntl.LOCK_EX, 0):
        return fd
    os.close(fd)
    return None
