"""`companion today`: what a shell start-up file or a status bar shows, in one or two lines.

Whether today has a mood check-in, and what is due: exercises to review (behavioural
experiments' follow-ups) and questionnaires due again (``reminders.due_questionnaires``).
Nothing due means no lines at all, so a shell prints nothing. It reads through the store's
plain-SQL functions on ``Conn``, so the command runs in the quick path without sqlite-utils;
exercise titles are loaded only when a follow-up is due.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from companion.core.config import Settings
from companion.core.insights.questionnaires import INSTRUMENTS
from companion.core.insights.reminders import due_questionnaires
from companion.core.store._util import Conn
from companion.core.store.exercise_records import due_follow_up_types
from companion.core.store.stats import checkins_on


@dataclass(frozen=True)
class DueFollowUp:
    record_id: int
    title: str
    due: str  # YYYY-MM-DD


@dataclass(frozen=True)
class DueQuestionnaire:
    key: str  # "phq9" | "gad7"
    title: str
    days_since: int


@dataclass(frozen=True)
class TodayStatus:
    day: str  # YYYY-MM-DD, the person's local date
    checkins_today: int
    follow_ups: list[DueFollowUp] = field(default_factory=list)
    questionnaires: list[DueQuestionnaire] = field(default_factory=list)

    @property
    def checked_in(self) -> bool:
        return self.checkins_today > 0

    @property
    def anything_due(self) -> bool:
        return not self.checked_in or bool(self.follow_ups or self.questionnaires)

    def lines(self) -> list[str]:
        """At most two short lines; none when nothing is due."""
        out: list[str] = []
        if not self.checked_in:
            out.append("No mood check-in yet today: `companion checkin`.")
        due: list[str] = []
        if self.follow_ups:
            titles = sorted({f.title for f in self.follow_ups})
            count = len(self.follow_ups)
            due.append(f"{count} to review ({', '.join(titles)})")
        for q in self.questionnaires:
            due.append(f"{q.title}, last taken {q.days_since} days ago")
        if due:
            out.append("Due: " + "; ".join(due) + ". Open `companion` to see them.")
        return out

    def to_dict(self) -> dict[str, object]:
        return {
            "date": self.day,
            "checked_in": self.checked_in,
            "checkins_today": self.checkins_today,
            "follow_ups": [
                {"id": f.record_id, "title": f.title, "due": f.due} for f in self.follow_ups
            ],
            "questionnaires": [
                {"instrument": q.key, "title": q.title, "days_since": q.days_since}
                for q in self.questionnaires
            ],
            "anything_due": self.anything_due,
        }


def _titles(types: set[str]) -> dict[str, str]:
    """Exercise titles by type, from the definitions (loaded only when something is due)."""
    from companion.core.exercises import load_definitions

    definitions = load_definitions()
    return {name: definitions[name].title for name in types if name in definitions}


def today_status(db: Conn, settings: Settings, today: date) -> TodayStatus:
    """What is done and due on ``today`` (the person's local date)."""
    day = today.isoformat()
    count = checkins_on(db, day)
    due = due_follow_up_types(db, day)
    titles = _titles({kind for _, kind, _ in due}) if due else {}
    return TodayStatus(
        day=day,
        checkins_today=count,
        follow_ups=[
            DueFollowUp(record_id=rid, title=titles.get(kind, kind.replace("_", " ")), due=when)
            for rid, kind, when in due
        ],
        questionnaires=[
            DueQuestionnaire(key=key, title=INSTRUMENTS[key].title, days_since=days)
            for key, days in due_questionnaires(db, settings, today)
        ],
    )
