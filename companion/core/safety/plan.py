"""The safety plan (Stanley & Brown's Safety Planning Intervention) plus reasons for living.

Sections are an ordered list of (key, title, help text). The person's own words are stored by
``companion.core.store.safety_records`` (section key -> list of lines); ``render_plan`` prints them.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PlanSection:
    """One section of the plan: a stable storage key, a title and a short prompt."""

    key: str
    title: str
    prompt: str


SECTIONS: tuple[PlanSection, ...] = (
    PlanSection(
        "warning_signs",
        "1. My warning signs",
        "Thoughts, feelings, situations or behaviours that tell me a crisis may be building.",
    ),
    PlanSection(
        "coping_strategies",
        "2. Things I can do on my own",
        "Ways to take my mind off things without contacting anyone: a walk, music, a shower, "
        "breathing, a grounding exercise.",
    ),
    PlanSection(
        "distractions",
        "3. People and places that take my mind off things",
        "People I can be around and places I can go (a cafe, a park, a friend's home).",
    ),
    PlanSection(
        "people_to_ask",
        "4. People I can ask for help",
        "Names and phone numbers of people I trust to tell how I am feeling.",
    ),
    PlanSection(
        "professionals",
        "5. Professionals and services I can contact",
        "My doctor, a counsellor or mental health team, a crisis line, the nearest emergency "
        "department.",
    ),
    PlanSection(
        "safe_environment",
        "6. Making my surroundings safer",
        "Steps to keep things I could use to hurt myself out of reach, or to be with someone "
        "while the feeling passes.",
    ),
    PlanSection(
        "reasons_for_living",
        "My reasons for living",
        "The people, animals, hopes and things that matter to me and are worth staying for.",
    ),
)

SECTION_KEYS = tuple(section.key for section in SECTIONS)
_BY_KEY = {section.key: section for section in SECTIONS}


def section(key: str) -> PlanSection:
    """The section with this key (KeyError for an unknown key)."""
    return _BY_KEY[key]


def render_plan(plan: dict[str, list[str]], *, include_empty: bool = True) -> str:
    """The plan as plain text, sections in order; unknown keys are ignored.

    Empty sections show their prompt in brackets when ``include_empty`` so the person sees what
    could go there.
    """
    blocks: list[str] = []
    for sec in SECTIONS:
        items = [item for item in plan.get(sec.key, []) if item.strip()]
        if not items and not include_empty:
            continue
        lines = [sec.title]
        if items:
            lines.extend(f"  - {item}" for item in items)
        else:
            lines.append(f"  (empty: {sec.prompt})")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def is_empty(plan: dict[str, list[str]]) -> bool:
    """True when no section of the plan has any line."""
    return not any(item.strip() for key in SECTION_KEYS for item in plan.get(key, []))
