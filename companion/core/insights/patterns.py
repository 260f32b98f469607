"""Patterns in the person's own data, with counts, and honest about too little data.

- activities linked with higher or lower mood (behavioural activation logs);
- the most frequent thinking traps and how belief in hot thoughts changed (thought records);
- weekday and time-of-day mood patterns (check-ins);
- experiments whose feared prediction did not come true (behavioural experiments).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING

from companion.core.insights import _records as rec
from companion.core.store import stats

if TYPE_CHECKING:
    from sqlite_utils import Database

#: An activity, weekday or time of day needs this many ratings before we compare it.
MIN_COUNT = 3
#: A difference in mean mood (0-10) smaller than this is not called higher or lower.
MIN_DIFFERENCE = 0.5

WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TIMES_OF_DAY = ("night", "morning", "afternoon", "evening")


@dataclass(frozen=True)
class GroupMood:
    """Mean mood of a group (an activity, a weekday, a time of day) against the overall mean."""

    name: str
    mean: float
    count: int
    difference: float  # mean minus the overall mean

    @property
    def direction(self) -> str:
        if self.count < MIN_COUNT:
            return "too little data"
        if self.difference >= MIN_DIFFERENCE:
            return "higher"
        if self.difference <= -MIN_DIFFERENCE:
            return "lower"
        return "about the same"


@dataclass(frozen=True)
class BeliefChange:
    """Belief in hot thoughts (0-100) before and after, across thought records with both."""

    records: int
    mean_before: float
    mean_after: float


@dataclass(frozen=True)
class Experiment:
    """A behavioural experiment: did the feared prediction come true?"""

    id: int
    local_date: str
    prediction: str
    came_true: bool | None  # None: not followed up yet, or the record does not say
    came_true_percent: float | None  # 0-100, when rated
    belief_before: float | None
    belief_after: float | None


#: A prediction rated as coming true less than this much (0-100) "did not come true".
CAME_TRUE_THRESHOLD = 50


def _groups(pairs: list[tuple[str, float]]) -> list[GroupMood]:
    if not pairs:
        return []
    overall = sum(mood for _, mood in pairs) / len(pairs)
    sums: dict[str, list[float]] = {}
    for name, mood in pairs:
        bucket = sums.setdefault(name, [0.0, 0.0])
        bucket[0] += mood
        bucket[1] += 1
    result = [
        GroupMood(name, total / count, int(count), total / count - overall)
        for name, (total, count) in sums.items()
    ]
    return sorted(result, key=lambda g: (-g.difference, g.name))


def activity_moods(db: Database) -> list[GroupMood]:
    """Each logged activity's mean mood against the mean of all logged activities, highest first.

    Activity names are compared case-insensitively (shown as first written).
    """
    pairs: list[tuple[str, float]] = []
    first_spelling: dict[str, str] = {}
    for _, _, data in rec.completed(db, "behavioural_activation"):
        for name, mood in rec.activities(data):
            key = " ".join(name.lower().split())
            first_spelling.setdefault(key, name)
            pairs.append((key, mood))
    return [
        GroupMood(first_spelling[g.name], g.mean, g.count, g.difference) for g in _groups(pairs)
    ]


def distortion_counts(db: Database) -> Counter[str]:
    """How often each thinking trap was chosen in completed thought records."""
    counts: Counter[str] = Counter()
    for _, _, data in rec.completed(db, "thought_record"):
        counts.update(set(rec.strings(data, rec.DISTORTIONS)))
    return counts


def belief_change(db: Database) -> BeliefChange | None:
    """Mean belief in the hot thought before and after, over records that have both."""
    before: list[float] = []
    after: list[float] = []
    for _, _, data in rec.completed(db, "thought_record"):
        first = rec.number(data, rec.BELIEF_BEFORE)
        last = rec.number(data, rec.BELIEF_AFTER)
        if first is not None and last is not None:
            before.append(first)
            after.append(last)
    if not before:
        return None
    return BeliefChange(len(before), sum(before) / len(before), sum(after) / len(after))


def weekday_moods(db: Database) -> list[GroupMood]:
    """Mean check-in mood per weekday (Monday first) against the overall mean."""
    rows = stats.mood_by_weekday(db)
    total = sum(r.total for r in rows)
    count = sum(r.count for r in rows)
    if not count:
        return []
    overall = total / count
    by_day = {(int(r.key) - 1) % 7: (r.total, r.count) for r in rows}
    return [
        GroupMood(WEEKDAYS[i], s / n, n, s / n - overall) for i, (s, n) in sorted(by_day.items())
    ]


def _time_of_day(hour: int) -> str:
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


def time_of_day_moods(db: Database) -> list[GroupMood]:
    """Mean check-in mood by local time of day (night, morning, afternoon, evening)."""
    sums: dict[str, list[float]] = {}
    total = count = 0.0
    for row in stats.mood_by_local_hour(db):
        name = _time_of_day(int(row.key))
        bucket = sums.setdefault(name, [0.0, 0.0])
        bucket[0] += row.total
        bucket[1] += row.count
        total += row.total
        count += row.count
    if not count:
        return []
    overall = total / count
    return [
        GroupMood(
            name,
            sums[name][0] / sums[name][1],
            int(sums[name][1]),
            sums[name][0] / sums[name][1] - overall,
        )
        for name in TIMES_OF_DAY
        if name in sums
    ]


def experiments(db: Database) -> list[Experiment]:
    """Completed behavioural experiments, oldest first, with whether the prediction came true.

    The definition asks "How far did the prediction come true (0-100%)?": under
    ``CAME_TRUE_THRESHOLD`` counts as "did not". A yes/no answer is used as it is. With
    neither, a belief rerated at half or less of the first rating counts as "did not";
    otherwise ``came_true`` is None (for example, the follow-up is not done yet).
    """
    result: list[Experiment] = []
    for record_id, day, data in rec.completed(db, "behavioural_experiment"):
        before = rec.number(data, rec.EXPERIMENT_BELIEF_BEFORE)
        after = rec.number(data, rec.EXPERIMENT_BELIEF_AFTER)
        percent = rec.number(data, rec.CAME_TRUE)
        came_true = rec.truth(data, rec.CAME_TRUE)
        if came_true is None and percent is not None:
            came_true = percent >= CAME_TRUE_THRESHOLD
        if came_true is None and before and after is not None and after <= before / 2:
            came_true = False
        prediction = rec.text(data, rec.PREDICTION_TEXT)
        result.append(Experiment(record_id, day, prediction, came_true, percent, before, after))
    return result


def predictions_not_true(db: Database) -> list[Experiment]:
    """Experiments whose feared prediction did not come true."""
    return [e for e in experiments(db) if e.came_true is False]
