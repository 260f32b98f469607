"""The two kinds of connection open_db hands to sqlite-utils: plain SQLite and SQLCipher.

Both make every explicit transaction ``BEGIN IMMEDIATE`` (sqlite-utils' ``atomic()`` says
``BEGIN``): a deferred transaction that reads first and then writes can fail at once with
"database is locked" when another process committed in between, whatever the busy timeout,
while an immediate one waits its turn. Statements that start a write outside a transaction
are retried with a short backoff after the busy timeout, so a second process writing at the
same moment delays a save instead of losing it.

The SQLCipher connection raises the standard library's ``sqlite3`` error classes (sqlcipher3
has its own, which neither sqlite-utils nor our store modules catch), so ``insert(alter=True)``,
``drop(ignore=True)`` and ``INSERT ... RETURNING`` through ``db.query`` behave the same on an
encrypted database.
"""

from __future__ import annotations

import re
import sqlite3
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import sqlcipher3

from companion.store import files

BUSY_TIMEOUT_MS = 10_000
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)

_BEGIN = re.compile(r"^\s*begin(\s+(deferred|transaction))?\s*;?\s*$", re.IGNORECASE)
_T = TypeVar("_T")


def immediate(sql: str) -> str:
    """``BEGIN`` / ``BEGIN DEFERRED`` become ``BEGIN IMMEDIATE``; anything else is unchanged."""
    return "BEGIN IMMEDIATE" if _BEGIN.match(sql) else sql


def _is_busy(error: BaseException) -> bool:
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text


def with_retry(call: Callable[[], _T], *, retry: bool) -> _T:
    """Run ``call``; when it fails because another process holds the lock, wait and retry."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return call()
        except (sqlite3.OperationalError, sqlcipher3.dbapi2.OperationalError) as error:
            if not retry or delay is None or not _is_busy(error):
                raise
            time.sleep(delay)
    raise AssertionError("unreachable")


def _tracked(connection: Any, release: Callable[[], None]) -> None:
    """Tell ``files`` when the connection closes (explicitly, or when it is collected)."""
    connection.release_tracking = release
    weakref.finalize(connection, release)


class PlainConnection(sqlite3.Connection):
    """The standard library connection with immediate transactions and busy retries."""

    release_tracking: Callable[[], None] | None = None

    def close(self) -> None:
        super().close()
        if self.release_tracking is not None:
            self.release_tracking()

    def execute(self, sql: str, parameters: Any = (), /) -> sqlite3.Cursor:
        sql = immediate(sql)
        retry = not self.in_transaction
        return with_retry(
            lambda: super(PlainConnection, self).execute(sql, parameters), retry=retry
        )


def connect_plain(path: Path) -> sqlite3.Connection:
    """Open a plain SQLite file in autocommit mode (sqlite-utils manages transactions)."""
    release = files.track(path, "sqlite3", files.Header("sqlite"))
    try:
        connection = sqlite3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            factory=PlainConnection,
            check_same_thread=True,
        )
    except BaseException:
        release()
        raise
    _tracked(connection, release)
    return connection


def _translate(error: Exception) -> Exception:
    """The standard library's exception class with the same name, message and error code."""
    cls = getattr(sqlite3, type(error).__name__, None)
    if not (isinstance(cls, type) and issubclass(cls, sqlite3.Error)):
        cls = sqlite3.DatabaseError
    new = cls(*error.args)
    for attribute in ("sqlite_errorcode", "sqlite_errorname"):
        if hasattr(error, attribute):
            setattr(new, attribute, getattr(error, attribute))
    return new


@contextmanager
def translated() -> Iterator[None]:
    """Re-raise sqlcipher3 errors as the matching ``sqlite3`` errors."""
    try:
        yield
    except sqlcipher3.dbapi2.Error as error:
        raise _translate(error) from error


class CipherCursor(sqlcipher3.dbapi2.Cursor):  # type: ignore[misc]
    """A sqlcipher3 cursor whose errors are the standard library's."""

    def execute(self, sql: str, parameters: Any = (), /) -> CipherCursor:
        with translated():
            super().execute(sql, parameters)
        return self

    def executemany(self, sql: str, seq: Any, /) -> CipherCursor:
        with translated():
            super().executemany(sql, seq)
        return self

    def executescript(self, script: str, /) -> CipherCursor:
        with translated():
            super().executescript(script)
        return self

    def fetchone(self) -> Any:
        with translated():
            return super().fetchone()

    def fetchmany(self, size: int | None = None) -> list[Any]:
        with translated():
            return list(super().fetchmany(size if size is not None else self.arraysize))

    def fetchall(self) -> list[Any]:
        with translated():
            return list(super().fetchall())

    def __iter__(self) -> CipherCursor:
        return self

    def __next__(self) -> Any:
        with translated():
            return super().__next__()


class CipherConnection(sqlcipher3.dbapi2.Connection):  # type: ignore[misc]
    """A sqlcipher3 connection: standard errors, immediate transactions, busy retries."""

    key_pragma: str | None = None
    release_tracking: Callable[[], None] | None = None

    def close(self) -> None:
        super().close()
        if self.release_tracking is not None:
            self.release_tracking()

    def cursor(self, factory: Any = CipherCursor) -> Any:
        return super().cursor(factory)

    def execute(self, sql: str, parameters: Any = (), /) -> Any:
        sql = immediate(sql)
        retry = not self.in_transaction
        return with_retry(lambda: self.cursor().execute(sql, parameters), retry=retry)

    def executemany(self, sql: str, seq: Any, /) -> Any:
        return self.cursor().executemany(sql, seq)

    def executescript(self, script: str, /) -> Any:
        return self.cursor().executescript(script)

    def commit(self) -> None:
        with translated():
            super().commit()

    def rollback(self) -> None:
        with translated():
            super().rollback()


def connect_cipher(path: Path, key_pragma: str | None) -> sqlite3.Connection:
    """Open a SQLCipher file with ``PRAGMA key`` (a raw-key literal; never written anywhere).

    ``None`` opens a plain file through SQLCipher (to export it into an encrypted one).
    SQLCipher's own log is silenced: it would print decryption failures on stderr.
    """
    if key_pragma is None:
        header = files.Header("sqlite")
    else:
        header = files.Header("encrypted", bytes.fromhex(key_pragma[-34:-2]))
    release = files.track(path, "sqlcipher", header)
    try:
        connection = sqlcipher3.connect(
            str(path),
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            factory=CipherConnection,
        )
    except BaseException:
        release()
        raise
    _tracked(connection, release)
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute("PRAGMA temp_store = MEMORY")  # temp files would not be encrypted
    if key_pragma is not None:
        connection.execute(f"PRAGMA key = {key_pragma}")
    # Kept in memory only, so a backup copy can be keyed the same way.
    connection.key_pragma = key_pragma
    return connection  # type: ignore[no-any-return]
