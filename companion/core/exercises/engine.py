"""Walk a person through an exercise: one validated answer per step, a draft after every step.

A session wraps one record in the ``exercises`` table. ``submit`` checks the answer, screens
its free text (companion.core.safety), stores it and saves a draft, so a kill loses at most the field
being typed (the TUI keeps that field in ``companion.core.store.drafts`` as it changes, under
``typing_key``). Exercises with a follow-up (a behavioural experiment) are completed with their
follow-up date; when it comes, resuming the record walks the follow-up steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database

from companion.core.exercises import safety_screen
from companion.core.exercises.model import ANSWERED_TYPES, Definition, Step
from companion.core.exercises.validation import AnswerError, resolve_options, validate_answer
from companion.core.safety.types import Level
from companion.core.store import drafts
from companion.core.store import exercise_records as records
from companion.core.store.exercise_records import ExerciseRecord

if TYPE_CHECKING:
    from companion.core.safety.flow import SafetyDecision

__all__ = ["AnswerError", "ExerciseSession", "RiskyAnswer", "SubmitResult"]


@dataclass(frozen=True)
class SubmitResult:
    """What happened to an answer: its normalised value and the safety flow's decision on its
    text (None when the step has no free text)."""

    value: Any
    safety: SafetyDecision | None = None

    @property
    def safety_level(self) -> Level:
        return Level.NONE if self.safety is None else self.safety.level


class RiskyAnswer(AnswerError):
    """An answer that does not fit its step, whose text the safety flow flagged: the caller
    responds to ``safety`` first (help, not a validation message); ``str()`` still says what the
    step needs, for afterwards."""

    def __init__(self, message: str, safety: SafetyDecision) -> None:
        super().__init__(message)
        self.safety = safety


class ExerciseSession:
    """One person working through one exercise record."""

    def __init__(self, db: Database, definition: Definition, record: ExerciseRecord) -> None:
        self.db = db
        self.definition = definition
        self.record = record
        self.data: dict[str, Any] = dict(record.data)
        self.phase = _phase_of(definition, record)
        self.index = self._index_from(record.step)

    # -- opening ------------------------------------------------------------------------------

    @classmethod
    def start(
        cls,
        db: Database,
        definition: Definition,
        *,
        prefill: dict[str, Any] | None = None,
        now: datetime | None = None,
    ) -> ExerciseSession:
        """A new draft record for ``definition`` (optionally with answers carried over)."""
        record = records.start_exercise(db, definition.name, now=now)
        session = cls(db, definition, record)
        if prefill:
            known = {s.id for s in definition.steps}
            session.data.update({k: v for k, v in prefill.items() if k in known})
            session._save(now)
        return session

    @classmethod
    def resume(
        cls, db: Database, definitions: dict[str, Definition], record_id: int
    ) -> ExerciseSession:
        """Reopen a draft (or a record whose follow-up is due). KeyError if unknown."""
        record = records.get_exercise(db, record_id)
        definition = definitions.get(record.type)
        if definition is None:
            raise KeyError(f"There is no exercise definition named '{record.type}'.")
        return cls(db, definition, record)

    # -- where we are -------------------------------------------------------------------------

    @property
    def steps(self) -> list[Step]:
        """The steps of the current phase ("main", or "follow_up" once it is due)."""
        return self.definition.phase_steps(self.phase)

    @property
    def current(self) -> Step | None:
        """The step to answer now, or None when this phase is done."""
        steps = self.steps
        return steps[self.index] if 0 <= self.index < len(steps) else None

    @property
    def finished(self) -> bool:
        return self.phase == "done" or self.current is None

    @property
    def is_last(self) -> bool:
        return self.index >= len(self.steps) - 1

    @property
    def progress(self) -> tuple[int, int]:
        """(1-based step number, steps in this phase)."""
        return min(self.index + 1, len(self.steps)), len(self.steps)

    def typing_key(self, step: Step) -> str:
        """The companion.core.store.drafts key for the field being typed on ``step``."""
        return f"exercise:{self.record.id}:{step.id}"

    def options(self, step: Step) -> list[Any]:
        return list(resolve_options(step, self.data))

    def initial_answer(self, step: Step) -> Any:
        """What to show in a step's field: its answer, or a prefill from earlier answers."""
        if step.id in self.data:
            return self.data[step.id]
        if step.prefill_from:
            return self.data.get(step.prefill_from)
        if step.prefill_last:
            for old in records.list_exercises(
                self.db, exercise_type=self.definition.name, status=records.COMPLETE, limit=1
            ):
                return old.data.get(step.id)
        return None

    def review_lines(self) -> tuple[list[tuple[str, str]], list[str]]:
        """What a review step shows: (label, answer) pairs so far, then lines the exercise
        adds (an exposure ladder's practice per rung; ``progress.REVIEW_EXTRAS``)."""
        from companion.core.exercises.progress import review_extra_lines
        from companion.core.exercises.render import answer_lines

        extra = review_extra_lines(self.db, self.definition.name)
        return answer_lines(self.definition, self.data), extra

    def typed_text(self, step: Step) -> str | None:
        """Unsubmitted text saved while typing on ``step`` (survives a kill)."""
        return drafts.load_draft(self.db, self.typing_key(step))

    def keep_typing(self, step: Step, text: str) -> None:
        """Save the field being typed (the TUI calls this as the person types)."""
        drafts.save_draft(self.db, self.typing_key(step), text)

    # -- moving -------------------------------------------------------------------------------

    def submit(
        self, raw: Any, *, today: date | None = None, now: datetime | None = None
    ) -> SubmitResult:
        """Validate the answer to the current step, screen its text, save, and move on.

        The text is screened first, before validation. Raises AnswerError (nothing saved,
        nothing moves) when the answer does not fit, RiskyAnswer when it also carries risk.
        The answer is saved even when the decision is a crisis: the caller shows help.
        """
        step = self.current
        if step is None:
            raise AnswerError("This exercise has no more steps.")
        text = safety_screen.free_text_of(step, raw)
        decision = safety_screen.screen(self.db, text) if text.strip() else None
        try:
            value = validate_answer(step, raw, self.data, today)
        except AnswerError as error:
            if decision is not None and decision.assessment.flagged:
                raise RiskyAnswer(str(error), decision) from None
            raise
        if step.type in ANSWERED_TYPES:
            if value is None:
                self.data.pop(step.id, None)
            else:
                self.data[step.id] = value
        self.index += 1
        self._save(now)
        drafts.discard_draft(self.db, self.typing_key(step))
        return SubmitResult(value, decision)

    def back(self, now: datetime | None = None) -> None:
        """Go to the previous step (answers are kept)."""
        if self.index > 0:
            self.index -= 1
            self._save(now)

    def complete(self, now: datetime | None = None) -> ExerciseRecord:
        """Store the finished phase as a complete record (with its follow-up date, if any)."""
        follow_up: str | None = None
        if self.phase == "main" and self.definition.has_follow_up:
            follow_up = next(
                (self.data.get(s.id) for s in self.definition.steps if s.follow_up), None
            )
        self.record = records.complete_exercise(
            self.db, self.record.id, self.data, follow_up_date=follow_up, now=now
        )
        if follow_up:
            self.record = records.save_draft(
                self.db, self.record.id, self.data, self._first_index("follow_up"), now=now
            )
        self.phase = _phase_of(self.definition, self.record)
        self.index = 0
        return self.record

    @property
    def untouched(self) -> bool:
        """A draft with no answer and nothing typed: leaving it should leave nothing behind."""
        if self.record.status != records.DRAFT or any(
            value not in (None, "", [], {}) for value in self.data.values()
        ):
            return False
        prefix = f"exercise:{self.record.id}:"
        typed = [d for d in drafts.list_drafts(self.db) if d["key"].startswith(prefix)]
        return not any(d["body"].strip() for d in typed)

    def discard(self) -> None:
        """Delete this draft record and the text typed on its steps."""
        records.delete_exercise(self.db, self.record.id)

    def handoff(self) -> tuple[str, dict[str, Any]] | None:
        """(exercise name, answers to carry over) when this exercise hands on to another."""
        handoff = self.definition.handoff
        if handoff is None:
            return None
        value = self.data.get(handoff.from_step)
        if not value:
            return None
        return handoff.exercise, {handoff.into_step: value}

    # -- internals ----------------------------------------------------------------------------

    def _first_index(self, phase: str) -> int:
        for number, step in enumerate(self.definition.steps):
            if step.phase == phase:
                return number
        return len(self.definition.steps)

    def _index_from(self, absolute: int) -> int:
        steps = self.steps
        if not steps:
            return 0
        all_steps = self.definition.steps
        if 0 <= absolute < len(all_steps) and all_steps[absolute] in steps:
            return steps.index(all_steps[absolute])
        if absolute >= len(all_steps) or (steps and absolute > all_steps.index(steps[-1])):
            return len(steps)
        return 0

    def _absolute(self) -> int:
        steps = self.steps
        if self.index < len(steps):
            return self.definition.steps.index(steps[self.index])
        return self.definition.steps.index(steps[-1]) + 1 if steps else 0

    def _save(self, now: datetime | None) -> None:
        self.record = records.save_draft(
            self.db, self.record.id, self.data, self._absolute(), now=now
        )


def _phase_of(definition: Definition, record: ExerciseRecord) -> str:
    if record.status == records.DRAFT:
        return "main"
    if record.follow_up_date and definition.has_follow_up:
        return "follow_up"
    return "done"
