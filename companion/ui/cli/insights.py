"""`companion assess` (PHQ-9, GAD-7), `mood`, `insights` and `report`: progress on the command line."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from companion.ui.cli._common import console, fail, literal, print_json, store

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def register(app: typer.Typer) -> None:
    app.command("assess")(questionnaire_command)
    app.command("mood")(mood)
    app.command("insights")(insights)
    app.command("report")(report)


def _ask(instrument: str) -> list[int]:
    from rich.text import Text

    from companion.core.insights.questionnaires import ANSWERS, get_instrument

    spec = get_instrument(instrument)
    console.print(Text(f"{spec.name}: {spec.stem}", style="bold"))
    console.print(Text("  ".join(f"{value} = {label}" for value, label in ANSWERS)))
    answers: list[int] = []
    for number, item in enumerate(spec.items, start=1):
        console.print(Text(f"\n{number}. {item}"))
        while True:
            raw = typer.prompt("Your answer (0-3)", default="", show_default=False).strip()
            if raw in ("0", "1", "2", "3"):
                answers.append(int(raw))
                break
            console.print(Text("Please type 0, 1, 2 or 3."))
    return answers


def questionnaire_command(
    instrument: Annotated[str, typer.Argument(help="phq9 (mood) or gad7 (anxiety).")],
    answers: Annotated[
        str | None,
        typer.Option("--answers", help="Score these answers (e.g. 0,1,2,...) without asking."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Fill in the PHQ-9 or GAD-7 screening questionnaire and save the result."""
    from rich.text import Text

    from companion.core.flows.questionnaire import score_answers, submit_questionnaire
    from companion.core.insights import questionnaires as q

    try:
        spec = q.get_instrument(instrument)
        if answers is not None:
            score_answers(spec.key, answers)  # bad answers: one sentence, nothing opened
    except ValueError as error:  # NotSaved is one
        fail(str(error))
    given: list[int] | str = answers if answers is not None else _ask(spec.key)
    with store() as db:
        submitted = submit_questionnaire(db, spec.key, given)
    if as_json:
        print_json(submitted.score.to_dict())
    else:
        console.print()
        for line in submitted.lines:
            console.print(Text(line))
        console.print(Text(q.ATTRIBUTION, style="dim"))
    if submitted.decision.open_help_now:
        from companion.ui.cli.crisis import show_crisis_help

        show_crisis_help(to_stderr=as_json)


def mood(
    days: Annotated[int, typer.Option("--days", min=1, max=3650, help="How many days.")] = 30,
    by: Annotated[str, typer.Option("--by", help="Table rows: day, week or month.")] = "day",
    as_json: JsonFlag = False,
) -> None:
    """Your mood over the last days: a text sparkline and a table."""
    from datetime import timedelta

    from rich.table import Table
    from rich.text import Text

    from companion.core.clock import today
    from companion.core.insights import trends

    if by not in ("day", "week", "month"):
        fail(f"--by takes day, week or month, not {by!r}.")
    end = today()
    start = end - timedelta(days=days - 1)
    with store() as db:
        series = trends.mood_series(db, days, end)
        points = trends.mood_by(by, db, since=start.isoformat(), until=end.isoformat())  # type: ignore[arg-type]
    if as_json:
        print_json([{by: p.label, "mean": round(p.mean, 2), "checkins": p.count} for p in points])
        return
    if not points:
        console.print(
            Text(f"No check-ins in the last {days} days. Add one with `companion checkin MOOD`.")
        )
        return
    console.print(Text(f"Mood, {start} to {end} (0-10, · = no check-in)"))
    console.print(Text(trends.sparkline(series)))
    table = Table(by.capitalize(), "Average mood", "Check-ins")
    for point in points:
        table.add_row(point.label, f"{point.mean:.1f}", str(point.count))
    console.print(table)


def insights(as_json: JsonFlag = False) -> None:
    """What your own data shows: the same sentences as the insights screen."""
    from rich.text import Text

    from companion.core.clock import today
    from companion.core.insights import EMPTY_MESSAGE, insight_sentences

    with store() as db:
        sentences = insight_sentences(db, today())
    if as_json:
        print_json(sentences)
    elif not sentences:
        console.print(Text(EMPTY_MESSAGE))
    else:
        for sentence in sentences:
            console.print(literal(f"• {sentence}"))


def _interactive() -> bool:
    return sys.stdin is not None and sys.stdin.isatty()


def _choose_records(db: object, since: object) -> list[int]:
    """Ask which thought records to include (only when a person is at the terminal)."""
    from rich.text import Text

    from companion.core.insights.report import record_answers, thought_records

    records = thought_records(db, since)  # type: ignore[arg-type]
    if not records or not _interactive():
        return []
    console.print(Text("Thought records you could include (none are included unless you say):"))
    for record in records[:30]:
        first = next(iter(record_answers(record)), ("", ""))[1].splitlines()[0:1]
        console.print(literal(f"  {record.id}  {record.local_date}  {(first or [''])[0][:60]}"))
    raw = typer.prompt("Ids to include, separated by commas (empty for none)", default="")
    chosen = []
    for part in raw.replace(" ", ",").split(","):
        if part.strip():
            if not part.strip().isdigit():
                fail(f"{part.strip()!r} is not a record id.")
            chosen.append(int(part))
    return chosen


def report(
    since: Annotated[
        str, typer.Option("--since", help="Period: 30d, 12w, 6m, 1y or a date YYYY-MM-DD.")
    ] = "30d",
    fmt: Annotated[str, typer.Option("--format", help="md or html.")] = "md",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (default: exports).")
    ] = None,
    include: Annotated[
        list[int] | None,
        typer.Option("--include-thought-record", help="Include this thought record (repeatable)."),
    ] = None,
) -> None:
    """Write a report to share: check-ins, PHQ-9/GAD-7, exercises, chosen thought records."""
    from companion.core.clock import today
    from companion.core.insights import report as rep

    if fmt not in rep.FORMATS:
        fail(f"The report format is md or html, not {fmt!r}.")
    end = today()
    try:
        start = rep.parse_since(since, end)
    except ValueError as error:
        fail(str(error))
    with store() as db:
        ids = include if include is not None else _choose_records(db, start)
        try:
            data = rep.build_report(db, start, end, ids)
        except ValueError as error:
            fail(str(error))
    path = output or rep.default_path(fmt, end)
    try:
        rep.write_report(path, rep.render(data, fmt))
    except OSError as error:
        fail(f"Cannot write {path}: {error.strerror}.")
    console.print(literal(f"Report written to {path} (readable only by you)."))
