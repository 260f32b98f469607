"""Value checks for imported rows: what the rest of companion relies on, checked before import.

The importer checked shapes (known columns, types, keys); a mood of 999, a date "garbage", a NUL
in a body or exercise data that is not JSON went in, and insights, exports and screens failed
later. Each rule here names the row and the field in its sentence. Control characters in what
is quoted back are escaped, so a field name can never drive the terminal.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from companion.core.store.journal import MAX_BODY_CHARS
from companion.core.textfmt import visible

MAX_TEXT = MAX_BODY_CHARS  # any one text field (5,000,000 characters)
MAX_QUOTE = 40  # characters of a bad value quoted back

Check = Callable[[Any], str | None]  # None when the value is fine, else what is wrong


def quote(value: Any) -> str:
    """A short, escaped rendering of a value for an error sentence."""
    text = visible(repr(value))
    return text if len(text) <= MAX_QUOTE else text[: MAX_QUOTE - 1] + "…"


def _timestamp(value: Any) -> str | None:
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError:
        return f"is not a date and time ({quote(value)})"
    if moment.tzinfo is None:
        return f"has no time zone ({quote(value)})"
    return None


def _date(value: Any) -> str | None:
    try:
        date.fromisoformat(str(value))
    except ValueError:
        return f"is not a date like 2024-03-01 ({quote(value)})"
    return None


def _between(low: int, high: int) -> Check:
    def check(value: Any) -> str | None:
        if not low <= value <= high:
            return f"must be from {low} to {high}, not {quote(value)}"
        return None

    return check


def _one_of(*allowed: str) -> Check:
    def check(value: Any) -> str | None:
        if value not in allowed:
            return f"must be one of {', '.join(allowed)}, not {quote(value)}"
        return None

    return check


def _json(kind: type, item: Check | None = None, value_check: Check | None = None) -> Check:
    """JSON text holding a ``kind`` (list or dict); each item (or dict value) checked."""

    def check(value: Any) -> str | None:
        try:
            parsed: Any = json.loads(value)
        except (ValueError, RecursionError):
            return "is not valid JSON"
        fits = isinstance(parsed, kind)  # (kept apart so that ``parsed`` stays Any)
        if not fits:
            return f"must be a JSON {'list' if kind is list else 'object'}"
        members: list[Any] = parsed if isinstance(parsed, list) else list(parsed.values())
        each = item if isinstance(parsed, list) else value_check
        for member in members if each else []:
            problem = each(member) if each else None
            if problem:
                return f"holds a value that {problem}"
        return None

    return check


def _string(value: Any) -> str | None:
    return None if isinstance(value, str) else f"must be text, not {quote(value)}"


def _small_int(low: int, high: int) -> Check:
    inner = _between(low, high)

    def check(value: Any) -> str | None:
        if not isinstance(value, int) or isinstance(value, bool):
            return f"must be a whole number, not {quote(value)}"
        return inner(value)

    return check


def _any_json(value: Any) -> str | None:
    try:
        json.loads(value)
    except (ValueError, RecursionError):
        return "is not valid JSON"
    return None


# (table, column) -> check of a non-null value. Columns ending in _utc and _date are checked
# by name everywhere; every text column is checked for NUL and length.
RULES: dict[tuple[str, str], Check] = {
    ("journal_entries", "tags"): _json(list, _string),
    ("checkins", "mood"): _between(0, 10),
    ("checkins", "emotions"): _json(dict, None, _small_int(0, 100)),
    ("exercises", "status"): _one_of("draft", "complete"),
    ("exercises", "data"): _json(dict),
    ("exercises", "step"): _between(0, 10_000),
    ("assessments", "instrument"): _one_of("phq9", "gad7"),
    ("assessments", "answers"): _json(list, _small_int(0, 3)),
    ("assessments", "total"): _between(0, 27),
    ("messages", "role"): _one_of("user", "assistant", "system"),
    ("messages", "meta"): _json(dict),
    ("safety_plan", "items"): _json(list, _string),
    ("safety_events", "level"): _one_of("concern", "crisis"),
    ("safety_events", "reasons"): _json(list),
    ("settings", "value"): _any_json,
}


def value_problem(table: str, column: str, value: Any) -> str | None:
    """What is wrong with ``value`` for ``table.column`` (None: it is fine)."""
    if value is None:
        return None
    if isinstance(value, str):
        if "\x00" in value:
            return "holds a NUL character"
        if len(value) > MAX_TEXT:
            return f"is {len(value):,} characters long; the limit is {MAX_TEXT:,}"
    if column.endswith("_utc"):
        return _timestamp(value)
    if column.endswith("_date"):
        return _date(value)
    rule = RULES.get((table, column))
    return rule(value) if rule else None
