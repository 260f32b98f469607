"""Plain-text drawings of a ``HelpView``: inside a scripted reply, and for `companion sos`.

The wording is in ``help_view``; these only lay it out as lines. The result is plain text (the
person's plan items literally): a front end that renders markup must escape it.
"""

from __future__ import annotations

from companion.core.safety import help_view as hv
from companion.core.safety.help_view import HelpSection, HelpView, Part


def _reply_lines(section: HelpSection) -> list[str]:
    if not section.items:
        return []
    return [f"{section.title}:"] + [f"- {hv.ways_line(item)}" for item in section.items]


def reply_lines_text(view: HelpView, set_country: str) -> str:
    """The lines inside a reply: the emergency number first, then each kind of line asked for."""
    if not view.known:
        return hv.NO_COUNTRY_REPLY.format(set_country=set_country)
    out: list[str] = []
    if view.section(Part.EMERGENCY) is not None:
        out.append(f"Emergency ({view.country_name}): {view.emergency}")
    for section in view.parts(Part.ABUSE_LINES, Part.CHILD_LINES, Part.CRISIS_LINES):
        out += _reply_lines(section)
    out.append(hv.FIND_A_HELPLINE_ANYWHERE)
    return "\n".join(out)


def reply_plan_text(view: HelpView, help: str) -> str:
    """The person's plan inside a reply, or a gentle word when there is none."""
    out: list[str] = []
    for section in view.plan:
        out.append(section.title)
        out += [f"- {item.name}" for item in section.items]
    if not out:
        return hv.NO_PLAN_REPLY.format(help=help)
    return hv.PLAN_REPLY_HEADING + "\n" + "\n".join(out)


def sos_lines_text(view: HelpView) -> str:
    """`companion sos`'s lines: the emergency number, each crisis line with how to reach it
    and its hours, findahelpline.com."""
    lines = [f"Emergency ({view.country_name}): {view.emergency}"]
    crisis = view.section(Part.CRISIS_LINES)
    for item in crisis.items if crisis is not None else ():
        lines.append("")
        lines.append(item.name)
        lines += [f"  {way}" for way in item.ways]
        lines.append(f"  Hours: {item.hours}")
    lines.append("")
    lines.append(hv.FIND_A_HELPLINE_MORE)
    return "\n".join(lines)


def sos_danger_text(view: HelpView) -> str:
    """`companion sos`'s lines for people hurt or threatened by someone and for children at
    risk ("" where none are stored)."""
    out: list[str] = []
    for section in view.parts(Part.ABUSE_LINES, Part.CHILD_LINES):
        out += _reply_lines(section)
    return "\n".join(out)


def sos_plan_text(view: HelpView) -> str:
    """`companion sos`'s plan: each non-empty section and its steps ("" when it is empty)."""
    return "\n\n".join(
        "\n".join([section.title] + [f"  - {item.name}" for item in section.items])
        for section in view.plan
    )
