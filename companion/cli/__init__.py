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
    if ctx.invoked_subcommand is None:
        from companion.cli.core import open_tui

        open_tui()


for _name in _COMMAND_MODULES:
    importlib.import_module(_name).register(app)


def main() -> None:
    """The `companion` command. An unexpected error is one sentence, never a traceback or the
    error's message (they may hold user text; see companion.crash; COMPANION_DEBUG=1 shows
    the traceback)."""
    import os
    import sys

    if sys.argv[1:] == ["--version"]:  # answer without building every command's parser
        sys.stdout.write(f"companion {__version__}\n")
        return
    from companion.crash import harden_process

    harden_process()  # no core dumps of a process holding the passphrase or entries
    try:
        app()
    except Exception as error:  # the last line of defence; commands report their own errors
        if os.environ.get("COMPANION_DEBUG"):
            raise
        from companion.crash import sentence, write_report

        sys.stderr.write(sentence(error, write_report(error)) + "\n")
        sys.exit(1)
