"""The one safety flow every front end calls: text in, a typed decision out.

``decide(text, source, state)`` assesses what the person wrote (``detect.detect_crisis``), notes a topic
the model must not answer freely (``topics``), and, for chat, carries the risk across the
conversation (``conversation.advance``). The ``SafetyDecision`` says which scripted reply to
give, which resources to show (emergency number, crisis lines, domestic-abuse and
child-protection lines, the safety plan), whether the model may answer at all and whether Help
now opens. ``respond`` does the same and records the event (never the text). ``compose.render``
turns a decision into the words to show. No front end compares levels or writes its own wording.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum
from typing import TYPE_CHECKING

from companion.core.safety.replies import ReplyName
from companion.core.safety.resources import FROM_OTHERS as _FROM_OTHERS
from companion.core.safety.resources import OTHERS as _OTHERS
from companion.core.safety.resources import SELF as _SELF
from companion.core.safety.resources import Resource as Resource
from companion.core.safety.topics import Topic, is_follow_up, method_reason, topic_of
from companion.core.safety.types import Category, Layer, Level, SafetyAssessment

if TYPE_CHECKING:
    from companion.core.safety.conversation import RiskState
    from companion.core.store._util import Conn


class Source(StrEnum):
    """Where the text was written."""

    CHAT = "chat"
    JOURNAL = "journal"
    EXERCISE = "exercise"
    ASSESSMENT = "assessment"
    CHECKIN = "checkin"


class Author(StrEnum):
    """Who wrote a chat reply."""

    MODEL = "model"
    SCRIPTED = "scripted"  # a fixed, reviewed reply (prompts/replies)
    GUARD = "guard"  # the model wrote it, the output guard replaced it


_TOPIC_REPLY = {
    Topic.METHOD: ReplyName.METHOD,
    Topic.MEDICATION: ReplyName.MEDICATION,
    Topic.DIAGNOSIS: ReplyName.DIAGNOSIS,
    Topic.EATING: ReplyName.EATING,
    Topic.HUMAN: ReplyName.HUMAN,
}


@dataclass(frozen=True)
class SafetyDecision:
    """What to do with one piece of the person's text.

    ``reply`` is the scripted reply to give (None: nothing to say, or the model may answer);
    ``model_may_answer`` is False whenever a reply is scripted; ``state`` is the conversation's
    risk state after this turn (chat only); ``record`` says whether this is a safety event.
    """

    assessment: SafetyAssessment
    reply: ReplyName | None = None
    resources: tuple[Resource, ...] = ()
    model_may_answer: bool = True
    open_help_now: bool = False
    topic: Topic | None = None
    state: RiskState | None = None
    record: bool = False

    @property
    def level(self) -> Level:
        return self.assessment.level

    @property
    def category(self) -> Category | None:
        return self.assessment.category

    @property
    def offers_carry_on(self) -> bool:
        """The reply ends with the choice to carry on (model replies are suspended)."""
        return self.state is not None and self.state.suspended


def _raise_for_method(assessment: SafetyAssessment, reason: str | None) -> SafetyAssessment:
    """A method question is a crisis, method text to repeat is a concern, whatever the rules
    found; never lower what they found."""
    if reason is None:
        return assessment
    level = Level.CRISIS if reason == "method_question" else Level.CONCERN
    if assessment.level.at_least(level):
        return assessment
    return SafetyAssessment(
        level,
        tuple(dict.fromkeys((*assessment.reasons, reason))),
        assessment.category or Category.SELF,
        Layer.RULES,
        assessment.score,
        assessment.meta,
    )


def _by_category(level: Level, category: Category | None) -> tuple[ReplyName, tuple[Resource, ...]]:
    if category is Category.FROM_OTHERS:
        return ReplyName.FROM_OTHERS, _FROM_OTHERS
    if category is Category.OTHERS and level is Level.CRISIS:
        return ReplyName.OTHERS, _OTHERS
    return ReplyName.CRISIS, _SELF


def _note(assessment: SafetyAssessment, topic: Topic | None) -> SafetyDecision:
    """Journal, check-in, exercise, assessment: a short note, Help now on a crisis."""
    level, category = assessment.level, assessment.category
    may_answer = not assessment.flagged and topic is not Topic.METHOD
    if not assessment.flagged:
        return SafetyDecision(assessment, None, (), may_answer, False, topic)
    if category is Category.FROM_OTHERS:
        reply, resources = ReplyName.NOTE_FROM_OTHERS, _FROM_OTHERS
    elif level is Level.CRISIS:
        reply, resources = ReplyName.NOTE_CRISIS, _OTHERS if category is Category.OTHERS else _SELF
    else:
        reply, resources = ReplyName.NOTE_CONCERN, (Resource.CRISIS_LINES, Resource.SAFETY_PLAN)
    crisis = level is Level.CRISIS
    return SafetyDecision(assessment, reply, resources, False, crisis, topic, None, True)


def decide(text: str, source: Source, state: RiskState | None = None) -> SafetyDecision:
    """The decision for ``text`` written in ``source``; ``state`` is the chat conversation's
    risk state so far (a new conversation starts ``RiskState()``). Never raises."""
    from companion.core.safety.detect import detect_crisis

    assessment = detect_crisis(text)
    try:
        topic = topic_of(text)
        assessment = _raise_for_method(assessment, method_reason(text))
    except Exception:  # a pattern bug must not open a way round the check
        topic = Topic.METHOD
    if source is not Source.CHAT:
        return _note(assessment, topic)
    # the conversation's risk state: only chat needs it (journal add does not import it)
    from companion.core.safety.conversation import ESCALATION, RiskState, advance

    before = state or RiskState()
    if topic is None and before.topic is not None and is_follow_up(text):
        topic = before.topic
    after, turn = advance(before, assessment, text, topic)
    recorded = turn.flagged and (assessment.flagged or ESCALATION in turn.reasons)
    if after.suspended:
        if turn.is_crisis:
            reply, resources = _by_category(turn.level, turn.category)
            if topic is Topic.METHOD and reply is ReplyName.CRISIS:
                reply = ReplyName.METHOD
            return SafetyDecision(turn, reply, resources, False, True, topic, after, recorded)
        if after.category is Category.FROM_OTHERS:
            return SafetyDecision(
                turn, ReplyName.FROM_OTHERS, _FROM_OTHERS, False, False, topic, after, recorded
            )
        return SafetyDecision(
            turn, ReplyName.SUSPENDED, _SELF, False, False, topic, after, recorded
        )
    if turn.flagged and turn.category in (Category.FROM_OTHERS, Category.OTHERS):
        reply = ReplyName.FROM_OTHERS if turn.category is Category.FROM_OTHERS else ReplyName.OTHERS
        resources = _FROM_OTHERS if turn.category is Category.FROM_OTHERS else _OTHERS
        return SafetyDecision(turn, reply, resources, False, False, topic, after, recorded)
    if topic is not None:
        return SafetyDecision(turn, _TOPIC_REPLY[topic], (), False, False, topic, after, recorded)
    if turn.flagged:
        # The full concern reply once per conversation; later concern turns get a shorter,
        # different line instead of the same paragraph again.
        reply = ReplyName.CONCERN_AGAIN if before.concern_said else ReplyName.CONCERN
        after = replace(after, concern_said=True)
        return SafetyDecision(turn, reply, (), False, False, topic, after, recorded)
    return SafetyDecision(turn, None, (), True, False, topic, after, False)


def for_questionnaire(flagged: bool, reason: str = "phq9_item9") -> SafetyDecision:
    """The decision after a questionnaire: an item about self-harm answered above "not at
    all" (PHQ-9 item 9) is a crisis, whatever the total. The event is recorded with the result
    (``insights.questionnaires.record_result``), so ``record`` is False here."""
    if not flagged:
        return SafetyDecision(SafetyAssessment(Level.NONE))
    assessment = SafetyAssessment(Level.CRISIS, (reason,), Category.SELF, Layer.RULES)
    return SafetyDecision(assessment, ReplyName.NOTE_CRISIS, _SELF, False, True)


def respond(db: Conn, text: str, source: Source, state: RiskState | None = None) -> SafetyDecision:
    """``decide``, and record the safety event (level, source, reasons; never the text)."""
    decision = decide(text, source, state)
    if decision.record:
        from companion.core.store.safety_records import record_safety_event

        assessment = decision.assessment
        record_safety_event(db, assessment.level, str(source), list(assessment.reasons))
    return decision
