"""The local store: one SQLite file, opened through sqlite-utils.

Open it with ``open_db()``; the repository modules (journal, checkins, exercises,
assessments, conversations, safety, settings, drafts, search) take the ``Database`` as their
first argument, so the CLI, the TUI and the tests all use the same functions. The few that the
quick CLI commands need (journal, checkins, search, tags, recording a safety event) use plain
SQL and accept any connection with ``execute`` (``_util.Conn``), so those commands can open
the file with ``quick.open_quick()`` without importing sqlite-utils. SQL lives here only:
insights reads the grouped figures it needs from ``stats`` (frozen records), and the front ends
read the safety plan and country through ``safety.sos_view`` / ``read_sos_view``.
"""

from companion.core.store.db import (
    CorruptDatabaseError,
    StoreError,
    integrity_problems,
    open_db,
    schema_version,
)

__all__ = [
    "CorruptDatabaseError",
    "StoreError",
    "integrity_problems",
    "open_db",
    "schema_version",
]
