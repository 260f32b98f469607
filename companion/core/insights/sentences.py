"""Plain sentences about the person's data, shared by `companion insights` and the TUI.

Every sentence is built from figures computed in trends and patterns; nothing is guessed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from companion.core.insights import patterns, trends
from companion.core.insights.questionnaires import INSTRUMENTS
from companion.core.insights.tag_moods import tag_sentences
from companion.core.store.stats import last_checkin_date

if TYPE_CHECKING:
    from sqlite_utils import Database

EMPTY_MESSAGE = (
    "Nothing to show yet. Do a mood check-in (from the Home screen, or `companion checkin`) "
    "on a few days, or fill in a PHQ-9 or GAD-7, and what you notice will appear here."
)

_EXERCISE_NAMES = {
    "thought_record": ("thought record", "thought records"),
    # named as the exercise's title names it ("Activity log and planning")
    "behavioural_activation": ("activity log", "activity logs"),
    "behavioural_experiment": ("behavioural experiment", "behavioural experiments"),
}


def fmt(value: float) -> str:
    """One decimal, without a trailing ".0"."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text


def plural(count: int, one: str, many: str | None = None) -> str:
    return f"{count} {one if count == 1 else (many or one + 's')}"


def exercise_name(kind: str, count: int) -> str:
    one, many = _EXERCISE_NAMES.get(kind, (kind.replace("_", " "), kind.replace("_", " ")))
    return plural(count, one, many)


def label(value: str) -> str:
    """A stored choice value as words: "all_or_nothing" -> "all or nothing"."""
    return " ".join(value.replace("_", " ").split())


@dataclass(frozen=True)
class WeekMood:
    """The last 7 days' mean mood against the week before, in the words Insights and the chat
    context share: ``figures`` is "4.5 out of 10 (4 check-ins)", ``change`` is ", down from 7.7
    the week before" (or "" without check-ins that week)."""

    mean: float | None
    count: int
    figures: str
    change: str


def week_mood(db: Database, today: date) -> WeekMood:
    week_start = today - timedelta(days=6)
    mean, count = trends.mean_mood(db, week_start.isoformat(), today.isoformat())
    if mean is None:
        return WeekMood(None, 0, "", "")
    before, _ = trends.mean_mood(
        db,
        (week_start - timedelta(days=7)).isoformat(),
        (week_start - timedelta(days=1)).isoformat(),
    )
    change = ""
    if before is not None:
        if round(mean, 1) > round(before, 1):
            change = f", up from {fmt(before)} the week before"
        elif round(mean, 1) < round(before, 1):
            change = f", down from {fmt(before)} the week before"
        else:
            change = ", the same as the week before"
    return WeekMood(mean, count, f"{fmt(mean)} out of 10 ({plural(count, 'check-in')})", change)


def mood_sentences(db: Database, today: date) -> list[str]:
    week = week_mood(db, today)
    count = week.count
    lines: list[str] = []
    if week.mean is not None:
        lines.append(f"Your average mood over the last 7 days was {week.figures}{week.change}.")
    else:
        last = last_checkin_date(db)
        if last:
            lines.append(f"No mood check-ins in the last 7 days; your last one was on {last}.")
    month_mean, month_count = trends.mean_mood(
        db, (today - timedelta(days=29)).isoformat(), today.isoformat()
    )
    if month_mean is not None and month_count > count:
        lines.append(
            f"Over the last 30 days your average mood was {fmt(month_mean)} "
            f"({plural(month_count, 'check-in')})."
        )
    return lines


def practice_sentences(db: Database, today: date) -> list[str]:
    lines: list[str] = []
    run = trends.streaks(db, today)
    if run.current >= 2:
        lines.append(
            f"You have practised {run.current} days in a row (your longest run is {run.longest})."
        )
    elif run.longest >= 2:
        lines.append(f"Your longest run of days in a row with some practice is {run.longest}.")
    done = trends.exercises_done(db, since=(today - timedelta(days=29)).isoformat())
    total = sum(done.values())
    if total:
        parts = ", ".join(exercise_name(kind, n) for kind, n in done.items())
        lines.append(f"In the last 30 days you completed {plural(total, 'exercise')}: {parts}.")
    return lines


def questionnaire_sentences(db: Database) -> list[str]:
    lines: list[str] = []
    for key, spec in INSTRUMENTS.items():
        series = trends.assessment_series(db, key)
        if not series:
            continue
        last = series[-1]
        line = f"Your latest {spec.name} ({last.local_date}) scored {last.total}, {last.band}"
        if len(series) > 1:
            prev = series[-2]
            line += f"; the one before ({prev.local_date}) scored {prev.total}, {prev.band}"
        lines.append(line + ".")
    return lines


def activity_sentences(db: Database) -> list[str]:
    groups = patterns.activity_moods(db)
    if not groups:
        return []
    higher = [g for g in groups if g.direction == "higher"]
    lower = [g for g in groups if g.direction == "lower"][::-1]
    lines: list[str] = []
    for words, chosen in (("higher", higher), ("lower", lower)):
        if chosen:
            parts = "; ".join(
                f"{g.name} ({fmt(g.mean)} on average, {plural(g.count, 'time')})"
                for g in chosen[:3]
            )
            lines.append(f"Activities linked with {words} mood than your average: {parts}.")
    if not lines:
        if any(g.count >= patterns.MIN_COUNT for g in groups):
            lines.append("So far no activity stands out: your mood is about the same across them.")
        else:
            lines.append(
                "Too little data yet to tell which activities go with higher or lower mood: "
                f"an activity needs at least {patterns.MIN_COUNT} ratings."
            )
    return lines


def thought_sentences(db: Database) -> list[str]:
    lines: list[str] = []
    counts = patterns.distortion_counts(db)
    if counts:
        top = sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:3]
        parts = ", ".join(f"{label(name)} ({plural(n, 'time')})" for name, n in top)
        lines.append(f"The thinking traps you spotted most often: {parts}.")
    change = patterns.belief_change(db)
    if change:
        lines.append(
            f"Across {plural(change.records, 'thought record')}, your belief in the hot thought "
            f"went from {fmt(change.mean_before)}% on average to {fmt(change.mean_after)}% "
            "after working it through."
        )
    return lines


def _extremes(groups: list[patterns.GroupMood], what: str, phrase: dict[str, str]) -> list[str]:
    enough = [g for g in groups if g.count >= patterns.MIN_COUNT]
    if len(enough) < 2:
        return []
    best = max(enough, key=lambda g: (g.mean, g.name))
    worst = min(enough, key=lambda g: (g.mean, g.name))
    if best.mean - worst.mean < patterns.MIN_DIFFERENCE:
        return [f"Your mood is about the same whatever the {what}."]
    return [
        f"Your mood tends to be highest {phrase[best.name]} ({fmt(best.mean)}) and lowest "
        f"{phrase[worst.name]} ({fmt(worst.mean)})."
    ]


_ON_DAY = {name: f"on {name}s" for name in patterns.WEEKDAYS}
_AT_TIME = {
    "morning": "in the morning",
    "afternoon": "in the afternoon",
    "evening": "in the evening",
    "night": "at night",
}


def timing_sentences(db: Database) -> list[str]:
    return _extremes(patterns.weekday_moods(db), "day of the week", _ON_DAY) + _extremes(
        patterns.time_of_day_moods(db), "time of day", _AT_TIME
    )


def experiment_sentences(db: Database) -> list[str]:
    done = [e for e in patterns.experiments(db) if e.came_true is not None]
    if not done:
        return []
    not_true = sum(1 for e in done if e.came_true is False)
    count = len(done)
    if count == 1:
        what = "did not come true" if not_true else "came true"
        return [
            f"In your one behavioural experiment with an outcome, the feared prediction {what}."
        ]
    if not_true == count:
        where = f"In all {count} of your behavioural experiments with an outcome"
        return [f"{where}, the feared prediction did not come true."]
    if not_true == 0:
        where = f"In all {count} of your behavioural experiments with an outcome"
        return [f"{where}, the feared prediction came true."]
    return [
        f"In {not_true} of your {count} behavioural experiments with an outcome, "
        "the feared prediction did not come true."
    ]


def insight_sentences(db: Database, today: date) -> list[str]:
    """Everything worth saying about the person's data, in plain words ([] when empty)."""
    return (
        mood_sentences(db, today)
        + questionnaire_sentences(db)
        + practice_sentences(db, today)
        + activity_sentences(db)
        + thought_sentences(db)
        + timing_sentences(db)
        + tag_sentences(db)
        + experiment_sentences(db)
    )
