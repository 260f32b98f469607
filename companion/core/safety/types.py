"""The vocabulary of a safety decision: levels, categories, layers and the assessment itself.

Every front end reads these types; none compares level strings of its own. ``Level`` and the
other enums are ``StrEnum`` so that stored values ("none", "concern", "crisis") and JSON output
stay the plain words they always were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum


class Level(StrEnum):
    """How worried the check is, lowest first."""

    NONE = "none"
    CONCERN = "concern"
    CRISIS = "crisis"

    @property
    def rank(self) -> int:
        return _RANK[self]

    def at_least(self, other: Level) -> bool:
        return self.rank >= other.rank

    @staticmethod
    def highest(*levels: Level) -> Level:
        return max(levels, key=lambda level: level.rank, default=Level.NONE)


_RANK = {Level.NONE: 0, Level.CONCERN: 1, Level.CRISIS: 2}


class Category(StrEnum):
    """Whose safety is at stake."""

    SELF = "self"  # suicide, self-harm, eating, overdose: the person themself
    OTHERS = "others"  # the person wants to hurt someone, or someone else is at risk from them
    FROM_OTHERS = "from_others"  # the person (or a child) is threatened or hurt by someone now


class Layer(StrEnum):
    """Which part of the check decided the level."""

    RULES = "rules"  # explicit statements, matched by the rule set
    LEARNED = "learned"  # the in-process classifier over word and character n-grams
    CONVERSATION = "conversation"  # the risk carried across the turns of one conversation


@dataclass(frozen=True)
class SafetyAssessment:
    """The result of the check: a level, whose safety, why (reason codes, never the words)."""

    level: Level
    reasons: tuple[str, ...] = ()
    category: Category | None = None
    layer: Layer | None = None
    score: float | None = None  # the learned layer's probability, when it ran
    meta: dict[str, str] = field(default_factory=dict, compare=False)

    @property
    def is_crisis(self) -> bool:
        return self.level is Level.CRISIS

    @property
    def flagged(self) -> bool:
        return self.level is not Level.NONE

    def summary(self) -> dict[str, str | None]:
        """Level, category and layer as plain strings, as the CLI's JSON output gives them."""
        return {
            "level": str(self.level),
            "category": None if self.category is None else str(self.category),
            "layer": None if self.layer is None else str(self.layer),
        }
