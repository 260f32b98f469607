"""Every byte the store reads or writes outside SQLite goes through here.

Why one module: closing *any* descriptor of a file drops every POSIX advisory lock this process
holds on it, including the shared lock SQLite's WAL mode relies on to know that a connection is
still open ("How To Corrupt An SQLite Database File", section 2.2). A plain ``open()``/``close()``
of the database while a connection is open lets the next process to close its connection
believe it was the last, checkpoint and delete the WAL under our feet: confirmed writes vanish
and the file can end up malformed. So:

* The database's header (SQLite or SQLCipher, and the SQLCipher salt) is read with a plain
  descriptor only while this process has no connection on that file. Every connection the store
  opens is registered here first (``track``); while any is open, ``header`` answers from what the
  registered connections know (their kind and salt), never from the file.
* The same file is never opened by two SQLite libraries at once in one process (the standard
  library's and SQLCipher's each keep their own lock bookkeeping, section 2.3): ``track``
  refuses.
* ``erase``, ``read_bytes``, ``open_elsewhere`` and the other helpers refuse a path that is the
  live database (or its -wal/-shm) of an open connection, and ``erase`` never overwrites a file
  that has another name (a hard link), since the bytes belong to that name too.

tests/test_integrity_files.py checks that no other module of ``companion`` opens files this way.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from companion.core import paths
from companion.core.store.faults import kill_point

SQLITE_HEADER = b"SQLite format 3\x00"
SALT_BYTES = 16
FILE_MODE = paths.FILE_MODE
SIDE_SUFFIXES = ("-wal", "-shm", "-journal")
SHM_DMS_BYTE = 128  # SQLite's unix VFS: every open connection holds a read lock on this byte

Kind = Literal["missing", "sqlite", "encrypted", "other"]
Library = Literal["sqlite3", "sqlcipher"]


class FileAccessError(RuntimeError):
    """A file operation that would break SQLite's locks or destroy a live database."""


@dataclass(frozen=True)
class Header:
    """What the first bytes of a database file say."""

    kind: Kind
    salt: bytes = b""  # the SQLCipher salt (first 16 bytes) of an encrypted file


@dataclass
class _Live:
    library: Library
    header: Header
    count: int = 0


_LOCK = threading.RLock()
_LIVE: dict[str, _Live] = {}


def _key(path: Path) -> str:
    return os.path.realpath(path)


def _main_of(path: Path) -> str:
    """The database a path belongs to: itself, or the file whose -wal/-shm/-journal it is."""
    key = _key(path)
    for suffix in SIDE_SUFFIXES:
        if key.endswith(suffix):
            return key[: -len(suffix)]
    return key


def is_live(path: Path) -> bool:
    """Whether this process has an open connection on ``path`` (or the database it belongs to)."""
    with _LOCK:
        live = _LIVE.get(_main_of(path))
        return live is not None and live.count > 0


def _refuse_live(path: Path, what: str) -> None:
    if is_live(path):
        raise FileAccessError(
            f"Refusing to {what} {path}: this process has the database open (closing a plain "
            "descriptor would drop SQLite's locks)."
        )


def track(path: Path, library: Library, header: Header) -> Callable[[], None]:
    """Register a connection about to be opened on ``path``; returns the function to call once
    when it closes. Refuses a second SQLite library on a file the other one has open."""
    key = _key(path)
    with _LOCK:
        live = _LIVE.get(key)
        if live is not None and live.count > 0:
            if live.library != library:
                raise FileAccessError(
                    f"{path} is open through {live.library}; opening it through {library} in "
                    "the same process would break SQLite's locks."
                )
            if header.kind == "encrypted" and live.header.kind != "encrypted":
                live.header = header
        else:
            live = _LIVE[key] = _Live(library, header)
        live.count += 1
    released = False

    def release() -> None:
        nonlocal released
        with _LOCK:
            if released:
                return
            released = True
            current = _LIVE.get(key)
            if current is not None:
                current.count -= 1
                if current.count <= 0:
                    del _LIVE[key]

    return release


def _classify(head: bytes, size: int) -> Header:
    if size == 0:
        return Header("missing")
    if head == SQLITE_HEADER:
        return Header("sqlite")
    if len(head) == SALT_BYTES and size >= 1024 and size % 512 == 0:
        return Header("encrypted", head)
    return Header("other")


def header(path: Path) -> Header:
    """The kind of database file at ``path`` ("missing" also for an empty file).

    Reads the file only while no connection of this process is open on it; otherwise answers
    from the open connections (a file cannot change kind under an open connection: encrypt,
    decrypt and restore refuse while it is open anywhere)."""
    with _LOCK:
        live = _LIVE.get(_key(path))
        if live is not None and live.count > 0:
            return live.header
        try:
            fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
        except FileNotFoundError:
            return Header("missing")
        try:
            size = os.fstat(fd).st_size
            head = os.pread(fd, SALT_BYTES, 0)
        finally:
            os.close(fd)
        return _classify(head, size)


def size(path: Path) -> int:
    """The size of a file, 0 when it is missing (a stat, which touches no lock)."""
    try:
        return path.stat().st_size
    except FileNotFoundError:
        return 0


def read_bytes(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a file that is not a live database (all, or the first ``limit``)."""
    _refuse_live(path, "read")
    with path.open("rb") as handle:
        return handle.read() if limit is None else handle.read(limit)


def read_text(path: Path) -> str:
    """A UTF-8 text file that is not a live database."""
    return read_bytes(path).decode("utf-8")


def create_private(path: Path) -> None:
    """Create an empty file with mode 0600 (so everything later written to it, and the -journal
    SQLite makes next to it with the same mode, is private from its first byte). An existing
    file is erased first."""
    erase(path)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, FILE_MODE)
    os.close(fd)


def write_atomic(target: Path, *chunks: bytes | memoryview, step: str | None = None) -> None:
    """Write a file atomically with mode 0600: a temporary file next to it (0600 from its first
    byte), fsync, rename. A kill leaves the old file or the new one; the temporary file it may
    leave is named in an intent (``intents.py``) and erased on the next start. ``step`` names
    the kill point just before the rename (tests)."""
    _refuse_live(target, "overwrite")
    paths.write_atomic(
        target,
        chunks,
        before_replace=None if step is None else (lambda: kill_point(step)),
        discard=erase,
    )


def temp_name(target: Path) -> Path:
    """The temporary file ``write_atomic`` uses for ``target`` in this process."""
    return paths.temp_name(target)


def copy_private(source: Path, target: Path) -> None:
    """Copy a file (a backup, never a live database) into a new 0600 file, flushed to disk."""
    _refuse_live(source, "copy")
    _refuse_live(target, "overwrite")
    create_private(target)
    with source.open("rb") as src:
        fd = os.open(target, os.O_WRONLY | os.O_CLOEXEC)
        paths.write_synced(fd, iter(lambda: src.read(1 << 20), b""))


def erase(path: Path) -> None:
    """Overwrite a file with zeros, flush it, then unlink it (no error if it is missing).

    A file with another name (a hard link: the database and its ``.old`` during a swap) is only
    unlinked, since its bytes are still the other name's. A symbolic link is only unlinked.
    Refuses the live database of an open connection and its side files. On copy-on-write file
    systems and SSDs old blocks may survive elsewhere on the device (docs/PRIVACY.md)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        return
    _refuse_live(path, "erase")
    if stat.S_ISREG(info.st_mode) and info.st_nlink == 1 and info.st_size > 0:
        with contextlib.suppress(OSError):
            fd = os.open(path, os.O_WRONLY | os.O_NOFOLLOW | os.O_CLOEXEC)
            try:
                chunk = b"\0" * 65536
                remaining = info.st_size
                while remaining > 0:
                    remaining -= os.write(fd, chunk[: min(remaining, len(chunk))])
                os.fsync(fd)
            finally:
                os.close(fd)
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def same_file(a: Path, b: Path) -> bool:
    """Whether two names point at the same inode (a hard link)."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def unlink(path: Path) -> None:
    """Remove a name (no error if it is missing); the bytes stay with any other name."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()


def open_lock(path: Path) -> int:
    """A descriptor on a lock file of ``intents`` (created 0600), for ``flock``."""
    return os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, FILE_MODE)


def link(source: Path, name: Path) -> None:
    os.link(source, name)


def replace(source: Path, target: Path) -> None:
    os.replace(source, target)


def rename(source: Path, target: Path) -> None:
    os.rename(source, target)


def fsync_file(path: Path) -> None:
    """Flush a file's data to disk (the new database before it is renamed into place)."""
    _refuse_live(path, "flush")
    fd = os.open(path, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def fsync_dir(path: Path) -> None:
    """Flush a folder, so that a rename in it survives a power cut (best effort)."""
    paths.fsync_dir(path)


def open_elsewhere(path: Path) -> bool:
    """Whether another process has the database open right now.

    Every SQLite connection in WAL mode holds a shared lock on one byte of the -shm file (the
    "dead man switch") for as long as it is open, even when idle; this tries to take that byte
    exclusively. Refused while this process has a connection open on it: POSIX locks never
    conflict within one process, and closing the descriptor would drop our own locks.
    """
    import fcntl

    _refuse_live(path, "probe the locks of")
    shm = path.with_name(path.name + "-shm")
    try:
        fd = os.open(shm, os.O_RDWR | os.O_CLOEXEC)
    except OSError:
        return False
    try:
        fcntl.lockf(fd, fcntl.LOCK_EX | fcntl.LOCK_NB, 1, SHM_DMS_BYTE)
    except OSError as error:
        return error.errno in (errno.EACCES, errno.EAGAIN)
    else:
        fcntl.lockf(fd, fcntl.LOCK_UN, 1, SHM_DMS_BYTE)
        return False
    finally:
        os.close(fd)
