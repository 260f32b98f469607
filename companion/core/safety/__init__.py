"""Safety: crisis detection on what the person writes, a guard on what the model writes,
offline helplines, the safety plan and honest disclosure.

Headless and deterministic: no model, no Textual. Every piece of user text passes through
``detect_crisis`` (or ``screen_user_text``, which also records the event) before any model sees it.

The detector and the guard compile their rules on first use (module ``__getattr__``), so
`companion sos`, which only needs the helplines and the plan, starts without them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.core._lazy import lazy_attributes
from companion.core.safety.types import Category, Layer, Level, SafetyAssessment

if TYPE_CHECKING:
    from companion.core.safety.detect import LEVELS, asks_if_human, detect_crisis
    from companion.core.safety.guard import SAFE_REPLACEMENT, GuardResult, check_output
    from companion.core.store._util import Conn

SOURCES = ("chat", "journal", "exercise", "assessment", "checkin")

__all__ = [
    "LEVELS",
    "SAFE_REPLACEMENT",
    "SOURCES",
    "Category",
    "GuardResult",
    "Layer",
    "Level",
    "SafetyAssessment",
    "asks_if_human",
    "check_output",
    "detect_crisis",
    "screen_user_text",
]

_LAZY = {
    "LEVELS": "detect",
    "asks_if_human": "detect",
    "detect_crisis": "detect",
    "SAFE_REPLACEMENT": "guard",
    "GuardResult": "guard",
    "check_output": "guard",
}


__getattr__ = lazy_attributes(__name__, _LAZY)


def screen_user_text(db: Conn, text: str, source: str) -> SafetyAssessment:
    """Assess ``text`` and, when the level is not "none", record the event (never the text).

    ``source`` says where the text came from: "chat", "journal", "exercise", "assessment" or
    "checkin". Returns the assessment so the caller can open the crisis screen or add a check-in.
    """
    from companion.core.safety.detect import detect_crisis
    from companion.core.store.safety_records import record_safety_event

    result = detect_crisis(text)
    if result.flagged:
        record_safety_event(db, result.level, source, list(result.reasons))
    return result
