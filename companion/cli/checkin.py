"""`companion checkin`: log a mood check-in (a quick command: see cli/__init__ `_QUICK_MODULES`).

Kept small on purpose: `companion checkin` builds a Typer app with this module alone.
"""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from companion.cli._common import fail, print_json, quick_store, respond_to_user_text


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
    from companion.emotions import parse_emotions
    from companion.store import checkins

    if mood is None:
        mood = typer.prompt("Mood right now, 0 (lowest) to 10 (best)", type=int)
    try:
        emotions = parse_emotions("\n".join(emotion or []))
        checkins.validate_mood(mood)
        checkins.validate_emotions(emotions)
    except ValueError as error:
        fail(str(error))
    with quick_store() as db:
        saved = checkins.add_checkin(db, mood, emotions, note)
        if note:
            respond_to_user_text(db, note, "checkin")
    if as_json:
        print_json(saved.to_dict())
    else:  # plain text: Rich's console costs ~15 ms to import, and this is a fixed sentence
        sys.stdout.write(f"Check-in saved: mood {saved.mood}/10.\n")
