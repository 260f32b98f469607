"""The output guard: ``check_output(text)`` on what the model writes, as it streams and at the end.

A reply fails when it gives method, means or lethality details (also a quantity or a duration
near a method, in English, German, Spanish or French), medication dosing or advice to stop or
change medication, diet and weight-loss tips, a diagnosis, a claim to be a human, a therapist or
the person's partner, or a promise of contact outside the app ("text me"). The rules are in
``guard_rules``; the text is read whole, through ``guard_text.views`` (zero-width characters,
homoglyphs, accents, leetspeak and spaced-out letters undone). Call it with the text so far
while streaming; at the first failure the caller stops the stream, replaces the reply with
``SAFE_REPLACEMENT`` and records the reason. Call it once more on the final text.

``carries_method_text(text)`` applies the method families to what the person writes, so a
request to translate, repeat or correct method text never reaches the model.
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.core.safety.guard_rules import INPUT_FAMILIES, RULES
from companion.core.safety.guard_text import views

SAFE_REPLACEMENT = (
    "I'm not able to help with that, and I don't want to give you anything that could hurt "
    "you. What you're going through matters, and you don't have to carry it alone. If you "
    "might be in danger, please reach out now: press F1 (Help now) for your safety plan and "
    "people you can call or text any time, or contact your local emergency number. If you'd "
    "like, we can also slow down together with a breathing or grounding exercise."
)


@dataclass(frozen=True)
class GuardResult:
    """``ok`` is False when the reply must not be shown; ``reason`` says which rule failed."""

    ok: bool
    reason: str | None = None


def check_output(text: str) -> GuardResult:
    """Check a model reply, partial (as it streams) or final, whole however long it is.

    Returns ``GuardResult(ok=True)`` or ``GuardResult(ok=False, reason=...)``; the reason names
    the rule family (``guard_rules``), e.g. "method_details", "quantity_with_means",
    "medication_change", "diet_tips", "diagnosis", "claims_human_or_therapist",
    "false_availability". Never raises; on an internal error the reply is blocked.
    """
    try:
        if not text:
            return GuardResult(True)
        texts = views(text)
        for reason, pattern in RULES:
            if any(pattern.search(view) for view in texts):
                return GuardResult(False, reason)
        return GuardResult(True)
    except Exception:
        return GuardResult(False, "guard_error")


def carries_method_text(text: str) -> str | None:
    """The method family found in the person's own text (to be translated, repeated...), or None.

    Only the families about methods, means, quantities, durations and heights apply: a person
    saying "I am a real person" is not a model claiming to be one.
    """
    try:
        if not text:
            return None
        texts = views(text)
        for reason, pattern in RULES:
            if reason in INPUT_FAMILIES and any(pattern.search(view) for view in texts):
                return reason
        return None
    except Exception:
        return "guard_error"
