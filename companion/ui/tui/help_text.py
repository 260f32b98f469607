"""Rich ``Text`` drawings of ``companion.core.safety.help_view.HelpView`` for the Help now screen.

The wording is all in ``help_view``; this adds only bold, dim and bullets. Everything is
appended as plain ``Text`` (never parsed as markup), so the person's plan stays literal.
"""

from __future__ import annotations

from rich.text import Text

from companion.core.safety import help_view as hv
from companion.core.safety.help_view import HelpView, Part

BULLET = "\u2022"


def emergency_text(view: HelpView) -> Text:
    """The emergency number, reversed so it stands out, and the country it is for."""
    text = Text("Emergency: ", style="bold")
    text.append(view.emergency, style="bold reverse")
    if view.known:
        text.append(f"\u00a0\u00a0in {view.country_name}")
    return text


def helplines_text(view: HelpView) -> Text:
    """The country's crisis lines, each with how to reach it and its hours."""
    text = Text()
    section = view.section(Part.CRISIS_LINES)
    if section is None or not section.items:
        text.append(hv.NO_LINES_BOLD, style="bold")
        text.append(hv.NO_LINES + "\n")
        return text
    for index, item in enumerate(section.items):
        if index:
            text.append("\n")
        text.append(item.name + "\n", style="bold")
        for way in item.ways:
            text.append(f"{BULLET} {way}\n")
        text.append(f"{BULLET} Hours: {item.hours}\n", style="dim")
    return text


def danger_lines_text(view: HelpView) -> Text:
    """Lines for people threatened or hurt by someone, and for children at risk, when the view
    has them; the emergency number and findahelpline.com where none are stored."""
    text = Text()
    for section in view.parts(Part.ABUSE_LINES, Part.CHILD_LINES):
        text.append(section.title + "\n", style="bold")
        if not section.items:
            text.append(f"{BULLET} {section.empty}\n")
        for item in section.items:
            text.append(f"{BULLET} {hv.ways_line(item)}\n")
    return text


def plan_text(view: HelpView) -> Text:
    """The person's own plan, literally (their words are never read as markup)."""
    text = Text()
    if not view.plan:
        text.append(hv.NO_PLAN_HELP_NOW)
        return text
    for section in view.plan:
        text.append(section.title + "\n", style="bold")
        for item in section.items:
            text.append(f"{BULLET} {item.name}\n")
    return text
