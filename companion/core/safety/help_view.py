"""One render model of the help the app offers, and every sentence of crisis wording.

``help_view(country, resources, plan)`` builds a ``HelpView``: the emergency number first,
then lines for people threatened or hurt by someone, for children at risk, the crisis lines,
findahelpline.com (always; it is the whole answer while no country is chosen) and the person's
own safety plan. The TUI's Help now screen, ``companion sos`` and the scripted replies
(``safety.compose``) all draw this one model; styling stays in the front ends.

Every string in a ``HelpView`` is plain text: the person's plan items are kept literally, so a
front end that renders markup must escape them (Rich ``Text`` does).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from companion.core.safety.helplines import FIND_A_HELPLINE, CountryHelplines, Service, for_country
from companion.core.safety.plan import SECTIONS
from companion.core.safety.resources import HELP_NOW as HELP_NOW
from companion.core.safety.resources import Resource, resources_for
from companion.core.safety.types import Category

# --- the wording, once ---------------------------------------------------------------------

LOCAL_EMERGENCY = "your local emergency number"
OPENING = (
    "You reached out, and that matters. When things feel this heavy it can seem as if they "
    "will never change, but feelings like these do ease, and there are people who want to "
    "help you through this moment. You don't have to do this alone."
)
OPENING_DETECTED = (
    "What you shared sounds really painful, so before anything else, here are people who can "
    "help. " + OPENING.split(". ", 1)[1]
)
NEXT_STEPS = (
    "If you might act on thoughts of ending your life, or you are in danger now, call {emergency} "
    "or go to the nearest emergency department. Otherwise, call or text one of the lines below: "
    "the people there are trained to listen, without judging."
)
SOS_MESSAGE = (
    "You don't have to go through this alone. If you might act on thoughts of ending your life, "
    "or you are in danger now, call your emergency number. Otherwise, reach out to one of the "
    "people or services below: they are there to listen, any time."
)
CRISIS_FALLBACK = (
    "If you might act on these thoughts, or you are in danger, call your local emergency "
    "number now (for example 112 in Europe, 999 in the UK, 911 in the US and Canada, 000 in "
    "Australia). To find a free, confidential helpline in your country, visit "
    "findahelpline.com. You don't have to go through this alone."
)
CRISIS_FALLBACK_MORE = "Your safety plan and helplines: run `companion sos`."
INLINE_GROUNDING = (
    "5-4-3-2-1 grounding. Wherever you are, slowly notice:\n"
    "  5 things you can see\n"
    "  4 things you can touch\n"
    "  3 things you can hear\n"
    "  2 things you can smell\n"
    "  1 thing you can taste\n"
    "Then take one slow breath in, and a longer breath out."
)

ABUSE_TITLE = "If someone is hurting or threatening you"
CHILD_TITLE = "If a child is at risk"
CRISIS_TITLE = "Crisis lines"
HELPLINES_HEADING = "Helplines"
PLAN_HEADING = "My safety plan"
PLAN_REPLY_HEADING = "Your safety plan:"
ANOTHER_COUNTRY = "Helplines for another country:"
CHOOSE_COUNTRY = "Choose your country"

FIND_A_HELPLINE_TEXT = f"{FIND_A_HELPLINE} lists lines worldwide."
FIND_A_HELPLINE_SOMEWHERE_ELSE = (
    f"Somewhere else? {FIND_A_HELPLINE} lists helplines in most countries."
)
FIND_A_HELPLINE_ANYWHERE = f"Anywhere else: {FIND_A_HELPLINE}"
FIND_A_HELPLINE_MORE = f"Anywhere else, or for more options: {FIND_A_HELPLINE}"
ASK_COUNTRY = (
    "Which country are you in? Choose it below so the right lines show "
    f"here. Until then, {FIND_A_HELPLINE} lists helplines in most countries."
)
NO_COUNTRY_REPLY = (
    "In an emergency, call your local emergency number.\n"
    f"Find a helpline in your country: {FIND_A_HELPLINE}\n"
    "(To see your country's lines here, {set_country}.)"
)
NO_COUNTRY_SOS = (
    "No helplines are stored for {country} yet: " + FIND_A_HELPLINE_TEXT + " "
    "Set your country once with `companion country CODE`."
)
NO_LINES_BOLD = "No helplines are stored for this country. "
NO_LINES = f"Use {FIND_A_HELPLINE} to find one near you."
NO_DANGER_LINES = "Call {emergency}; for other lines see " + FIND_A_HELPLINE
NO_PLAN_HELP_NOW = (
    "You haven't written a safety plan yet. When you feel able, press p to start one: "
    "it helps to have your own steps and people written down."
)
NO_PLAN_REPLY = (
    "You haven't written a safety plan yet. When you feel able, it helps to have your "
    "own steps and people written down: {help}."
)
NO_PLAN_SOS = (
    "You have no safety plan yet; when you feel able, write one with `companion safety-plan edit`."
)
PLAN_UNREADABLE = "Your safety plan could not be read (the database did not open)."

# --- the model -----------------------------------------------------------------------------


class Part(StrEnum):
    """A kind of section, in the order sections are shown."""

    EMERGENCY = "emergency"
    ASK_COUNTRY = "ask_country"
    ABUSE_LINES = "abuse_lines"
    CHILD_LINES = "child_lines"
    CRISIS_LINES = "crisis_lines"
    FIND_A_HELPLINE = "find_a_helpline"
    SAFETY_PLAN = "safety_plan"


@dataclass(frozen=True)
class HelpItem:
    """A helpline (its name, each way to reach it, its hours) or one step of the plan (name)."""

    name: str
    ways: tuple[str, ...] = ()
    hours: str = ""


@dataclass(frozen=True)
class HelpSection:
    """A titled group of items; ``empty`` is what to say when it has none."""

    part: Part
    title: str
    items: tuple[HelpItem, ...] = ()
    empty: str = ""


@dataclass(frozen=True)
class HelpView:
    """What to show, in order. ``known`` is False while no stored country is chosen."""

    country: str
    country_name: str
    known: bool
    emergency: str
    sections: tuple[HelpSection, ...]

    def section(self, part: Part) -> HelpSection | None:
        """The first section of this kind, if the view has one."""
        return next((s for s in self.sections if s.part is part), None)

    def parts(self, *parts: Part) -> tuple[HelpSection, ...]:
        """The sections of these kinds, in order."""
        return tuple(s for s in self.sections if s.part in parts)

    @property
    def plan(self) -> tuple[HelpSection, ...]:
        """The person's plan, one section per non-empty plan section (none when it is empty)."""
        return self.parts(Part.SAFETY_PLAN)


def service_item(service: Service) -> HelpItem:
    return HelpItem(service.name, tuple(c.describe() for c in service.contacts), service.hours)


def _lines(part: Part, title: str, services: tuple[Service, ...], empty: str) -> HelpSection:
    return HelpSection(part, title, tuple(service_item(s) for s in services), empty)


def plan_sections(plan: Mapping[str, list[str]], limit: int | None = None) -> list[HelpSection]:
    """The plan's non-empty sections in order, each item literal (at most ``limit`` each)."""
    out: list[HelpSection] = []
    for sec in SECTIONS:
        items = [item for item in plan.get(sec.key, []) if item.strip()][:limit]
        if items:
            out.append(HelpSection(Part.SAFETY_PLAN, sec.title, tuple(map(HelpItem, items))))
    return out


def help_view(
    country: str | CountryHelplines | None,
    resources: Iterable[Resource] | None = None,
    plan: Mapping[str, list[str]] | None = None,
    *,
    category: Category | None = None,
    plan_items: int | None = None,
) -> HelpView:
    """The help to show for a country (a code, "" or None for none chosen), the resources a
    safety decision asks for (or those of ``category``; Help now's by default) and the plan."""
    entry = country if isinstance(country, CountryHelplines) else for_country(country)
    wanted = set(resources_for(category) if resources is None else resources)
    emergency = entry.emergency if entry.known else LOCAL_EMERGENCY
    sections: list[HelpSection] = []
    if Resource.EMERGENCY in wanted:
        sections.append(HelpSection(Part.EMERGENCY, "Emergency", (HelpItem(emergency),)))
    if not entry.known:
        sections.append(HelpSection(Part.ASK_COUNTRY, "", empty=ASK_COUNTRY))
    danger = NO_DANGER_LINES.format(emergency=entry.emergency)
    if Resource.ABUSE_LINES in wanted:
        sections.append(_lines(Part.ABUSE_LINES, ABUSE_TITLE, entry.abuse_services, danger))
    if Resource.CHILD_LINES in wanted:
        sections.append(_lines(Part.CHILD_LINES, CHILD_TITLE, entry.child_services, danger))
    if Resource.CRISIS_LINES in wanted:
        sections.append(
            _lines(Part.CRISIS_LINES, CRISIS_TITLE, entry.services, NO_LINES_BOLD + NO_LINES)
        )
    sections.append(HelpSection(Part.FIND_A_HELPLINE, "", empty=FIND_A_HELPLINE_SOMEWHERE_ELSE))
    if Resource.SAFETY_PLAN in wanted:
        sections += plan_sections(plan or {}, plan_items)
    return HelpView(entry.code, entry.name, entry.known, emergency, tuple(sections))


def ways_line(item: HelpItem) -> str:
    """One line for a helpline: "name: ways (hours)"."""
    return f"{item.name}: {'; '.join(item.ways)} ({item.hours})"
