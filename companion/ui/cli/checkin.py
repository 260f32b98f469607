"""`companion checkin`: log a mood check-in (a quick command: see cli/__init__ `_QUICK_MODULES`).

Kept small on purpose: `companion checkin` builds a Typer app with this module alone.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from companion.ui.cli._common import fail, print_json, quick_store, show_safety


def register(app: typer.Typer) -> None:
    app.command("checkin")(checkin)


def checkin(
    mood: Annotated[int | None, typer.Argument(help="Mood from 0 (lowest) to 10 (best).")] = None,
    emotion: Annotated[
        list[str] | None,
        typer.Option(
            "--emotion",
            "-e",
            help="NAME=INTENSITY or 'NAME INTENSITY' (0-100); repeatable, or comma-separated.",
        ),
    ] = None,
    note: Annotated[str, typer.Option("--note", help="A short note.")] = "",
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Log a mood check-in; with no MOOD, asks for it."""
    from companion.core.flows.checkin import parse_checkin, record_checkin
    from companion.core.flows.errors import NotSaved

    if mood is None:
        mood = typer.prompt("Mood right now, 0 (lowest) to 10 (best)", type=int)
    try:
        given = parse_checkin(mood, "\n".join(emotion or []), note)
    except NotSaved as error:
        fail(str(error))
    with quick_store() as db:
        recorded = record_checkin(db, given)
        if recorded.decision is not None:
            show_safety(db, recorded.decision, stderr=as_json)  # stdout stays one JSON object
    saved = recorded.checkin
    if as_json:
        safety = None if recorded.decision is None else recorded.decision.assessment.summary()
        print_json({**saved.to_dict(), "safety": safety})
    else:  # plain text: Rich's console costs ~15 ms to import, and this is a fixed sentence
        sys.stdout.write(f"Check-in saved: mood {saved.mood}/10.\n")
