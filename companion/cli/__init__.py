"""The `companion` command line. Thin: every command calls the headless core.

Nothing heavy is imported here: Textual and llama_cpp load only inside the commands that need
them, so `companion --help` and `--version` stay instant.
"""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from companion import __version__

app = typer.Typer(
    name="companion",
    help="An offline CBT self-help companion. Run with no command to open the app.",
    no_args_is_help=False,
    add_completion=False,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

# Each module defines `register(app: typer.Typer) -> None`. Add a line to add commands.
_COMMAND_MODULES = (
    "companion.cli.core",
    "companion.cli.journal",
    "companion.cli.model",
    "companion.cli.chat",
    "companion.cli.prompts",
    "companion.cli.insights",
    "companion.cli.exercise",
    "companion.cli.distortions",
    "companion.cli.privacy",
    "companion.cli.safety",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"companion {__version__}")
        raise typer.Exit()


@app.callback(invoke_without_command=True)
def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    _recover()
    if ctx.invoked_subcommand is None:
        from companion.cli.core import open_tui

        open_tui()


def _recover() -> None:
    """Before any command: finish or undo what an interrupted file operation left (encrypt,
    restore, backup, export, forget), saying in one line each what was done."""
    import sys

    from companion import paths
    from companion.store.intents import BusyError, prepare

    try:
        messages = prepare(paths.db_path())
    except BusyError as error:
        from companion.cli._common import fail

        fail(str(error))
    for message in messages:
        sys.stderr.write(message + "\n")


for _name in _COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """The `companion` command. An unexpected error is one sentence, never a traceback
    (set COMPANION_DEBUG=1 to see the traceback)."""
    import os
    import sys

    if sys.argv[1:] == ["--version"]:  # answer without building every command's parser
        sys.stdout.write(f"companion {__version__}\n")
        return
    os.umask(0o077)  # every file companion creates (SQLite's included) is private from byte one
    try:
        app()
    except Exception as error:  # the last line of defence; commands report their own errors
        if os.environ.get("COMPANION_DEBUG"):
            raise
        sys.stderr.write(
            f"companion hit an unexpected problem ({type(error).__name__}: {error}). "
            "Nothing you had saved is lost; run `companion doctor` to check the installation.\n"
        )
        sys.exit(1)
