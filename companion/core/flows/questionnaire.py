"""Submit a questionnaire (PHQ-9 or GAD-7): score it, save it, and decide about item 9."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from companion.core.flows.drafts import DraftKey
from companion.core.flows.errors import NotSaved
from companion.core.insights import questionnaires as q
from companion.core.safety.flow import SafetyDecision, for_questionnaire

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class QuestionnaireSubmitted:
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


def submit_questionnaire(
    db: Database,
    instrument: str,
    answers: list[int] | tuple[int, ...] | str,
    *,
    now: datetime | None = None,
) -> QuestionnaireSubmitted:
    """Score and store the answers (with a safety event for item 9) in one transaction; the
    answers' draft goes."""
    from companion.core.store import drafts

    result = score_answers(instrument, answers)
    saved_id = q.record_result(db, result, now=now)
    drafts.discard_draft(db, str(DraftKey.assessment(result.instrument)))
    decision = for_questionnaire(result.safety_flag, q.SAFETY_REASON)
    return QuestionnaireSubmitted(saved_id, result, tuple(q.explain(result)), decision)


def load_answers(db: Database, instrument: str) -> list[int]:
    """The answers kept as a draft for ``instrument`` ([] when none, or not a valid start)."""
    from companion.core.store import drafts

    spec = q.get_instrument(instrument)
    try:
        saved = json.loads(drafts.load_draft(db, str(DraftKey.assessment(spec.key))) or "[]")
    except ValueError:
        return []
    if (
        isinstance(saved, list)
        and len(saved) < len(spec.items)
        and all(isinstance(v, int) and not isinstance(v, bool) and 0 <= v <= 3 for v in saved)
    ):
        return saved
    return []


def keep_answers(db: Database, instrument: str, answers: list[int]) -> None:
    """Keep the answers so far as a draft (none: the draft goes)."""
    from companion.core.store import drafts

    key = str(DraftKey.assessment(q.get_instrument(instrument).key))
    if answers:
        drafts.save_draft(db, key, json.dumps(answers))
    else:
        drafts.discard_draft(db, key)
