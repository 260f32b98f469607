"""Suggest for an exercise step: the safety check on what is typed first, then the help the
step offers (``companion.core.exercises.step_help``)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from companion.core.exercises.render import format_answer
from companion.core.exercises.safety_screen import screen
from companion.core.exercises.step_help import StepHelp, step_help

if TYPE_CHECKING:
    from companion.core.exercises.engine import ExerciseSession
    from companion.core.safety.flow import SafetyDecision


@dataclass(frozen=True)
class StepSuggestion:
    """``decision``: the safety flow's decision on the typed text (None: nothing typed);
    ``help``: what to show and ask for, None when the step offers none or when the decision
    says no model may answer (render the decision instead)."""

    decision: SafetyDecision | None
    help: StepHelp | None

    @property
    def blocked(self) -> bool:
        """The typed text needs help, not suggestions."""
        return self.decision is not None and not self.decision.model_may_answer


def suggest_for_step(session: ExerciseSession, typed: Any) -> StepSuggestion:
    """For the current step of ``session``, with ``typed`` the step's value as it stands (not
    yet submitted). The safety event is recorded when the text is flagged."""
    step = session.current
    if step is None or not step.ai_help:
        return StepSuggestion(None, None)
    text = typed if isinstance(typed, str) else format_answer(step, typed)
    decision = screen(session.db, text) if text else None
    if decision is not None and not decision.model_may_answer:
        return StepSuggestion(decision, None)
    return StepSuggestion(decision, step_help(session.definition, step, session.data))
