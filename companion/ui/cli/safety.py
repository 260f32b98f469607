"""Safety commands: `safety check`, `safety events`, `safety-plan`, `country`, and registers
`companion sos` (defined in ``companion.ui.cli.crisis``).
"""

from __future__ import annotations

import os
import sys
from contextlib import ExitStack
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

if TYPE_CHECKING:
    from sqlite_utils import Database

from companion.ui.cli._common import console, fail, literal, print_json, print_jsonl
from companion.ui.cli.crisis import sos

if TYPE_CHECKING:
    from companion.core.safety.types import SafetyAssessment

safety_app = typer.Typer(
    help="Crisis check on text, and the record of safety events.", no_args_is_help=True
)
plan_app = typer.Typer(
    help="Print your safety plan (or edit it with `companion safety-plan edit`).",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(safety_app, name="safety")
    app.add_typer(plan_app, name="safety-plan")
    app.command("sos", help="Helplines for your country and your own safety plan, right now.")(sos)
    app.command("country", help="Show or set your country (used for helplines).")(country)


# --- companion safety check / events -------------------------------------------------------


@safety_app.command("check")
def check(
    text: Annotated[str | None, typer.Argument(help="The text to check.")] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", "-f", help="Check each line of this file ('-' for stdin)."),
    ] = None,
) -> None:
    """Print {"level", "category", "layer", "reasons"} as one JSON line per message. Nothing is
    saved. ``category`` (self, others, from_others) and ``layer`` (rules, learned) are null when
    the level is none."""
    from companion.core.safety import detect_crisis

    if (text is None) == (file is None):
        fail("Give either TEXT or --file FILE.")
    if text is not None:
        print_jsonl(_check_line(detect_crisis(text)))
        return
    assert file is not None
    try:
        if str(file) == "-":
            lines = sys.stdin.buffer.read().decode("utf-8", errors="replace").splitlines()
        else:
            lines = file.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as error:
        fail(f"Could not read {file}: {error.strerror or error}.")
    for line in lines:
        print_jsonl(_check_line(detect_crisis(line)))


def _check_line(result: SafetyAssessment) -> dict[str, object]:
    """One JSON object per message: level, reasons, category and the layer that decided."""
    summary = result.summary()
    return {"level": summary.pop("level"), "reasons": list(result.reasons), **summary}


@safety_app.command("events")
def events(
    limit: Annotated[int, typer.Option("--limit", "-n", help="How many, newest first.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """The safety events recorded on this machine: when, where and the level (never the text)."""
    from companion.core.store.safety_records import list_safety_events
    from companion.ui.cli._common import store

    with store() as db:
        rows = list_safety_events(db, limit=limit)
    if as_json:
        print_json(rows)
        return
    if not rows:
        console.print("No safety events recorded.")
        return
    for row in rows:
        reasons = ", ".join(str(r) for r in row["reasons"])  # type: ignore[attr-defined]
        console.print(
            literal(f"{row['created_utc']}  {row['level']:<8} {row['source']:<10} {reasons}")
        )


# --- companion safety-plan ------------------------------------------------------------------


def _load_plan() -> dict[str, list[str]]:
    from companion.core.store.safety_records import get_safety_plan
    from companion.ui.cli._common import store

    with store() as db:
        return get_safety_plan(db)


@plan_app.callback()
def plan_show(ctx: typer.Context) -> None:
    """Print your safety plan."""
    from rich.text import Text

    if ctx.invoked_subcommand is not None:
        return
    from companion.core.safety.plan import is_empty, render_plan

    plan = _load_plan()
    console.print(Text("My safety plan", style="bold"))
    console.print()
    console.print(literal(render_plan(plan)))
    if is_empty(plan):
        console.print()
        console.print("Your plan is empty. Fill it in with `companion safety-plan edit`.")


def _plan_to_text(plan: dict[str, list[str]]) -> str:
    from companion.core.safety.plan import SECTIONS

    lines = [
        "# Your safety plan. Write one item per line under each heading, starting with '- '.",
        "# Lines starting with '#' are ignored. Save and close the editor to keep your changes.",
        "",
    ]
    for sec in SECTIONS:
        lines.append(f"## {sec.key}: {sec.title}")
        lines.append(f"# {sec.prompt}")
        lines.extend(f"- {item}" for item in plan.get(sec.key, []))
        lines.append("")
    return "\n".join(lines)


def _text_to_plan(text: str) -> dict[str, list[str]]:
    """Parse the editor text back: '## key: title' headings and '- item' lines."""
    from companion.core.safety.plan import SECTION_KEYS

    plan: dict[str, list[str]] = {key: [] for key in SECTION_KEYS}
    current: str | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if line.startswith("## "):
            key = line[3:].split(":", 1)[0].strip()
            current = key if key in plan else None
        elif line.startswith("#") or not line or current is None:
            continue
        else:
            item = line[2:] if line.startswith(("- ", "* ")) else line.lstrip("-* ")
            if item.strip():
                plan[current].append(item.strip())
    return plan


def _edit_with_editor(
    db: Database, plan: dict[str, list[str]], editor: str
) -> tuple[dict[str, list[str]], ExitStack]:
    """The plan as edited in $EDITOR (starting from text an earlier editor left, if any); the
    returned stack, closed once the plan is saved, erases the editor file."""
    from companion.core.store import drafts
    from companion.core.store.editor_files import SAFETY_PLAN_DRAFT
    from companion.ui.cli._editor import edited_text

    initial = drafts.load_draft(db, SAFETY_PLAN_DRAFT) or _plan_to_text(plan)
    stack = ExitStack()
    text = stack.enter_context(edited_text("safety-plan", initial, editor))
    return _text_to_plan(text), stack


def _edit_by_prompts(plan: dict[str, list[str]], keys: list[str]) -> dict[str, list[str]]:
    from rich.text import Text

    from companion.core.safety.plan import section

    updated = dict(plan)
    console.print("For each section: press Enter to keep it as it is, type 'c' to change it.")
    for key in keys:
        sec = section(key)
        console.print()
        console.print(Text(sec.title, style="bold"))
        console.print(Text(sec.prompt, style="dim"))
        for item in plan.get(key, []):
            console.print(literal(f"  - {item}"))
        choice = typer.prompt("Keep or change? [Enter/c]", default="", show_default=False)
        if choice.strip().lower() not in {"c", "change"}:
            continue
        console.print("Type one item per line; an empty line finishes.")
        items: list[str] = []
        while True:
            line = typer.prompt(f"  {len(items) + 1}", default="", show_default=False)
            if not line.strip():
                break
            items.append(line.strip())
        updated[key] = items
    return updated


@plan_app.command("edit")
def plan_edit(
    section_key: Annotated[
        str | None, typer.Argument(metavar="SECTION", help="Only this section (its key).")
    ] = None,
    use_editor: Annotated[
        bool | None,
        typer.Option("--editor/--prompt", help="Use $EDITOR (the default when it is set)."),
    ] = None,
) -> None:
    """Edit your safety plan in $EDITOR, or section by section in the terminal."""
    from companion.core.safety.plan import SECTION_KEYS
    from companion.core.store.safety_records import get_safety_plan, set_safety_plan
    from companion.ui.cli._common import store

    if section_key is not None and section_key not in SECTION_KEYS:
        fail(f"Unknown section {section_key!r}; sections are: {', '.join(SECTION_KEYS)}.")
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""
    with store() as db:
        plan = get_safety_plan(db)
        if use_editor and not editor:
            fail("--editor needs $VISUAL or $EDITOR to be set.")
        stack = ExitStack()
        if editor and use_editor is not False:
            updated, stack = _edit_with_editor(db, plan, editor)
            if section_key is not None:
                updated = {section_key: updated.get(section_key, [])}
        else:
            updated = _edit_by_prompts(plan, [section_key] if section_key else list(SECTION_KEYS))
        with stack:
            changed = {k: items for k, items in updated.items() if items != plan.get(k, [])}
            set_safety_plan(db, changed)
            from companion.core.store import drafts
            from companion.core.store.editor_files import SAFETY_PLAN_DRAFT

            drafts.discard_draft(db, SAFETY_PLAN_DRAFT)
    console.print("Saved your safety plan.")


@plan_app.command("set")
def plan_set(
    section_key: Annotated[str, typer.Argument(metavar="SECTION", help="The section's key.")],
    items: Annotated[list[str] | None, typer.Argument(help="The items (none clears it).")] = None,
) -> None:
    """Replace one section with the given items (for scripts)."""
    from companion.core.safety.plan import SECTION_KEYS
    from companion.core.store.safety_records import set_safety_plan_section
    from companion.ui.cli._common import store

    if section_key not in SECTION_KEYS:
        fail(f"Unknown section {section_key!r}; sections are: {', '.join(SECTION_KEYS)}.")
    with store() as db:
        set_safety_plan_section(db, section_key, list(items or []))
    console.print(f"Saved {section_key}.")


# --- companion country ----------------------------------------------------------------------


def country(
    code: Annotated[str | None, typer.Argument(help="Two-letter code, e.g. GB or US.")] = None,
    list_all: Annotated[bool, typer.Option("--list", help="List the known countries.")] = False,
) -> None:
    """Show your country (and where it comes from), or set it."""
    from companion.core.safety.helplines import FIND_A_HELPLINE, country_names, resolve_country
    from companion.core.store.app_state import get_setting, set_setting
    from companion.ui.cli._common import store

    names = country_names()
    if list_all:
        for known, name in names.items():
            console.print(f"{known}  {name}")
        return
    with store() as db:
        if code is None:
            current = resolve_country(db)
            if not current:
                console.print(
                    f"No country set: helplines point to {FIND_A_HELPLINE}. "
                    "Set it with `companion country CODE`."
                )
                return
            stored = get_setting(db, "country")
            source = "set by you" if stored else "from config or your locale"
            name = names.get(current, "no helplines stored")
            console.print(f"{current} ({name}), {source}.")
            return
        key = code.strip().upper()
        key = "GB" if key == "UK" else key
        if key not in names:
            fail(
                f"No helplines are stored for {code!r}. Known codes: `companion country --list`; "
                f"for anywhere else see {FIND_A_HELPLINE}."
            )
        set_setting(db, "country", key)
    console.print(f"Country set to {key} ({names[key]}).")
