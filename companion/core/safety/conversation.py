"""Risk across a conversation: a small state machine each chat conversation carries.

A single message can look harmless ("which bridges near me are the tallest?") when the turn
before it was not ("I lost my job today"). ``advance`` reads one new message with what came
before and returns the new state and the assessment of the turn in its conversation:

- ``OPEN``: nothing of note. A stressor or a concern turn moves to ``WATCH``.
- ``WATCH``: for the next ``WATCH_TURNS`` turns, a question about heights, railings, bridges,
  amounts, doses, timing or "how long", or a word of preparation or farewell ("I've written the
  letters"), escalates to crisis (layer ``conversation``). Quiet turns count down to ``OPEN``.
- ``SUSPENDED``: after a crisis turn (or an escalation). The model does not answer: every reply
  is the scripted suspended message with the safety plan, the lines to reach and a choice to
  carry on. The model comes back only when the person has chosen to carry on (``carry_on``) AND
  the new message carries no risk (level none, no means question, no scripted topic); the
  conversation then goes to ``WATCH``. Any risk while suspended clears the choice.

The state also keeps the last turn's scripted topic, so a short follow-up question ("Is it safe
to just stop?" after a medication question) gets the same scripted reply, not the model.

The state is plain data (``to_dict``/``from_dict``) stored with the conversation's messages.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import Any

from companion.core.safety.topics import (
    Topic,
    asks_about_means,
    mentions_preparation,
    mentions_stressor,
)
from companion.core.safety.types import Category, Layer, Level, SafetyAssessment

WATCH_TURNS = 8  # user turns a stressor or concern keeps the conversation watchful
ESCALATION = "conversation_escalation"  # a means question after a stressor or concern
SUSPENDED_REASON = "conversation_suspended"  # a turn answered while model replies are suspended


class Mode(StrEnum):
    OPEN = "open"
    WATCH = "watch"
    SUSPENDED = "suspended"


@dataclass(frozen=True)
class RiskState:
    """Where a conversation stands. ``turns`` counts user turns since it last changed mode."""

    mode: Mode = Mode.OPEN
    turns: int = 0
    carry_on: bool = False
    category: Category | None = None  # whose safety the last flagged turn was about
    topic: Topic | None = None  # the last turn's scripted topic (follow-ups inherit it)
    concern_said: bool = False  # the full concern reply was given; later ones are shorter

    @property
    def suspended(self) -> bool:
        return self.mode is Mode.SUSPENDED

    def to_dict(self) -> dict[str, Any]:
        return {
            "mode": str(self.mode),
            "turns": self.turns,
            "carry_on": self.carry_on,
            "category": None if self.category is None else str(self.category),
            "topic": None if self.topic is None else str(self.topic),
            "concern_said": self.concern_said,
        }

    @classmethod
    def from_dict(cls, raw: object) -> RiskState:
        """Read a stored state; anything unreadable is a fresh ``OPEN`` state."""
        if not isinstance(raw, dict):
            return cls()
        try:
            category = raw.get("category")
            topic = raw.get("topic")
            return cls(
                mode=Mode(str(raw.get("mode", "open"))),
                turns=int(raw.get("turns", 0)),
                carry_on=bool(raw.get("carry_on", False)),
                category=None if category is None else Category(str(category)),
                topic=None if topic is None else Topic(str(topic)),
                concern_said=bool(raw.get("concern_said", False)),
            )
        except (ValueError, TypeError):
            return cls()

    def carried_on(self) -> RiskState:
        """The person chose to carry on talking (counts only while suspended)."""
        return replace(self, carry_on=True) if self.suspended else self


def _escalated(assessment: SafetyAssessment, category: Category | None) -> SafetyAssessment:
    reasons = tuple(dict.fromkeys((*assessment.reasons, ESCALATION)))
    return SafetyAssessment(
        Level.CRISIS,
        reasons,
        assessment.category or category or Category.SELF,
        Layer.CONVERSATION,
        assessment.score,
        assessment.meta,
    )


def _held(assessment: SafetyAssessment, category: Category | None) -> SafetyAssessment:
    """A quiet turn while suspended: the conversation, not the message, keeps it at concern."""
    if assessment.flagged:
        return assessment
    return SafetyAssessment(
        Level.CONCERN,
        (SUSPENDED_REASON,),
        category or Category.SELF,
        Layer.CONVERSATION,
        assessment.score,
        assessment.meta,
    )


def advance(
    state: RiskState, assessment: SafetyAssessment, text: str, topic: Topic | None = None
) -> tuple[RiskState, SafetyAssessment]:
    """The state after the message ``text`` (already assessed on its own), and the turn's
    assessment in its conversation. ``topic`` is the turn's scripted topic, if any."""
    after, turn = _advance(state, assessment, text, topic)
    return replace(after, topic=topic), turn


def _advance(
    state: RiskState, assessment: SafetyAssessment, text: str, topic: Topic | None
) -> tuple[RiskState, SafetyAssessment]:
    means = asks_about_means(text) or topic is Topic.METHOD or mentions_preparation(text)
    category = assessment.category or state.category
    if assessment.is_crisis:
        return RiskState(Mode.SUSPENDED, 0, False, category), assessment
    if state.mode is not Mode.OPEN and means:
        return RiskState(Mode.SUSPENDED, 0, False, category), _escalated(assessment, category)
    if state.suspended:
        risky = assessment.flagged or topic is not None or mentions_stressor(text)
        if state.carry_on and not risky:
            return RiskState(Mode.WATCH, 0, False, state.category), assessment
        held = RiskState(Mode.SUSPENDED, state.turns + 1, False, category)
        return held, _held(assessment, category)
    if assessment.flagged or mentions_stressor(text):
        return RiskState(Mode.WATCH, 0, False, category), assessment
    if state.mode is Mode.WATCH:
        turns = state.turns + 1
        if turns >= WATCH_TURNS:
            return RiskState(), assessment
        return replace(state, turns=turns), assessment
    return state, assessment
