"""Opening the one SQLite file: pragmas, permissions, migrations and clear errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core import paths
from companion.core.store import files, intents
from companion.core.store.connection import BUSY_TIMEOUT_MS, connect_plain

if TYPE_CHECKING:
    from sqlite_utils import Database

# sqlite-utils (and the migrations built on it) is imported inside open_db: importing it costs
# ~0.1-0.4 s (numpy, dateutil, pluggy's entry-point scan), which the quick CLI commands, which
# go through ``companion.core.store.quick``, do not pay when no migration is due.


class StoreError(Exception):
    """A problem with the database the person can act on; str() is one clear sentence."""


class PassphraseRequiredError(StoreError):
    """The database is encrypted and no passphrase was given (argument or environment)."""

    def __init__(self, path: Path) -> None:
        self.path = path
        super().__init__(
            f"The database at {path} is encrypted: enter its passphrase, or set "
            "COMPANION_PASSPHRASE for scripts."
        )


class WrongPassphraseError(StoreError):
    """The passphrase does not open the database; nothing was changed."""


class CorruptDatabaseError(StoreError):
    """The file exists but is not a readable companion database. It is never modified."""

    def __init__(self, path: Path, detail: str) -> None:
        self.path = path
        self.detail = detail
        super().__init__(
            f"The database at {path} cannot be read ({detail}). It has been left untouched; "
            "run `companion restore` to bring back the latest good backup."
        )


def _side_files(path: Path) -> list[Path]:
    return [path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")]


def secure_files(path: Path) -> None:
    """Make the database and its -wal/-shm side files readable by the owner only."""
    for file in _side_files(path):
        paths.make_private(file)


def _connect(
    path: Path, conn: sqlite3.Connection | None, passphrase: str | None, existed: bool
) -> sqlite3.Connection:
    if conn is not None:
        return conn
    from companion.core.store import crypto

    encrypted = existed and crypto.is_encrypted(path)
    if encrypted and passphrase is None and not crypto.is_unlocked(path):
        passphrase = crypto.passphrase_from_env()
        if passphrase is None:
            raise PassphraseRequiredError(path)
    if encrypted or (passphrase is not None and not existed):
        try:
            return crypto.connect_encrypted(path, passphrase)
        except crypto.PassphraseError as error:
            raise WrongPassphraseError(str(error)) from None
    return connect_plain(path)


def open_db(
    path: Path | None = None,
    *,
    migrate: bool = True,
    conn: sqlite3.Connection | None = None,
    passphrase: str | None = None,
) -> Database:
    """Open (creating if needed) the companion database and bring its schema up to date.

    ``conn`` lets a caller hand over an already-open connection; otherwise a plain file is
    opened with the standard library's sqlite3 and an encrypted one with SQLCipher, keyed from
    ``passphrase``, else the key kept by ``crypto.unlock(path, passphrase)`` (what the TUI
    does once at start, so workers need nothing), else the COMPANION_PASSPHRASE environment
    variable. A new file opened with a passphrase is created encrypted. Raises ``StoreError`` with a sentence the
    person can act on: ``PassphraseRequiredError`` (ask, then call again),
    ``WrongPassphraseError`` (nothing changed) and ``CorruptDatabaseError`` for an unreadable
    file, which is left exactly as it was.
    """
    path = path or paths.db_path()
    try:
        paths.ensure_private_dir(path.parent)
    except OSError as error:
        raise StoreError(
            f"Cannot create the data folder {path.parent}: {error.strerror}."
        ) from None
    try:
        intents.prepare(path)  # waits for an encrypt/restore in progress, repairs leftovers
    except intents.BusyError as error:
        raise StoreError(str(error)) from None
    existed = path.exists() and path.stat().st_size > 0
    if existed:
        _check_header(path)
    connection = _connect(path, conn, passphrase, existed)
    from sqlite_utils import Database

    try:
        db = Database(connection)
        db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        db.execute("PRAGMA schema_version").fetchone()
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA synchronous = FULL")
        db.execute("PRAGMA foreign_keys = ON")
        db.execute("PRAGMA secure_delete = ON")
        # Sorts, temp tables and VACUUM's working copy stay in memory: SQLite's temp files
        # are plain text even for an encrypted database, and would outlive a forget on disk.
        db.execute("PRAGMA temp_store = MEMORY")
    except sqlite3.DatabaseError as error:
        connection.close()  # a connection left open would hold the file (and its locks)
        message = str(error)
        if "not a database" in message or "malformed" in message:
            raise CorruptDatabaseError(path, message) from None
        if "readonly" in message or "unable to open" in message:
            raise StoreError(
                f"Cannot open the database at {path} for writing ({message}); check that the "
                "folder is writable and the disk is not full."
            ) from None
        problem = storage_problem(error, path, opening=True)
        if problem is not None:
            raise StoreError(problem) from None
        raise StoreError(f"Cannot open the database at {path}: {message}.") from None
    if migrate:
        try:
            _apply_migrations(db)
        except sqlite3.DatabaseError as error:
            connection.close()
            message = str(error)
            if "malformed" in message or "not a database" in message:
                raise CorruptDatabaseError(path, message) from None
            raise StoreError(f"Cannot update the database at {path}: {message}.") from None
    secure_files(path)
    _resume_forget(db, path)
    return db


def _resume_forget(db: Database, path: Path) -> None:
    """Finish a `forget --all` that was killed before its rows were gone (``recovery``)."""
    from companion.core.store import recovery

    if not recovery.forget_pending(path):
        return
    from companion.core.store.forget import resume_forget

    message = resume_forget(db, path)
    if message:
        intents.REPORTS.append(message)


def _apply_migrations(db: Database) -> None:
    """Apply pending migrations. Two processes starting on a new database at once can both
    see a migration as pending; the second then finds its tables made, so it looks again."""
    from companion.core.store.migrations import migrations

    try:
        migrations.apply(db)
    except sqlite3.OperationalError as error:
        if "already exists" not in str(error):
            raise
        migrations.apply(db)


def _check_header(path: Path) -> None:
    """Refuse a file that is not SQLite before sqlite3 gets a chance to touch it (read through
    ``files.header``, which never opens a file this process has a connection on)."""
    try:
        kind = files.header(path).kind
    except OSError as error:
        raise StoreError(f"Cannot read the database at {path}: {error.strerror}.") from None
    if kind == "other":
        raise CorruptDatabaseError(path, "it is not an SQLite database")


def storage_problem(
    error: BaseException, path: Path | None = None, *, opening: bool = False
) -> str | None:
    """One sentence for a write (or, with ``opening``, an open) that failed because of the
    disk: full, read-only, or an I/O error; None for any other error. SQLite rolls a failed
    transaction back, so nothing is half-written, and the sentence says so."""
    text = str(error).lower()
    where = str((path or paths.db_path()).parent)
    if "disk is full" in text or "no space" in text:
        cause = f"the disk holding {where} is full"
        advice = "free some space and try again"
    elif "readonly" in text or "read-only" in text or "unable to open" in text:
        cause = f"{where} cannot be written to (read-only or no permission)"
        advice = "check the folder's permissions and the disk"
    elif "disk i/o error" in text:
        cause = f"the disk holding {where} reported an error (it may be full)"
        advice = "check the disk and its free space, then try again"
    else:
        return None
    if opening:
        return f"Cannot open the database at {path or paths.db_path()}: {cause}; {advice}."
    return f"Could not save: {cause}. Nothing was half-written; {advice}."


def open_elsewhere(path: Path) -> bool:
    """Whether another process has the database open right now (see ``files.open_elsewhere``)."""
    return files.open_elsewhere(path)


def integrity_problems(db: Database, *, full: bool = False) -> list[str]:
    """Run PRAGMA quick_check (or integrity_check); an empty list means the file is sound."""
    pragma = "integrity_check" if full else "quick_check"
    try:
        rows = [row[0] for row in db.execute(f"PRAGMA {pragma}").fetchall()]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if rows == ["ok"] else rows


def schema_version(db: Database) -> int:
    """How many of our migrations have been applied."""
    if not db["_sqlite_migrations"].exists():
        return 0
    return int(
        db.execute(
            "select count(*) from _sqlite_migrations where migration_set = ?", ["companion"]
        ).fetchone()[0]
    )
