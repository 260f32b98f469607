"""Everything the insights screen shows, computed in one call (in a worker thread)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

from companion.core.insights import trends
from companion.core.insights.mood_calendar import MoodCalendar, mood_calendar
from companion.core.insights.sentences import insight_sentences

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class Overview:
    """Daily mood for the chosen period, questionnaire totals over time, and the sentences."""

    today: date
    days: int
    mood: list[float | None]
    phq9: list[trends.AssessmentPoint] = field(default_factory=list)
    gad7: list[trends.AssessmentPoint] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)
    calendar: MoodCalendar | None = None  # this year's mood calendar, up to today

    @property
    def has_mood(self) -> bool:
        return any(value is not None for value in self.mood)

    @property
    def has_scores(self) -> bool:
        return bool(self.phq9 or self.gad7)


def overview(db: Database, today: date, days: int = 90) -> Overview:
    """Compute the insights screen's data for the ``days`` days ending ``today``."""
    return Overview(
        today=today,
        days=days,
        mood=trends.mood_series(db, days, today),
        phq9=trends.assessment_series(db, "phq9"),
        gad7=trends.assessment_series(db, "gad7"),
        sentences=insight_sentences(db, today),
        calendar=mood_calendar(db, today.year, until=today),
    )
