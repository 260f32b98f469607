"""Deterministic help for exercise steps, used when the model in use is not fit for the job
(see companion.core.llm.fitness): template Socratic questions per step, and a sentence frame for a
balanced thought built only from the person's own evidence."""

from __future__ import annotations

import re

TEMPLATE_QUESTIONS: dict[str, tuple[str, ...]] = {
    "thoughts": (
        "What was going through your mind just before the feeling changed?",
        "What were you afraid might happen?",
        "What does this situation seem to say about you?",
    ),
    "evidence_for": (
        "What has actually happened that fits the thought?",
        "Would someone watching the situation see the same facts?",
        "Which parts are facts, and which are guesses or feelings?",
    ),
    "evidence_against": (
        "Has there been a time when this thought was not true?",
        "What would you say to a friend who had this thought?",
        "What might you be leaving out because you feel this way?",
    ),
    "balanced_thought": (
        "Taking both lists together, what seems fair to say?",
        "How might you see this in a week, or a year?",
        "What would a kind and honest friend say about it?",
    ),
}
GENERIC_QUESTIONS = (
    "What stands out to you when you read what you wrote?",
    "What would be a small next step here?",
    "How would someone who cares about you see it?",
)


def template_questions(step_id: str) -> list[str]:
    """Two or three open questions for the step (the same every time)."""
    return list(TEMPLATE_QUESTIONS.get(step_id, GENERIC_QUESTIONS))


def _clause(text: str) -> str:
    """The first sentence of ``text``, without end punctuation, starting lower case."""
    first = re.split(r"(?<=[.!?])\s+|\n", text.strip(), maxsplit=1)[0].strip().rstrip(".!?;,")
    if first[:2].lower() == "i " or first[:2].lower() == "i'":
        return first
    return first[:1].lower() + first[1:]


def balanced_frame(evidence_for: str, evidence_against: str) -> str:
    """A sentence frame from the person's own evidence ("" when there is none to work with)."""
    against = evidence_against.strip()
    if not against:
        return ""
    support = evidence_for.strip()
    if support:
        return f"Even though {_clause(support)}, it is also true that {_clause(against)}."
    return f"It is also true that {_clause(against)}."
