"""Trends over time: mood by day, week and month, questionnaire totals, exercises, streaks.

The figures come from the store's read models (companion.core.store.stats: grouped queries, never
row by row in Python), so a ten-year store stays quick. Days are the person's local calendar
dates stored with each row.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from companion.core.store import stats
from companion.core.store.questionnaire_results import list_questionnaire_results

if TYPE_CHECKING:
    from sqlite_utils import Database

Period = Literal["day", "week", "month"]


@dataclass(frozen=True)
class MoodPoint:
    """The mean mood of one day, ISO week ("2026-W47") or month ("2026-11")."""

    label: str
    mean: float
    count: int


@dataclass(frozen=True)
class AssessmentPoint:
    local_date: str
    total: int
    band: str


@dataclass(frozen=True)
class Streaks:
    """Days in a row with any practice (a check-in, a journal entry or a finished exercise)."""

    current: int
    longest: int
    active_days: int


def daily_mood(
    db: Database, since: str | None = None, until: str | None = None
) -> dict[str, float]:
    """Local date -> mean mood of that day's check-ins, for days with at least one."""
    return {point.label: point.mean for point in mood_by("day", db, since=since, until=until)}


def mood_by(
    period: Period, db: Database, *, since: str | None = None, until: str | None = None
) -> list[MoodPoint]:
    """Mean mood per day, ISO week or month, oldest first (``since``/``until`` inclusive)."""
    daily = [(d.key, d.total, d.count) for d in stats.mood_by_day(db, since, until)]
    if period == "day":
        return [MoodPoint(day, total / count, count) for day, total, count in daily]
    buckets: dict[str, list[float]] = {}
    for day, total, count in daily:
        key = _period_label(period, date.fromisoformat(day))
        bucket = buckets.setdefault(key, [0.0, 0.0])
        bucket[0] += total
        bucket[1] += count
    return [MoodPoint(key, s / n, int(n)) for key, (s, n) in sorted(buckets.items())]


def _period_label(period: Period, day: date) -> str:
    if period == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return f"{day.year}-{day.month:02d}"


def mood_series(db: Database, days: int, today: date) -> list[float | None]:
    """The daily mean mood of the last ``days`` days ending ``today``, oldest first.

    ``None`` marks a day without a check-in (for a sparkline with gaps).
    """
    if days <= 0:
        return []
    start = today - timedelta(days=days - 1)
    by_day = daily_mood(db, since=start.isoformat(), until=today.isoformat())
    return [by_day.get((start + timedelta(days=i)).isoformat()) for i in range(days)]


def mean_mood(db: Database, since: str, until: str) -> tuple[float | None, int]:
    """Mean mood over all check-ins between two local dates (inclusive), and how many."""
    group = stats.mood_overall(db, since, until)
    return (group.mean if group.count else None), group.count


def assessment_series(
    db: Database, instrument: str, since: str | None = None
) -> list[AssessmentPoint]:
    """Totals of one questionnaire over time, oldest first."""
    return [
        AssessmentPoint(a.local_date, a.total, a.band)
        for a in list_questionnaire_results(db, instrument=instrument, since=since)
    ]


def exercises_done(
    db: Database, since: str | None = None, until: str | None = None
) -> dict[str, int]:
    """Completed exercises per type (most first, then by name)."""
    return stats.exercises_completed(db, since, until)


def activity_days(db: Database) -> set[str]:
    """Local dates with a check-in, a journal entry or a completed exercise."""
    return stats.practice_days(db)


def streaks(db: Database, today: date) -> Streaks:
    """The current streak (still alive if the last active day was today or yesterday) and the
    longest one."""
    days = sorted(d for d in map(date.fromisoformat, activity_days(db)) if d <= today)
    longest = run = 0
    previous: date | None = None
    for day in days:
        run = run + 1 if previous is not None and day - previous == timedelta(days=1) else 1
        longest = max(longest, run)
        previous = day
    current = 0
    if days and (today - days[-1]).days <= 1:
        current = run
    return Streaks(current=current, longest=longest, active_days=len(days))


SPARK_BARS = "▁▂▃▄▅▆▇█"


def sparkline(series: list[float | None], low: float = 0.0, high: float = 10.0) -> str:
    """A text sparkline of values between ``low`` and ``high``; "·" marks a missing day."""
    out = []
    for value in series:
        if value is None:
            out.append("·")
            continue
        share = (min(max(value, low), high) - low) / (high - low)
        out.append(SPARK_BARS[min(len(SPARK_BARS) - 1, int(share * len(SPARK_BARS)))])
    return "".join(out)
