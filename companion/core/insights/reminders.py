"""Gentle reminders for Home and `companion today`: a questionnaire that is due again.

Each is a typed ``DueItem`` (what kind, where it leads, a short title and the sentence to
show), so no front end reads the sentence to find out what it is about. The clock is injected
(``today``), so tests and the TUI decide what "today" is.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from companion.core.config import Settings
from companion.core.insights.questionnaires import INSTRUMENTS
from companion.core.store._util import Conn
from companion.core.store.due import last_taken

#: The Home screen's keys for each questionnaire.
_HOME_KEYS = {"phq9": "press a", "gad7": "press g"}


class DueKind(StrEnum):
    """What a due item is."""

    DRAFT = "draft"  # text or answers being written, kept as a draft
    EXERCISE = "exercise"  # an exercise started and not finished
    FOLLOW_UP = "follow_up"  # an exercise whose follow-up (review) date has come
    QUESTIONNAIRE = "questionnaire"  # a questionnaire due again


@dataclass(frozen=True)
class Target:
    """Where a due item leads: ``route`` is a screen key of the app's routes ("phq9",
    "new_entry", "chat", "checkin", ...), or "exercise_run" with ``record_id`` (reopen that
    exercise), or "entry_editor" with ``entry_id`` (go on editing that entry)."""

    route: str
    record_id: int | None = None
    entry_id: int | None = None


@dataclass(frozen=True)
class DueItem:
    """One thing Home lists as coming up. ``target`` is None when it opens nothing here."""

    kind: DueKind
    target: Target | None
    title: str
    sentence: str


def days_since_last(db: Conn, instrument: str, today: date) -> int | None:
    """Whole days since the last questionnaire of this kind (None if never taken)."""
    last = last_taken(db, instrument)
    return None if last is None else (today - last).days


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


def due_reminders(db: Conn, settings: Settings, today: date) -> list[DueItem]:
    """One item per questionnaire that is due again (``due_questionnaires``), leading to it."""
    items: list[DueItem] = []
    for key, days in due_questionnaires(db, settings, today):
        title = INSTRUMENTS[key].title
        sentence = (
            f"It has been {days} days since your last {title}. If you would like to see how "
            "things are going, it takes about two minutes "
            f"({_HOME_KEYS[key]} on Home, or `companion assess {key}`)."
        )
        items.append(DueItem(DueKind.QUESTIONNAIRE, Target(key), f"{title} due again", sentence))
    return items
