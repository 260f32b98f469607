"""The SQLCipher connection open_db hands to sqlite-utils for an encrypted file.

It raises the standard library's ``sqlite3`` error classes (sqlcipher3 has its own, which
neither sqlite-utils nor our store modules catch), so ``insert(alter=True)``,
``drop(ignore=True)`` and ``INSERT ... RETURNING`` through ``db.query`` behave the same on an
encrypted database. Transactions are immediate and busy writes retried, as in ``connection``.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import sqlcipher3

from companion.core.store import files
from companion.core.store.connection import BUSY_TIMEOUT_MS, immediate, tracked, with_retry


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
    tracked(connection, release)
    connection.execute("PRAGMA cipher_log_level = NONE")
    connection.execute("PRAGMA temp_store = MEMORY")  # temp files would not be encrypted
    if key_pragma is not None:
        connection.execute(f"PRAGMA key = {key_pragma}")
    # Kept in memory only, so a backup copy can be keyed the same way.
    connection.key_pragma = key_pragma
    return connection  # type: ignore[no-any-return]
