"""The crisis detector's rules: patterns over normalised text (see ``normalize``).

Each rule names a short reason code and a level. Rules are written from how people talk about
suicide and self-harm (first-person subject + verb + self-directed object, intensifiers, slang,
typos, four other languages), not from any benchmark list. ``detect`` applies them clause by
clause with negation, hyperbole and reported-speech handling.
"""

from companion.core.safety.rules.base import CONCERN, CRISIS, Rule
from companion.core.safety.rules.concern import CONCERN_RULES
from companion.core.safety.rules.context import (
    FIRST_PERSON,
    HYPERBOLE_TAIL,
    METHOD_WORDS,
    NEGATION_BREAKERS,
    NEGATORS,
    ONLY_WAY,
    PAST_ATTEMPT,
    PAST_MARKER,
    QUESTION_START,
    REPORTED,
    SUBJECT_I,
    SUBJECTLESS_SUICIDAL,
    SUICIDE_WORD,
    THIRD_PERSON,
    TOPICAL,
)
from companion.core.safety.rules.crisis import CRISIS_RULES
from companion.core.safety.rules.families import DECIDED_TIMING, FAMILY_RULES
from companion.core.safety.rules.lazy import Gate
from companion.core.safety.rules.others import DANGER_RULES
from companion.core.safety.rules.signals import (
    GOODBYE,
    HEIGHT_QUESTION,
    LOCAL,
    MEANS_PLACE,
    MEANS_POSSESSION,
    MEANS_QUESTION,
    STRESSOR,
    VEILED,
    VEILED_WEAK,
)

# Every clause rule, in the order ``detect`` tries them; ``ALL_RULES.which(clause)`` keeps only
# those whose pattern could match the clause (the others cannot change the answer).
ALL_RULES: Gate[Rule] = Gate(
    (*CRISIS_RULES, *CONCERN_RULES, *DANGER_RULES, *FAMILY_RULES), lambda rule: rule.pattern
)

__all__ = [
    "ALL_RULES",
    "CONCERN",
    "CONCERN_RULES",
    "CRISIS",
    "CRISIS_RULES",
    "DANGER_RULES",
    "DECIDED_TIMING",
    "FAMILY_RULES",
    "FIRST_PERSON",
    "GOODBYE",
    "HEIGHT_QUESTION",
    "HYPERBOLE_TAIL",
    "LOCAL",
    "MEANS_PLACE",
    "MEANS_POSSESSION",
    "MEANS_QUESTION",
    "METHOD_WORDS",
    "NEGATION_BREAKERS",
    "NEGATORS",
    "ONLY_WAY",
    "PAST_ATTEMPT",
    "PAST_MARKER",
    "QUESTION_START",
    "REPORTED",
    "STRESSOR",
    "SUBJECTLESS_SUICIDAL",
    "SUBJECT_I",
    "SUICIDE_WORD",
    "THIRD_PERSON",
    "TOPICAL",
    "VEILED",
    "VEILED_WEAK",
    "Rule",
]
