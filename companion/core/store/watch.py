"""Whether another process has written to the database since a connection last looked.

The app stays open while `companion journal add` or `companion checkin` run in a shell; its Home
screen asks this every few seconds and refreshes when the answer changes.
"""

from __future__ import annotations

from companion.core.store._util import Conn


def data_version(db: Conn) -> int:
    """SQLite's count of commits by *other* connections (``PRAGMA data_version``): it changes
    when another process (or connection) writes, never when this one does."""
    return int(db.execute("PRAGMA data_version").fetchone()[0])
