"""Gentle reminders for the home screen: a questionnaire that is due again.

The clock is injected (``today``), so tests and the TUI decide what "today" is.
"""

from __future__ import annotations

from datetime import date

from companion.config import Settings
from companion.insights.questionnaires import INSTRUMENTS
from companion.store._util import Conn

#: The Home screen's keys for each questionnaire.
_HOME_KEYS = {"phq9": "press a", "gad7": "press g"}


def days_since_last(db: Conn, instrument: str, today: date) -> int | None:
    """Whole days since the last questionnaire of this kind (None if never taken)."""
    row = db.execute(
        "select max(local_date) from assessments where instrument = ?", [instrument]
    ).fetchone()
    if not row or not row[0]:
        return None
    return (today - date.fromisoformat(str(row[0]))).days


def due_questionnaires(db: Conn, settings: Settings, today: date) -> list[tuple[str, int]]:
    """(instrument key, days since it was last taken) for each questionnaire last taken
    ``assessment_reminder_days`` or more days ago. Nothing when the setting is 0 (off) or a
    questionnaire was never taken (the insights screen invites a first one instead of
    nagging)."""
    every = settings.assessment_reminder_days
    if every <= 0:
        return []
    due: list[tuple[str, int]] = []
    for key in INSTRUMENTS:
        days = days_since_last(db, key, today)
        if days is not None and days >= every:
            due.append((key, days))
    return due


def due_reminders(db: Conn, settings: Settings, today: date) -> list[str]:
    """One gentle sentence per questionnaire that is due again (``due_questionnaires``)."""
    return [
        f"It has been {days} days since your last {INSTRUMENTS[key].title}. If you would like "
        "to see how things are going, it takes about two minutes "
        f"({_HOME_KEYS[key]} on Home, or `companion assess {key}`)."
        for key, days in due_questionnaires(db, settings, today)
    ]
