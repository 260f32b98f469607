"""Reads for what is due again: when each questionnaire was last taken.

Plain SQL on any connection with ``execute`` (``companion.core.store._util.Conn``), so ``today``
and Home read it without sqlite-utils. ``insights.reminders`` turns it into due items.
"""

from __future__ import annotations

from datetime import date

from companion.core.store._util import Conn


def last_taken(db: Conn, instrument: str) -> date | None:
    """The local date this questionnaire was last taken (None if never)."""
    row = db.execute(
        "select max(local_date) from assessments where instrument = ?", [instrument]
    ).fetchone()
    if not row or not row[0]:
        return None
    return date.fromisoformat(str(row[0]))
