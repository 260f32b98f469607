"""Backups through the SQLite backup API: automatic (at most daily), on demand, and restore.

A backup is a complete database file in ``paths.backups_dir()`` named by its UTC time
(``companion-20261122-021834.db``); an encrypted database gives encrypted backups under the
same passphrase. Every new copy is integrity-checked before older ones are rotated away, and
a database that fails its own check is never copied, so a corrupt file never pushes out a good
backup. Restoring sets the current file aside (renamed, never overwritten) before the copy
goes in; ``set_aside_corrupt`` does the same for a file that cannot be read.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlite_utils import Database

from companion.core import paths
from companion.core.clock import local_date, utc_now
from companion.core.store import crypto, files, intents
from companion.core.store.connection import connect_plain
from companion.core.store.connection_cipher import CipherConnection, connect_cipher
from companion.core.store.db import integrity_problems, open_elsewhere

PREFIX = "companion-"
SUFFIX = ".db"
_STAMP = "%Y%m%d-%H%M%S"


class BackupError(Exception):
    """A backup or restore that could not be done; str() is one clear sentence."""


@dataclass(frozen=True)
class RestoreResult:
    restored_from: Path
    set_aside: Path | None


def backup_name(moment: datetime) -> str:
    return f"{PREFIX}{moment.astimezone(UTC).strftime(_STAMP)}{SUFFIX}"


def backup_time(path: Path) -> datetime | None:
    """The UTC moment in a backup's name, or None for a file that is not one of ours."""
    name = path.name
    if not (name.startswith(PREFIX) and name.endswith(SUFFIX)):
        return None
    try:
        return datetime.strptime(name[len(PREFIX) : -len(SUFFIX)], _STAMP).replace(tzinfo=UTC)
    except ValueError:
        return None


def list_backups(directory: Path | None = None) -> list[Path]:
    """Our backup files, newest first."""
    folder = directory or paths.backups_dir()
    if not folder.is_dir():
        return []
    dated = [(moment, p) for p in folder.iterdir() if p.is_file() and (moment := backup_time(p))]
    return [p for _, p in sorted(dated, reverse=True)]


def _open_copy(
    path: Path, like: sqlite3.Connection | None, passphrase: str | None
) -> sqlite3.Connection:
    """Open a backup file: keyed like ``like`` (a live connection) or from the passphrase."""
    if isinstance(like, CipherConnection):
        return connect_cipher(path, like.key_pragma)
    if crypto.is_encrypted(path):
        secret = passphrase or crypto.passphrase_from_env()
        if secret is None and not crypto.is_unlocked(path):
            raise BackupError(f"The backup {path.name} is encrypted: a passphrase is needed.")
        try:
            return crypto.connect_encrypted(path, secret)
        except crypto.PassphraseError as error:
            raise BackupError(str(error)) from None
    return connect_plain(path)


def check_file(path: Path, passphrase: str | None = None) -> list[str]:
    """Problems found by quick_check in a database file (empty list: it is sound)."""
    try:
        connection = _open_copy(path, None, passphrase)
    except (BackupError, sqlite3.DatabaseError) as error:
        return [str(error)]
    try:
        db = Database(connection)
        problems = integrity_problems(db)
        if not problems and not db["_sqlite_migrations"].exists():
            problems = ["it is not a companion database"]
        return problems
    finally:
        connection.close()


def backup_now(db: Database, *, now: datetime | None = None, directory: Path | None = None) -> Path:
    """Copy the open database into a new, checked backup file and return its path."""
    problems = integrity_problems(db)
    if problems:
        raise BackupError(
            f"The database failed its integrity check ({problems[0]}); no backup was made, "
            "so the existing backups stay as they are."
        )
    folder = paths.ensure_private_dir(directory or paths.backups_dir())
    target = folder / backup_name(now or utc_now())
    partial = target.with_name(target.name + ".partial")
    with intents.operation("backup", _db_file(db), partial=partial):
        files.create_private(partial)  # 0600 before the first byte of the copy
        destination = _open_copy(partial, db.conn, None)
        try:
            db.conn.backup(destination)
            destination.execute("PRAGMA journal_mode = DELETE")
            bad = integrity_problems(Database(destination))
        finally:
            destination.close()
        if bad:
            files.erase(partial)
            raise BackupError(f"The new backup did not check out ({bad[0]}); older ones are kept.")
        intents.kill_point("backup:copied")
        files.fsync_file(partial)
        files.replace(partial, target)
        files.fsync_dir(folder)
    return target


def _db_file(db: Database) -> Path:
    """The file of the main database of a connection (for the intent of a backup)."""
    row = db.execute("select file from pragma_database_list where name = 'main'").fetchone()
    return Path(row[0]) if row and row[0] else paths.db_path()


def rotate(keep: int, directory: Path | None = None) -> list[Path]:
    """Delete the oldest backups beyond ``keep``; return what was removed."""
    removed = list_backups(directory)[max(keep, 1) :]
    for old in removed:
        crypto.remove_securely(old)
    return removed


def auto_backup(
    db: Database, *, keep: int, now: datetime | None = None, directory: Path | None = None
) -> Path | None:
    """At start: a backup if none was made today (local date) and ``keep`` > 0, then rotate.

    Returns the new backup, or None when none was due. A database that fails its integrity
    check is not copied (BackupError), and older backups are only removed after the new one
    has passed its own check.
    """
    if keep <= 0:
        return None
    moment = now or utc_now()
    latest = next(iter(list_backups(directory)), None)
    latest_time = backup_time(latest) if latest else None
    if latest_time is not None and local_date(latest_time) == local_date(moment):
        return None
    created = backup_now(db, now=moment, directory=directory)
    rotate(keep, directory)
    return created


def latest_good_backup(passphrase: str | None = None, directory: Path | None = None) -> Path | None:
    """The newest backup that passes its integrity check, or None."""
    for candidate in list_backups(directory):
        if not check_file(candidate, passphrase):
            return candidate
    return None


def _unique(path: Path) -> Path:
    candidate, n = path, 1
    while candidate.exists():
        candidate = path.with_name(f"{path.name}.{n}")
        n += 1
    return candidate


def aside_name(path: Path, *, label: str = "corrupt", now: datetime | None = None) -> Path:
    """A free name like ``companion.db.corrupt-20261122-021834`` next to the database."""
    stamp = (now or utc_now()).astimezone(UTC).strftime(_STAMP)
    return _unique(path.with_name(f"{path.name}.{label}-{stamp}"))


def set_aside_corrupt(path: Path, *, label: str = "corrupt", now: datetime | None = None) -> Path:
    """Rename the database (and its -wal/-shm) out of the way; never overwrites anything.

    Returns the new path of the main file, e.g. ``companion.db.corrupt-20261122-021834``.
    """
    aside = aside_name(path, label=label, now=now)
    _move_aside(path, aside)
    return aside


def _move_aside(path: Path, aside: Path) -> None:
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            files.rename(side, aside.with_name(aside.name + suffix))
    files.rename(path, aside)
    paths.make_private(aside)


def restore(
    source: Path | None = None, *, path: Path | None = None, passphrase: str | None = None
) -> RestoreResult:
    """Put a backup in place of the database (no connection may be open on it).

    ``source`` defaults to the latest good backup. It is checked first; the current database,
    if any, is set aside (renamed ``companion.db.replaced-<time>``), never overwritten. A
    journaled operation: a kill at any step is finished or undone at the next start.
    """
    target = path or paths.db_path()
    try:
        with intents.exclusive(target):
            return _restore_alone(source, target, passphrase)
    except intents.BusyError as error:
        raise BackupError(str(error)) from None


def _restore_alone(source: Path | None, target: Path, passphrase: str | None) -> RestoreResult:
    if open_elsewhere(target):
        raise BackupError(
            "companion is open in another window or process: close it first. Nothing was changed."
        )
    chosen = source or latest_good_backup(passphrase)
    if chosen is None:
        raise BackupError("There is no good backup to restore.")
    problems = check_file(chosen, passphrase)
    if problems:
        raise BackupError(
            f"The backup {chosen} did not check out ({problems[0]}); nothing changed."
        )
    paths.ensure_private_dir(target.parent)
    partial = target.with_name(target.name + ".restoring")
    aside = aside_name(target, label="replaced")
    with intents.operation("restore", target, restoring=partial, aside=aside) as intent:
        intent.advance("copy")
        files.copy_private(chosen, partial)
        intents.kill_point("restore:copied")
        intent.advance("swap")
        had = target.exists()
        if had:
            _move_aside(target, aside)
        intents.kill_point("restore:set-aside")
        files.replace(partial, target)
        files.fsync_dir(target.parent)
    return RestoreResult(restored_from=chosen, set_aside=aside if had else None)
