"""The words of a safety decision: the scripted reply, then the resources it calls for (the
emergency number first, crisis lines, domestic-abuse and child-protection lines, the person's
own safety plan), then, while model replies are suspended, the choice to carry on.

``Surface`` says how to reach Help now and how to carry on on each front end, so the wording
itself lives once, here and in ``prompts/replies``.
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

from companion.core.safety.flow import SafetyDecision
from companion.core.safety.help_text import reply_lines_text, reply_plan_text
from companion.core.safety.help_view import LOCAL_EMERGENCY, help_view
from companion.core.safety.helplines import CountryHelplines, for_country
from companion.core.safety.replies import ReplyName, render_reply
from companion.core.safety.resources import Resource

if TYPE_CHECKING:
    from sqlite_utils import Database

PLAN_ITEMS = 3  # items shown per section of the plan inside a reply


@dataclass(frozen=True)
class Surface:
    """How a front end opens Help now, sets the country, and lets the person carry on."""

    help: str
    carry_on: str
    set_country: str


TUI = Surface(
    help="press F1 (Help now)",
    carry_on="When you feel ready to carry on talking here, press F6 or choose Carry on.",
    set_country="choose your country in Help now (F1)",
)
CLI = Surface(
    help="run `companion sos`",
    carry_on="When you feel ready to carry on talking here, type /carry-on.",
    set_country="run `companion country CODE` once",
)
CLI_ONE_SHOT = Surface(
    help="run `companion sos`",
    carry_on=(
        "When you feel ready to carry on talking here, run `companion chat --carry-on "
        "--conversation {conversation}`."
    ),
    set_country="run `companion country CODE` once",
)


def lines_text(entry: CountryHelplines, resources: tuple[Resource, ...], surface: Surface) -> str:
    """The emergency number first, then each kind of line the resources ask for."""
    return reply_lines_text(help_view(entry, resources), surface.set_country)


def plan_text(plan: dict[str, list[str]], surface: Surface) -> str:
    """The person's own plan, a few items per section, or a gentle word when there is none."""
    view = help_view(None, (Resource.SAFETY_PLAN,), plan, plan_items=PLAN_ITEMS)
    return reply_plan_text(view, surface.help)


def _plan(db: Database | None) -> dict[str, list[str]]:
    if db is None:
        return {}
    with contextlib.suppress(Exception):  # an unreadable store must not block the way to help
        from companion.core.store.safety_records import get_safety_plan

        return get_safety_plan(db)
    return {}


def _country(db: Database | None) -> CountryHelplines:
    from companion.core.safety.helplines import resolve_country

    try:
        return for_country(resolve_country(db))
    except Exception:
        return for_country(None)


def render(
    decision: SafetyDecision,
    surface: Surface,
    *,
    db: Database | None = None,
    with_resources: bool = True,
    conversation: int | None = None,
) -> str:
    """The text to show for ``decision`` ("" when there is nothing to say)."""
    if decision.reply is None:
        return ""
    entry = _country(db)
    emergency = entry.emergency if entry.known else LOCAL_EMERGENCY
    parts = [render_reply(decision.reply, help=surface.help, emergency=emergency)]
    resources = decision.resources if with_resources else ()
    if any(r is not Resource.SAFETY_PLAN for r in resources):
        parts.append(lines_text(entry, resources, surface))
    if Resource.SAFETY_PLAN in resources:
        parts.append(plan_text(_plan(db), surface))
    if decision.offers_carry_on:
        parts.append(surface.carry_on.replace("{conversation}", str(conversation or "")))
    return "\n\n".join(part for part in parts if part)


def carried_on_text(surface: Surface) -> str:
    """What the app says when the person chooses to carry on."""
    return render_reply(ReplyName.CARRIED_ON, help=surface.help, emergency="")
