"""What a flow raises when the person's input cannot be saved: one clear sentence."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from companion.core.safety.flow import SafetyDecision

Field = Literal["text", "mood", "emotions", "note", "answers"]


class NotSaved(ValueError):
    """Nothing was saved: ``str()`` says why in one sentence, ``field`` names what to fix, and
    ``decision`` is the safety flow's decision on the text when it ran first (render it: help
    comes before the validation message)."""

    def __init__(self, message: str, field: Field, decision: SafetyDecision | None = None) -> None:
        super().__init__(message)
        self.field: Field = field
        self.decision = decision
