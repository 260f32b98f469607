"""What a safety response points to (``Resource``) and, for each kind of danger, in which order.

Kept apart from ``flow`` so that what only draws help (Help now, `companion sos`) does not import
the detector, the conversation state and the output guard that ``flow`` needs.
"""

from __future__ import annotations

from enum import StrEnum

from companion.core.safety.types import Category


class Resource(StrEnum):
    """What a reply points to, in the order it is shown."""

    EMERGENCY = "emergency"
    CRISIS_LINES = "crisis_lines"
    ABUSE_LINES = "abuse_lines"  # domestic abuse, people threatened or hurt by someone
    CHILD_LINES = "child_lines"  # child protection
    SAFETY_PLAN = "safety_plan"


SELF: tuple[Resource, ...] = (Resource.EMERGENCY, Resource.CRISIS_LINES, Resource.SAFETY_PLAN)
FROM_OTHERS: tuple[Resource, ...] = (
    Resource.EMERGENCY,
    Resource.ABUSE_LINES,
    Resource.CHILD_LINES,
    Resource.CRISIS_LINES,
)
OTHERS: tuple[Resource, ...] = (Resource.EMERGENCY, Resource.CHILD_LINES, Resource.CRISIS_LINES)
HELP_NOW = SELF  # what Help now shows when nothing more is known

_BY_CATEGORY: dict[Category, tuple[Resource, ...]] = {
    Category.SELF: SELF,
    Category.FROM_OTHERS: FROM_OTHERS,
    Category.OTHERS: OTHERS,
}


def resources_for(category: Category | None) -> tuple[Resource, ...]:
    """What to show for a kind of danger (the emergency number first for every kind)."""
    return _BY_CATEGORY.get(category, HELP_NOW) if category is not None else HELP_NOW
