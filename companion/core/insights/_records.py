"""Reading exercise answers robustly: the keys come from the exercise definitions, which may
change or be customised, so every lookup tries a few names and tolerates missing or odd values."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from companion.core.store._util import Conn
from companion.core.store.exercise_records import completed_answers

#: Answer keys, most specific first. Step ids of companion/core/exercises/definitions.
BELIEF_BEFORE = ("belief_before", "hot_thought_belief", "belief", "belief_initial")
BELIEF_AFTER = ("belief_after", "rerate_belief", "belief_rerate", "belief_now", "rerate")
DISTORTIONS = ("distortions", "thinking_traps", "distortion")
EXPERIMENT_BELIEF_BEFORE = ("belief_rating", "belief_before", "prediction_rating")
EXPERIMENT_BELIEF_AFTER = ("belief_rerating", "belief_after", "rerate_belief")
#: How far the prediction came true: 0-100 (the definition's rating) or yes/no.
CAME_TRUE = ("prediction_came_true", "came_true", "prediction_happened", "outcome_matched")
PREDICTION_TEXT = ("prediction", "predicted", "feared_outcome")
ACTIVITY_LISTS = ("activities", "activity_log", "log", "planned_activities", "done")
ACTIVITY_NAME = ("activity", "name", "item", "text", "label", "what")
MOOD_KEYS = ("mood", "mood_after", "rating", "mood_rating")


def completed(db: Conn, exercise_type: str) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(id, local_date, data) of every completed record of one type, oldest first."""
    for record in completed_answers(db, exercise_type):
        yield record.id, record.local_date, record.data


def number(data: dict[str, Any], names: tuple[str, ...]) -> float | None:
    """The first of ``names`` holding a number (or a numeric string)."""
    for name in names:
        value = data.get(name)
        if isinstance(value, bool) or value is None:
            continue
        if isinstance(value, int | float):
            return float(value)
        if isinstance(value, str):
            try:
                return float(value.strip().rstrip("%"))
            except ValueError:
                continue
    return None


def text(data: dict[str, Any], names: tuple[str, ...]) -> str:
    for name in names:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def strings(data: dict[str, Any], names: tuple[str, ...]) -> list[str]:
    """A list of short strings (a multichoice answer) under the first name present."""
    for name in names:
        value = data.get(name)
        if isinstance(value, str) and value.strip():
            return [value.strip()]
        if isinstance(value, list):
            out: list[str] = []
            for item in value:
                if isinstance(item, str) and item.strip():
                    out.append(item.strip())
                elif isinstance(item, dict):
                    label = text(item, ("value", "name", "label"))
                    if label:
                        out.append(label)
            return out
    return []


def truth(data: dict[str, Any], names: tuple[str, ...]) -> bool | None:
    """A yes/no answer: True, False, or None when absent or unclear ("partly")."""
    for name in names:
        value = data.get(name)
        if isinstance(value, bool):
            return value
        if isinstance(value, str):
            word = value.strip().lower()
            if word in ("yes", "true", "y", "it came true", "came_true", "happened"):
                return True
            if word in ("no", "false", "n", "it did not", "did_not", "not_true", "didnt"):
                return False
    return None


def activities(data: dict[str, Any]) -> list[tuple[str, float]]:
    """(activity, mood) pairs logged in one behavioural-activation record."""
    pairs: list[tuple[str, float]] = []
    for name in ACTIVITY_LISTS:
        value = data.get(name)
        if not isinstance(value, list):
            continue
        for item in value:
            if not isinstance(item, dict):
                continue
            label = text(item, ACTIVITY_NAME)
            mood = number(item, MOOD_KEYS)
            if label and mood is not None:
                pairs.append((label, mood))
    single = text(data, ACTIVITY_NAME)
    mood = number(data, MOOD_KEYS)
    if single and mood is not None:
        pairs.append((single, mood))
    return pairs


def humanise(key: str) -> str:
    """A step id as words: "belief_before" -> "Belief before"."""
    words = key.replace("_", " ").replace("-", " ").strip()
    return words[:1].upper() + words[1:]
