"""The safety check every free-text exercise answer passes before anything else sees it."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database

from companion.exercises.model import FREE_TEXT_TYPES, Step


def free_text_of(step: Step, value: Any) -> str:
    """The person's own words inside an answer, joined for screening ("" if none)."""
    if step.type not in FREE_TEXT_TYPES or value is None:
        return ""
    from companion.store.exercises import search_text_of

    return search_text_of(value)


def screen(db: Database, text: str) -> str:
    """Run companion.safety.screen_user_text on ``text``; return the level.

    "none", "concern" or "crisis". The safety module records the event; the caller decides what
    to show (the TUI opens the crisis screen on "crisis"). Empty text is not screened.
    """
    if not text.strip():
        return "none"
    from companion.safety import screen_user_text

    result = screen_user_text(db, text, "exercise")
    return str(getattr(result, "level", result) or "none")
