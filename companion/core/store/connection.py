"""The two kinds of connection open_db hands to sqlite-utils: plain SQLite and SQLCipher.

Both make every explicit transaction ``BEGIN IMMEDIATE`` (sqlite-utils' ``atomic()`` says
``BEGIN``): a deferred transaction that reads first and then writes can fail at once with
"database is locked" when another process committed in between, whatever the busy timeout,
while an immediate one waits its turn. Statements that start a write outside a transaction
are retried with a short backoff after the busy timeout, so a second process writing at the
same moment delays a save instead of losing it.

The SQLCipher connection lives in ``connection_cipher`` (importing sqlcipher3 costs ~10 ms, which
the quick CLI commands on a plain file do not pay).
"""

from __future__ import annotations

import re
import sqlite3
import sys
import time
import weakref
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from companion.core.store import files

BUSY_TIMEOUT_MS = 10_000
RETRY_DELAYS = (0.05, 0.1, 0.2, 0.4, 0.8, 1.6)

_BEGIN = re.compile(r"^\s*begin(\s+(deferred|transaction))?\s*;?\s*$", re.IGNORECASE)
_T = TypeVar("_T")


def immediate(sql: str) -> str:
    """``BEGIN`` / ``BEGIN DEFERRED`` become ``BEGIN IMMEDIATE``; anything else is unchanged."""
    return "BEGIN IMMEDIATE" if _BEGIN.match(sql) else sql


def _is_busy(error: BaseException) -> bool:
    cipher = sys.modules.get("sqlcipher3.dbapi2")
    operational: tuple[type[BaseException], ...] = (sqlite3.OperationalError,)
    if cipher is not None:
        operational += (cipher.OperationalError,)
    if not isinstance(error, operational):
        return False
    text = str(error).lower()
    return "database is locked" in text or "database is busy" in text


def with_retry(call: Callable[[], _T], *, retry: bool) -> _T:
    """Run ``call``; when it fails because another process holds the lock, wait and retry."""
    for delay in (*RETRY_DELAYS, None):
        try:
            return call()
        except Exception as error:
            if not retry or delay is None or not _is_busy(error):
                raise
            time.sleep(delay)
    raise AssertionError("unreachable")


def tracked(connection: Any, release: Callable[[], None]) -> None:
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
    """Open a plain SQLite file in autocommit mode (sqlite-utils manages transactions).
    Registered with ``files`` first, so nothing opens the file outside SQLite meanwhile."""
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
    tracked(connection, release)
    return connection
