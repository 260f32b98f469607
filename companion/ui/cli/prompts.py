"""`companion prompts ...`: see the prompt templates and where to override them."""

from __future__ import annotations

from typing import Annotated

import typer

from companion.ui.cli._common import console, fail, literal

prompts_app = typer.Typer(help="See the model's prompt templates.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(prompts_app, name="prompts")


@prompts_app.command("list")
def list_prompts() -> None:
    """Every template, marking the ones you have overridden."""
    from companion.core.llm.prompts import is_overridden, prompt_names

    for name in prompt_names():
        console.print(literal(f"{name}{'  (your override)' if is_overridden(name) else ''}"))


@prompts_app.command("show")
def show(
    name: Annotated[str, typer.Argument(help="A name from `companion prompts list`.")],
) -> None:
    """Print a template as the model gets it (before variables are filled in)."""
    from companion.core.llm.prompts import PromptError, load_prompt

    try:
        console.print(literal(load_prompt(name)))
    except PromptError as error:
        fail(str(error))


@prompts_app.command("path")
def path(
    name: Annotated[
        str | None, typer.Argument(help="A template name (default: the folder).")
    ] = None,
) -> None:
    """Where a template comes from; with no name, the folder where overrides go."""
    from companion.core import paths
    from companion.core.llm.prompts import PromptError, prompt_path

    if name is None:
        console.print(literal(str(paths.prompts_override_dir())))
        return
    try:
        console.print(literal(str(prompt_path(name))))
    except PromptError as error:
        fail(str(error))
