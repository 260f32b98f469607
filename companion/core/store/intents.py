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

The intent files themselves (write, advance, find, claim) live in ``intent_files``, which both
this module and ``recovery`` build on; the names are re-exported here.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import threading
from collections.abc import Iterator
from pathlib import Path

from companion.core.store import files, recovery
from companion.core.store.faults import KILL_ENV, kill_point
from companion.core.store.intent_files import (
    Intent,
    begin,
    claim,
    finish,
    flock_wait,
    load,
    lock_file,
    ops_dir,
    pending,
)

__all__ = [
    "KILL_ENV",
    "REPORTS",
    "BusyError",
    "Intent",
    "begin",
    "claim",
    "exclusive",
    "finish",
    "kill_point",
    "load",
    "lock_file",
    "operation",
    "ops_dir",
    "pending",
    "prepare",
    "release_all",
]

WAIT_SECONDS = 120.0  # how long a starting process waits for an encrypt or restore to finish
_SESSIONS: dict[str, int] = {}
_LOCK = threading.RLock()
REPORTS: list[str] = []  # what recovery did in this process, for `doctor` and the app


class BusyError(Exception):
    """Another companion process is running (or changing the files); str() is one sentence."""


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
            from companion.core import paths

            paths.ensure_private_dir(folder)
            fd = files.open_lock(folder / "session.lock")
        except OSError:
            return []
        if flock_wait(fd, fcntl.LOCK_EX, 0):
            try:
                messages = recovery.recover(db_path, exclusive=True)
            finally:
                fcntl.flock(fd, fcntl.LOCK_SH)
        else:
            if not flock_wait(fd, fcntl.LOCK_SH, WAIT_SECONDS):
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
    if not flock_wait(fd, fcntl.LOCK_EX, 0):
        fcntl.flock(fd, fcntl.LOCK_SH)  # a failed upgrade has dropped the shared lock
        raise BusyError(
            "companion is open in another window or process: close it first. Nothing was changed."
        )
    try:
        yield
    finally:
        fcntl.flock(fd, fcntl.LOCK_SH)


@contextlib.contextmanager
def operation(op: str, db_path: Path, **named: Path) -> Iterator[Intent]:
    """``begin`` ... ``finish``; an exception inside is repaired at once, the way the next
    start would repair a kill, then re-raised."""
    intent = begin(op, db_path, **named)
    try:
        yield intent
    except BaseException:
        with contextlib.suppress(Exception):
            recovery.repair(intent)
        finish(intent)
        raise
    finish(intent)
