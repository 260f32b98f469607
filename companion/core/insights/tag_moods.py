"""Mood on days tagged ``#work`` against the other days with a check-in.

A day's mood is the mean of its check-ins; a day is "tagged" when a journal entry written on
it (its local date) carries the tag. Days without a check-in say nothing about mood and are
left out. A comparison needs ``MIN_DAYS`` days on each side, else it says there is too little
data, and how much more is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.core.store._util import Conn
from companion.core.store.stats import mood_by_day
from companion.core.store.tags import days_tagged, normalize_tag, tag_counts

#: Days with a check-in needed on each side (tagged, not tagged) before we compare.
MIN_DAYS = 3
#: A difference in mean mood (0-10) smaller than this is "about the same" (as in patterns).
MIN_DIFFERENCE = 0.5
#: How many of the most used tags the insights sentences look at.
TOP_TAGS = 5


@dataclass(frozen=True)
class TagMood:
    tag: str
    days_with: int  # days with a check-in and an entry carrying the tag
    days_without: int  # other days with a check-in
    mean_with: float | None
    mean_without: float | None

    @property
    def enough(self) -> bool:
        return self.days_with >= MIN_DAYS and self.days_without >= MIN_DAYS

    @property
    def difference(self) -> float | None:
        if self.mean_with is None or self.mean_without is None:
            return None
        return self.mean_with - self.mean_without

    @property
    def direction(self) -> str:
        """ "higher", "lower", "about the same" or "too little data"."""
        difference = self.difference
        if not self.enough or difference is None:
            return "too little data"
        if difference >= MIN_DIFFERENCE:
            return "higher"
        if difference <= -MIN_DIFFERENCE:
            return "lower"
        return "about the same"

    def sentence(self) -> str:
        if not self.enough or self.mean_with is None or self.mean_without is None:
            return (
                f"Too little data yet to compare mood on days tagged #{self.tag}: "
                f"{_days(self.days_with)} with a check-in and a #{self.tag} entry, "
                f"{_days(self.days_without)} without; {MIN_DAYS} of each are needed."
            )
        compared = {
            "higher": "higher than",
            "lower": "lower than",
            "about the same": "about the same as",
        }[self.direction]
        return (
            f"On days tagged #{self.tag} your mood averaged {_fmt(self.mean_with)} "
            f"({_days(self.days_with)}), {compared} on other days ({_fmt(self.mean_without)}, "
            f"{_days(self.days_without)})."
        )

    def to_dict(self) -> dict[str, object]:
        return {
            "tag": self.tag,
            "days_with": self.days_with,
            "days_without": self.days_without,
            "mean_with": self.mean_with,
            "mean_without": self.mean_without,
            "direction": self.direction,
        }


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def _days(count: int) -> str:
    return f"{count} day" if count == 1 else f"{count} days"


def daily_moods(db: Conn) -> dict[str, float]:
    """Local date -> mean mood of that day's check-ins."""
    return {day.key: day.mean for day in mood_by_day(db)}


def tag_mood(db: Conn, tag: str, moods: dict[str, float] | None = None) -> TagMood:
    """Mood on the days tagged ``tag`` against the other days with a check-in."""
    name = normalize_tag(tag)
    moods = daily_moods(db) if moods is None else moods
    tagged = days_tagged(db, name)
    inside = [mood for day, mood in moods.items() if day in tagged]
    outside = [mood for day, mood in moods.items() if day not in tagged]
    return TagMood(
        tag=name,
        days_with=len(inside),
        days_without=len(outside),
        mean_with=sum(inside) / len(inside) if inside else None,
        mean_without=sum(outside) / len(outside) if outside else None,
    )


def tag_moods(db: Conn, limit: int = TOP_TAGS) -> list[TagMood]:
    """``tag_mood`` for the ``limit`` most used tags."""
    moods = daily_moods(db)
    return [tag_mood(db, tag, moods) for tag, _ in tag_counts(db)[:limit]]


def tag_sentences(db: Conn) -> list[str]:
    """A sentence per most-used tag; tags without enough data share one sentence."""
    results = tag_moods(db)
    if not results or not any(r.days_with for r in results):
        return []
    lines = [r.sentence() for r in results if r.enough]
    thin = [r for r in results if not r.enough and r.days_with]
    if thin:
        names = ", ".join(f"#{r.tag}" for r in thin)
        lines.append(
            f"Too little data yet to compare mood on days tagged {names}: each needs "
            f"{MIN_DAYS} days with a check-in and a tagged entry, and {MIN_DAYS} without."
        )
    return lines
