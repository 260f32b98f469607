"""`companion exercise ...`: list the guided exercises, start one, see past records."""

from __future__ import annotations

from typing import Annotated

import typer

from companion.ui.cli._common import console, err_console, fail, literal, print_json, store

exercise_app = typer.Typer(help="Guided CBT self-help exercises.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def register(app: typer.Typer) -> None:
    app.add_typer(exercise_app, name="exercise")


def _definitions() -> dict[str, object]:
    from rich.text import Text

    from companion.core.exercises import load_all

    definitions, problems = load_all()
    for problem in problems:
        err_console.print(Text(f"Skipped an exercise definition: {problem}", style="yellow"))
    return dict(definitions)


@exercise_app.command("list")
def list_command(as_json: JsonFlag = False) -> None:
    """List the exercises you can start."""
    from rich.table import Table

    from companion.core.exercises import Definition

    definitions = [d for d in _definitions().values() if isinstance(d, Definition)]
    if as_json:
        print_json(
            [
                {
                    "name": d.name,
                    "title": d.title,
                    "summary": d.summary,
                    "category": d.category,
                    "minutes": d.minutes,
                    "steps": len(d.steps),
                }
                for d in definitions
            ]
        )
        return
    table = Table(box=None)
    table.add_column("name", style="bold")
    table.add_column("exercise")
    table.add_column("min", justify="right")
    for d in definitions:
        table.add_row(literal(d.name), literal(f"{d.title}: {d.summary}"), str(d.minutes))
    console.print(table)
    console.print("Start one with: companion exercise start NAME")


@exercise_app.command("start")
def start_command(name: Annotated[str, typer.Argument(help="e.g. thought_record")]) -> None:
    """Open the app on a new exercise."""
    from companion.core.exercises import get_definition

    try:
        definition = get_definition(name)
    except KeyError as error:
        fail(str(error.args[0]))
    from companion.ui.cli.launch import open_tui

    open_tui(start=("exercise", definition.name))


@exercise_app.command("history")
def history_command(
    exercise_type: Annotated[
        str | None, typer.Option("--type", help="Only this exercise, e.g. thought_record.")
    ] = None,
    limit: Annotated[int, typer.Option("--limit", help="At most this many.")] = 50,
    as_json: JsonFlag = False,
) -> None:
    """Past exercise records, newest first (drafts included)."""
    from rich.table import Table

    from companion.core.exercises import Definition
    from companion.core.exercises.render import first_text
    from companion.core.store.exercise_records import list_exercises

    definitions = _definitions()
    kind = exercise_type.replace("-", "_") if exercise_type else None
    if kind and kind not in definitions:
        fail(f"There is no exercise called '{exercise_type}' (see `companion exercise list`).")
    with store() as db:
        found = list_exercises(db, exercise_type=kind, limit=limit)
    if as_json:
        print_json([record.to_dict() for record in found])
        return
    if not found:
        console.print("No exercises yet. Start one with `companion exercise start NAME`.")
        return
    table = Table(box=None)
    for column in ("id", "date", "exercise", "status", "about"):
        table.add_column(column)
    for record in found:
        definition = definitions.get(record.type)
        title = definition.title if isinstance(definition, Definition) else record.type
        about = first_text(definition, record.data) if isinstance(definition, Definition) else ""
        status = record.status
        if record.follow_up_date:
            status += f", follow-up {record.follow_up_date}"
        table.add_row(str(record.id), record.local_date, title, status, literal(about))
    console.print(table)


@exercise_app.command("show")
def show_command(
    record_id: Annotated[int, typer.Argument(help="The record id.")], as_json: JsonFlag = False
) -> None:
    """Show one exercise record with every answer."""
    from rich.text import Text

    from companion.core.exercises import Definition
    from companion.core.exercises.render import answer_lines
    from companion.core.store.exercise_records import get_exercise

    with store() as db:
        try:
            record = get_exercise(db, record_id)
        except KeyError as error:
            fail(str(error.args[0]))
    if as_json:
        print_json(record.to_dict())
        return
    definition = _definitions().get(record.type)
    title = definition.title if isinstance(definition, Definition) else record.type
    header = Text(f"{title} #{record.id}", style="bold")
    header.append(f"  {record.local_date}, {record.status}", style="dim")
    if record.follow_up_date:
        header.append(f", follow-up due {record.follow_up_date}", style="dim")
    console.print(header)
    if not isinstance(definition, Definition):
        print_json(record.data)
        return
    for prompt, answer in answer_lines(definition, record.data):
        console.print(Text(prompt, style="bold"))
        console.print(literal(answer))
