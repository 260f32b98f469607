"""The intents of journaled file operations, as files: write, advance, finish, find, claim.

``intents`` (the session locks, ``operation``) and ``recovery`` (finishing what a killed
operation left) both build on this module, so neither imports the other at call time.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from companion.core.store import files

_COUNTER = itertools.count(1)


def ops_dir(db_path: Path) -> Path:
    return db_path.parent / "ops"


def flock_wait(fd: int, how: int, wait: float) -> bool:
    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, how | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            if time.monotonic() >= deadline:
                return False
            time.sleep(0.05)


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
        from companion.core import paths

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
    if flock_wait(fd, fcntl.LOCK_EX, 0):
        return fd
    os.close(fd)
    return None
