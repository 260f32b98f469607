"""The safety check every free-text exercise answer passes before anything else sees it,
including the step's own validation: "Nothing. I don't see the point of going on anymore." on a
"three good things" step is answered with help, not with "Please add at least 3 good thing(s)".
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from companion.core.exercises.model import FREE_TEXT_TYPES, Step

if TYPE_CHECKING:
    from companion.core.safety.flow import SafetyDecision


def free_text_of(step: Step, value: Any) -> str:
    """The person's own words inside an answer, joined for screening ("" if none).

    Works on a raw answer too (before validation): any strings inside it count."""
    if step.type not in FREE_TEXT_TYPES or value is None:
        return ""
    from companion.core.store.exercise_records import search_text_of

    try:
        return search_text_of(value)
    except Exception:  # an answer of an unexpected shape: read whatever text it holds
        return " ".join(str(part) for part in (value if isinstance(value, list) else [value]))


def screen(db: Database, text: str) -> SafetyDecision:
    """Run the safety flow on ``text`` written in an exercise (the event is recorded).

    The caller renders the decision (``companion.core.safety.compose.render``) and opens Help now
    when it says so. Empty text is not screened."""
    from companion.core.safety.flow import Source, respond
    from companion.core.safety.types import Level, SafetyAssessment

    if not text.strip():
        from companion.core.safety.flow import SafetyDecision

        return SafetyDecision(SafetyAssessment(Level.NONE))
    return respond(db, text, Source.EXERCISE)
