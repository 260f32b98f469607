"""Check and normalise one answer for one step; problems are sentences a person can act on."""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from companion.core.exercises import catalog
from companion.core.exercises.model import Option, Step


class AnswerError(ValueError):
    """An answer that does not fit its step; str() says what to change."""


def items_of(answer: Any) -> list[str]:
    """The item texts inside an earlier answer (a list, a rated list or chosen options)."""
    if isinstance(answer, str):
        return [answer] if answer.strip() else []
    if isinstance(answer, list):
        out: list[str] = []
        for item in answer:
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                out.append(item["name"])
            elif isinstance(item, str):
                out.append(item)
        return out
    return []


def resolve_options(step: Step, data: dict[str, Any]) -> tuple[Option, ...]:
    """The options a choice step offers now: fixed, from a catalogue or from an earlier answer."""
    if step.options:
        return step.options
    if step.catalog == "distortions":
        return catalog.options()
    if step.options_from:
        seen: dict[str, Option] = {}
        for text in items_of(data.get(step.options_from)):
            seen.setdefault(text, Option(value=text, label=text))
        return tuple(seen.values())
    return ()


def _blank(raw: Any) -> bool:
    return (
        raw is None
        or raw == ""
        or raw == []
        or raw == {}
        or (isinstance(raw, str) and not raw.strip())
    )


def _int(raw: Any, low: int, high: int, what: str) -> int:
    if isinstance(raw, bool):
        raise AnswerError(f"{what} must be a whole number from {low} to {high}.")
    if isinstance(raw, str):
        text = raw.strip().removesuffix("%").strip()
        if not re.fullmatch(r"[+-]?\d+", text):
            raise AnswerError(f"{what} must be a whole number from {low} to {high}.")
        raw = int(text)
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    if not isinstance(raw, int) or not low <= raw <= high:
        raise AnswerError(f"{what} must be a whole number from {low} to {high}.")
    return raw


def _text(raw: Any, step: Step, what: str = "The answer") -> str:
    if not isinstance(raw, str):
        raise AnswerError(f"{what} must be text.")
    text = raw.replace("\x00", "").strip()
    if len(text) > step.max_length:
        raise AnswerError(f"{what} is too long: keep it under {step.max_length} characters.")
    return text


def validate_answer(
    step: Step, raw: Any, data: dict[str, Any] | None = None, today: date | None = None
) -> Any:
    """Return the normalised answer for ``step``, or None for a skipped optional step.

    Raise AnswerError with a clear message when the answer does not fit.
    """
    data = data or {}
    if step.type in ("info", "review"):
        return None
    if _blank(raw):
        if step.required and not (step.type in ("list", "rated_list") and step.min_items == 0):
            raise AnswerError(_missing(step))
        if step.type in ("list", "rated_list") and step.required:
            return []
        return None
    check = _CHECKS[step.type]
    return check(step, raw, data, today or date.today())


def _missing(step: Step) -> str:
    return {
        "text": "Please write something here (a few words are enough).",
        "list": f"Please add at least {_count_of(max(step.min_items, 1), step.item_label)}.",
        "rated_list": f"Please add at least {_count_of(max(step.min_items, 1), step.item_label)}.",
        "rating100": "Please give a number from 0 to 100.",
        "rating10": "Please give a number from 0 to 10.",
        "choice": "Please choose one option.",
        "quiz": "Please choose one option.",
        "multichoice": "Please choose at least one option.",
        "date": "Please give a date as YYYY-MM-DD (or +N for N days from today).",
        "pros_cons": "Please write at least one pro or con.",
    }.get(step.type, "Please answer this step.")


def _check_text(step: Step, raw: Any, data: dict[str, Any], today: date) -> Any:
    text = _text(raw, step)
    if not text:
        if step.required:
            raise AnswerError(_missing(step))
        return None
    return text


def _check_list(step: Step, raw: Any, data: dict[str, Any], today: date) -> Any:
    if isinstance(raw, str):
        raw = raw.splitlines()
    if not isinstance(raw, list | tuple):
        raise AnswerError("The answer must be a list.")
    items = [t for t in (_text(item, step, f"Each {step.item_label}") for item in raw) if t]
    _count(step, len(items))
    return items


def _count(step: Step, count: int) -> None:
    if count < step.min_items:
        raise AnswerError(f"Please add at least {_count_of(step.min_items, step.item_label)}.")
    if count > step.max_items:
        raise AnswerError(
            f"Please keep it to {_count_of(step.max_items, step.item_label)} at most."
        )


def _check_rating(step: Step, raw: Any, data: dict[str, Any], today: date) -> Any:
    high = 10 if step.type == "rating10" else 100
    return _int(raw, 0, high, "The rating")


def _check_choice(step: Step, raw: Any, data: dict[str, Any], today: date) -> Any:
    values = [o.value for o in resolve_options(step, data)]
    if not isinstance(raw, str) or raw not in values:
        raise AnswerError("Please choose one of the options shown.")
    return raw


def _check_multichoice(step: Step, raw: Any, data: dict[str, Any], today: date) -> Any:
    values = [o.value for o in resolve_options(step, data)]
    if isinstance(raw, str):
        raw = [raw]
    if not isinstance(raw, list | tuple) or not all(isinstance(v, str) for v in raw):
        raise AnswerError("Please choose from the options shown.")
    unknown = [v for v in raw if v not in values]
    if unknown:
        raise AnswerError(f"'{unknown[0]}' is not one of the options.")
    chosen = [v for v in values if v in raw]  # option order, no duplicates
    low = max(step.min_choices, 1 if step.required else 0)
    if len(chosen) < low:
        raise AnswerError(f"Please choose at least {_count_of(low, 'option')}.")
    if step.max_choices and len(chosen) > step.max_choices:
        raise AnswerError(f"Please choose at most {_count_of(step.max_choices, 'option')}.")
    return chosen


def _check_rated_list(step: Step, raw: Any, data: dict[str, Any], today: date) -> Any:
    if isinstance(raw, dict):
        raw = [{"name": k, "rating": v} for k, v in raw.items()]
    if not isinstance(raw, list | tuple):
        raise AnswerError("The answer must be a list of items with ratings.")
    items: list[dict[str, Any]] = []
    for item in raw:
        if not isinstance(item, dict):
            raise AnswerError(f"Each {step.item_label} needs a name and a rating.")
        name = _text(item.get("name", ""), step, f"Each {step.item_label}")
        if not name:
            continue
        rating = _int(item.get("rating"), 0, step.scale, f"The rating for '{name}'")
        items.append({"name": name, "rating": rating})
    _count(step, len(items))
    return items


def _check_pros_cons(step: Step, raw: Any, data: dict[str, Any], today: date) -> Any:
    if not isinstance(raw, dict):
        raise AnswerError("The answer must give pros and cons per option.")
    allowed = set(items_of(data.get(step.options_from)))
    result: dict[str, dict[str, str]] = {}
    for key, value in raw.items():
        if key not in allowed:
            raise AnswerError(f"'{key}' is not one of the options listed earlier.")
        if not isinstance(value, dict):
            raise AnswerError(f"Pros and cons for '{key}' must be text.")
        pros = _text(value.get("pros", ""), step, "Pros")
        cons = _text(value.get("cons", ""), step, "Cons")
        if pros or cons:
            result[key] = {"pros": pros, "cons": cons}
    if not result and step.required:
        raise AnswerError(_missing(step))
    return result or None


def _check_count(step: Step, raw: Any, data: dict[str, Any], today: date) -> Any:
    return _int(raw, 0, 100_000, "The count")


def parse_date(raw: str, today: date) -> date:
    """ "2026-11-23", "+2" (days from today), "today" or "tomorrow" -> a date."""
    text = raw.strip().lower()
    if text in ("today", "tomorrow"):
        return today + timedelta(days=1 if text == "tomorrow" else 0)
    if re.fullmatch(r"\+\d{1,4}", text):
        return today + timedelta(days=int(text[1:]))
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise AnswerError(
            "Please give a date as YYYY-MM-DD (or +N for N days from today)."
        ) from None


def _check_date(step: Step, raw: Any, data: dict[str, Any], today: date) -> Any:
    if isinstance(raw, date):
        day = raw
    elif isinstance(raw, str):
        day = parse_date(raw, today)
    else:
        raise AnswerError(_missing(step))
    earliest = today + timedelta(days=step.min_days)
    latest = today + timedelta(days=step.max_days)
    if day < earliest:
        raise AnswerError(f"Please choose {earliest.isoformat()} or later.")
    if day > latest:
        raise AnswerError(f"Please choose {latest.isoformat()} or earlier.")
    return day.isoformat()


_CHECKS = {
    "text": _check_text,
    "list": _check_list,
    "rating100": _check_rating,
    "rating10": _check_rating,
    "choice": _check_choice,
    "quiz": _check_choice,
    "multichoice": _check_multichoice,
    "rated_list": _check_rated_list,
    "pros_cons": _check_pros_cons,
    "timed": _check_count,
    "paced": _check_count,
    "date": _check_date,
}


def _count_of(count: int, label: str) -> str:
    """ "1 worry", "3 worries", "2 good things": a count with its noun, never "thing(s)"."""
    if count == 1:
        return f"1 {label}"
    if label.endswith("y") and not label.endswith(("ay", "ey", "oy", "uy")):
        return f"{count} {label[:-1]}ies"
    if label.endswith(("s", "x", "ch", "sh")):
        return f"{count} {label}es"
    return f"{count} {label}s"
