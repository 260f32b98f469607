"""Submit a questionnaire (PHQ-9 or GAD-7): score it, save it, and decide about item 9."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from companion.flows.errors import NotSaved
from companion.insights import questionnaires as q
from companion.safety.flow import SafetyDecision, for_questionnaire

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class AssessmentSubmitted:
    """The stored result: its id, the score, the plain sentences about it (``explain``) and
    the safety decision (a PHQ-9 item 9 answer above "not at all" is a crisis whatever the
    total: ``decision.open_help_now``)."""

    assessment_id: int
    score: q.Score
    lines: tuple[str, ...]
    decision: SafetyDecision


def score_answers(instrument: str, answers: list[int] | tuple[int, ...] | str) -> q.Score:
    """Score answers given as numbers or as text ("0,1,2,..."); ``NotSaved`` otherwise."""
    try:
        if isinstance(answers, str):
            return q.parse_answers(instrument, answers)
        return q.score(instrument, answers)
    except ValueError as error:
        raise NotSaved(str(error), "answers") from error


def submit_assessment(
    db: Database,
    instrument: str,
    answers: list[int] | tuple[int, ...] | str,
    *,
    now: datetime | None = None,
) -> AssessmentSubmitted:
    """Score and store the answers (with a safety event for item 9) in one transaction."""
    result = score_answers(instrument, answers)
    saved_id = q.record_result(db, result, now=now)
    decision = for_questionnaire(result.safety_flag, q.SAFETY_REASON)
    return AssessmentSubmitted(saved_id, result, tuple(q.explain(result)), decision)
