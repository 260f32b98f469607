"""`companion distortions suggest`: which thinking patterns a thought may show, and why."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer

from companion.ui.cli._common import (
    console,
    err_console,
    fail,
    literal,
    print_json,
    print_jsonl,
    show_safety,
)

distortions_app = typer.Typer(
    help="Suggest thinking patterns (cognitive distortions) in a thought.", no_args_is_help=True
)


def register(app: typer.Typer) -> None:
    app.add_typer(distortions_app, name="distortions")


class _Suggester:
    """Rules only, or a model (loaded once), with the safety screen before any model call."""

    def __init__(self, db: Any, use_model: bool, model: str | None) -> None:
        self.db = db
        self.engine: Any = None
        self.source = "rules"
        if use_model:
            from companion.core.llm import ModelUnavailable, load_engine

            try:
                from companion.core.llm.fitness import feature_gate
                from companion.core.llm.models import resolve_model

                ref = resolve_model(model)
                gate = feature_gate(db, ref, "distortions", ref.name)
                if not gate.allowed:  # a model that failed its fitness check is not used
                    from rich.text import Text

                    err_console.print(Text(gate.notice))
                    return
                self.engine = load_engine(model, n_ctx=2048)
                self.source = f"model {self.engine.name}"
            except ModelUnavailable as error:
                if model:
                    fail(str(error))
                from rich.text import Text

                err_console.print(Text(f"{error} Using the rule-based suggester instead."))

    def __call__(self, text: str) -> list[dict[str, str]]:
        from companion.core.exercises.safety_screen import screen
        from companion.core.exercises.suggest import suggest

        if not text.strip():
            return []
        decision = screen(self.db, text)
        show_safety(self.db, decision, stderr=True)
        if self.engine is None or not decision.model_may_answer:
            return [s.to_dict() for s in suggest(text)]
        from companion.core.exercises.ai import model_distortions

        return [s.to_dict() for s in model_distortions(self.engine, text)]


@distortions_app.command("suggest")
def suggest_command(
    text: Annotated[str | None, typer.Argument(help="The thought to look at.")] = None,
    file: Annotated[
        Path | None,
        typer.Option("--file", help="One thought per line; prints one JSON object per line."),
    ] = None,
    no_model: Annotated[
        bool, typer.Option("--no-model", help="Rule-based suggestions only (instant).")
    ] = False,
    model: Annotated[
        str | None, typer.Option("--model", help="Use this model (name or GGUF path).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Suggest thinking patterns in TEXT, each with a one-line reason (suggestions only)."""
    from rich.text import Text

    from companion.ui.cli._common import store

    if (text is None) == (file is None):
        fail("Give either a thought or --file FILE.")
    if no_model and model:
        fail("Choose either --no-model or --model, not both.")
    if file is not None:
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError) as error:
            fail(f"Cannot read {file}: {error}.")
    with store() as db:
        suggester = _Suggester(db, not no_model, model)
        if file is not None:
            for line in lines:
                print_jsonl({"suggestions": suggester(line)})
            return
        assert text is not None
        found = suggester(text)
    if as_json:
        print_json({"suggestions": found})
        return
    if not found:
        console.print("No thinking pattern stands out in this thought.")
        return
    console.print(Text(f"Suggestions ({suggester.source}); you decide whether they fit:"))
    for item in found:
        row = Text("- ")
        row.append(item["name"], style="bold")
        row.append(": ")
        row.append(literal(item["reason"]))
        console.print(row)
