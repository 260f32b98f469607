"""Opening the store for the commands a person types many times a day, without sqlite-utils.

`companion journal add/list/search` and `companion checkin` use the store's plain-SQL
functions (``journal``, ``checkins``, ``search``, ``tags``, ``safety.record_safety_event``),
which take any connection with ``execute``. Importing sqlite-utils costs 0.1-0.4 s (numpy,
dateutil, pluggy's entry-point scan), several times the rest of such a command, so
``open_quick`` hands them a plain ``sqlite3`` connection with the same pragmas as ``open_db``
when it can tell cheaply that nothing else is needed: the file exists, is plain SQLite (not
encrypted), and every migration this version knows has been applied (one indexed read of
``_sqlite_migrations``). Otherwise (a new, encrypted, unreadable or out-of-date file) it calls
``open_db``, which migrates, asks for the passphrase or explains the problem exactly as before,
and returns that connection. The store stays the only place with SQL, and migrations still
run whenever one is due.
"""

from __future__ import annotations

import sqlite3
from pathlib import Path

from companion.core import paths
from companion.core.store import files
from companion.core.store.connection import BUSY_TIMEOUT_MS, connect_plain
from companion.core.store.db import secure_files

#: Every migration in ``companion.core.store.migrations``, in order. A test checks that this
#: matches; a stale list is never wrong, only slow (every command would take the full path).
MIGRATIONS: tuple[str, ...] = (
    "m001_core_tables",
    "m002_full_text_search",
    "m003_drafts_and_safety_events",
    "m004_tags_from_text",
)

#: The pragmas ``open_db`` sets on every connection (a test compares the two).
PRAGMAS = (
    f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}",
    "PRAGMA journal_mode = WAL",
    "PRAGMA synchronous = FULL",
    "PRAGMA foreign_keys = ON",
    "PRAGMA secure_delete = ON",
    "PRAGMA temp_store = MEMORY",
)


def _plain_sqlite(path: Path) -> bool:
    """Through ``files.header``: never a plain open() of a file this process has open."""
    try:
        return files.header(path).kind == "sqlite"
    except OSError:
        return False


def up_to_date(connection: sqlite3.Connection) -> bool:
    """Whether every migration this version knows has been applied, and no other."""
    try:
        rows = connection.execute(
            "select name from _sqlite_migrations where migration_set = ?", ["companion"]
        ).fetchall()
    except sqlite3.DatabaseError:
        return False
    return sorted(str(row[0]) for row in rows) == sorted(MIGRATIONS)


def open_quick(path: Path | None = None) -> sqlite3.Connection:
    """A connection to the companion database for the quick commands (see the module
    docstring); raises ``StoreError`` like ``open_db`` when the full path is taken."""
    path = path or paths.db_path()
    from companion.core.store.recovery import forget_pending

    if _plain_sqlite(path) and not forget_pending(path):  # open_db finishes a forget
        connection = connect_plain(path)
        try:
            for pragma in PRAGMAS:
                connection.execute(pragma)
            if up_to_date(connection):
                secure_files(path)
                return connection
        except sqlite3.DatabaseError:
            pass
        connection.close()
    from companion.core.store.db import open_db

    return open_db(path).conn
