"""`companion journal ...`: add, list, show, search, edit and delete entries."""

from __future__ import annotations

import sys
from contextlib import ExitStack
from typing import TYPE_CHECKING, Annotated

import typer

from companion.core.textfmt import (
    bold,
    fit_cells,
    plain_snippet_line,
    terminal_width,
    visible,
    wants_color,
)
from companion.ui.cli._common import (
    console,
    fail,
    literal,
    print_json,
    quick_store,
    read_stdin_or_none,
    show_safety,
    store,
)
from companion.ui.cli._editor import edited_text

if TYPE_CHECKING:
    from sqlite_utils import Database

    from companion.core.store.journal import JournalEntry

journal_app = typer.Typer(help="Write, find and edit journal entries.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def register(app: typer.Typer) -> None:
    app.add_typer(journal_app, name="journal")


@journal_app.command("add")
def add(
    text: Annotated[
        str | None, typer.Argument(help="The entry; omit to read stdin or $EDITOR.")
    ] = None,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="A tag (repeatable); #tags in the text count too."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Add an entry from TEXT, standard input, or your $EDITOR. #work or @sam in the text
    become tags."""
    from companion.core.flows.errors import NotSaved
    from companion.core.flows.journal import save_entry

    with ExitStack() as stack:
        body = text if text is not None else read_stdin_or_none()
        if body is None:
            body = stack.enter_context(edited_text("journal-new"))
        with quick_store() as db:
            try:
                saved = save_entry(db, body, tags=tag or [])
            except NotSaved as error:
                if error.decision is not None:
                    show_safety(db, error.decision)
                fail(str(error))
            if as_json:
                # stdout stays one JSON object; the words for a risky entry go to stderr
                print_json({**saved.entry.to_dict(), "safety": saved.decision.assessment.summary()})
            else:
                # plain text: Rich's console costs ~15 ms to import, and this is a fixed sentence
                sys.stdout.write(f"Saved entry {saved.entry_id}.\n")
                sys.stdout.flush()
            show_safety(db, saved.decision, stderr=as_json)


@journal_app.command("list")
def list_(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many entries.")] = 20,
    tag: Annotated[
        list[str] | None,
        typer.Option("--tag", "-t", help="Only entries with this tag (repeatable: all of them)."),
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """List entries, newest first."""
    from companion.core.store import journal

    with quick_store() as db:
        entries = journal.list_entries(db, limit=limit, tags=tag or None)
    if as_json:
        print_json([e.to_dict() for e in entries])
        return
    if not entries:
        if tag:
            names = ", ".join(f"#{name.lstrip('#@')}" for name in tag)
            console.print(
                literal(f"No entries tagged {names}. `companion journal tags` lists tags.")
            )
        else:
            console.print("No entries yet. Add one with `companion journal add`.")
        return
    # Plain aligned lines rather than a Rich table: a table drops whole columns when a first
    # line is long, and the id and the date are how an entry is shown, edited or deleted, so
    # they never drop or wrap; only the first line gives way, with an ellipsis. Written without
    # Rich, whose import costs this command a fifth of its time (bench/startup.py).
    id_width = max(2, *(len(str(entry.id)) for entry in entries))
    room = max(10, terminal_width() - id_width - 14)  # "ID  YYYY-MM-DD  " around the text
    header = f"{'ID':>{id_width}}  {'Date':<10}  First line"
    lines = [bold(header) if wants_color(sys.stdout) else header]
    for entry in entries:
        first = fit_cells(visible(entry.first_line.replace("\t", " ")), room)
        lines.append(f"{entry.id:>{id_width}}  {entry.local_date:<10}  {first}")
    sys.stdout.write("\n".join(lines) + "\n")


@journal_app.command("show")
def show(
    entry_id: Annotated[int, typer.Argument(help="Entry ID.")], as_json: JsonFlag = False
) -> None:
    """Show one entry in full, exactly as written."""
    from rich.text import Text

    with store() as db:
        entry = _entry_or_fail(db, entry_id)
    if as_json:
        print_json(entry.to_dict())
        return
    header = f"Entry {entry.id} · {entry.local_date}"
    if entry.tags:
        header += " · " + ", ".join(entry.tags)
    console.print(Text(header, style="bold"))
    console.print(literal(entry.body))


@journal_app.command("search")
def search(
    query: Annotated[str, typer.Argument(help="Words to look for.")],
    limit: Annotated[int, typer.Option("--limit", "-n")] = 20,
    as_json: JsonFlag = False,
) -> None:
    """Search journal entries (ranked, with snippets). #work or @sam in QUERY keeps the entries
    with that tag ('#work' alone lists them, newest first)."""
    from companion.core.store import search as fts

    with quick_store() as db:
        hits = fts.search(db, query, kinds=("journal",), limit=limit, prefix=False)
    if as_json:
        print_json([hit.to_dict() for hit in hits])
        return
    if not hits:
        sys.stdout.write(visible(f"No entries match {query!r}.") + "\n")
        return
    color = wants_color(sys.stdout)
    for hit in hits:
        prefix = f"{hit.id:>6}  {hit.created_utc[:10]}  "
        sys.stdout.write(plain_snippet_line(prefix, hit.parts(), color=color) + "\n")


@journal_app.command("tags")
def tags(as_json: JsonFlag = False) -> None:
    """Every tag with how many entries carry it, most used first."""
    from companion.core.store.tags import tag_counts

    with quick_store() as db:
        counts = tag_counts(db)
    if as_json:
        print_json([{"tag": name, "entries": count} for name, count in counts])
        return
    if not counts:
        sys.stdout.write("No tags yet. Write #work or @sam in an entry to tag it.\n")
        return
    width = max(len(str(count)) for _, count in counts)
    for name, count in counts:
        sys.stdout.write(visible(f"{count:>{width}}  #{name}") + "\n")


@journal_app.command("edit")
def edit(
    entry_id: Annotated[int, typer.Argument(help="Entry ID.")],
    text: Annotated[
        str | None, typer.Option("--text", help="New text (else stdin or $EDITOR).")
    ] = None,
) -> None:
    """Change an entry's text (from --text, standard input, or your $EDITOR)."""
    from rich.text import Text

    from companion.core.flows.errors import NotSaved
    from companion.core.flows.journal import save_entry

    with store() as db, ExitStack() as stack:
        entry = _entry_or_fail(db, entry_id)
        body = text if text is not None else read_stdin_or_none()
        if body is None:
            body = stack.enter_context(edited_text(f"journal-{entry_id}", entry.body))
        if body == entry.body:
            console.print("No changes.")
            return
        try:
            saved = save_entry(db, body, entry_id=entry_id)
        except NotSaved as error:
            if error.decision is not None:
                show_safety(db, error.decision)
            fail(str(error))
        from companion.core.store.forget import scrub

        scrub(db)  # the old words leave the search index, the WAL and free pages
        console.print(Text(f"Updated entry {entry_id}."))
        show_safety(db, saved.decision)


@journal_app.command("delete")
def delete(
    entry_id: Annotated[int, typer.Argument(help="Entry ID.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask.")] = False,
) -> None:
    """Delete an entry (asks first; --yes skips the question)."""
    from rich.text import Text

    from companion.core.store import journal
    from companion.core.store.backup_scrub import describe, scrub_backups
    from companion.core.store.forget import scrub

    with store() as db:
        entry = _entry_or_fail(db, entry_id)
        if not yes:
            preview = entry.first_line[:60]
            console.print(literal(f"Entry {entry_id} ({entry.local_date}): {preview}"))
            if not typer.confirm("Delete it for good?", default=False):
                console.print("Kept.")
                return
        journal.delete_entry(db, entry_id)
        scrub(db)  # no trace in the index, the WAL or free pages
        backups = scrub_backups(db)  # nor in the backups
    console.print(Text(f"Deleted entry {entry_id}."))
    for line in describe(backups):
        console.print(Text(line))


def _entry_or_fail(db: Database, entry_id: int) -> JournalEntry:
    """The entry, or one sentence and exit code 1 when there is none."""
    from companion.core.store import journal

    try:
        return journal.get_entry(db, entry_id)
    except KeyError as error:
        fail(str(error.args[0]))
