"""The `companion` command line. Thin: every command calls the headless core.

Nothing heavy is imported here: Textual and llama_cpp load only inside the commands that need
them, so `companion --help` and `--version` stay instant.
"""

from __future__ import annotations

import importlib
from typing import Annotated

import typer

from companion import __version__

# Each module defines `register(app: typer.Typer) -> None`. Add a line to add commands.
_COMMAND_MODULES = (
    "companion.ui.cli.paths_config",
    "companion.ui.cli.checkin",
    "companion.ui.cli.doctor",
    "companion.ui.cli.journal",
    "companion.ui.cli.model",
    "companion.ui.cli.model_check",
    "companion.ui.cli.chat",
    "companion.ui.cli.prompts",
    "companion.ui.cli.insights",
    "companion.ui.cli.exercise",
    "companion.ui.cli.distortions",
    "companion.ui.cli.privacy",
    "companion.ui.cli.safety",
    "companion.ui.cli.today",
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"companion {__version__}")
        raise typer.Exit()


def _root(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    _recover()
    if ctx.invoked_subcommand is None:
        from companion.ui.cli.launch import open_tui

        open_tui()


def _recover() -> None:
    """Before any command: finish or undo what an interrupted file operation left (encrypt,
    restore, backup, export, forget), saying in one line each what was done."""
    import sys

    from companion.core import paths
    from companion.core.store.intents import BusyError, prepare

    try:
        messages = prepare(paths.db_path())
    except BusyError as error:
        from companion.ui.cli._common import fail

        fail(str(error))
    for message in messages:
        sys.stderr.write(message + "\n")


# The commands a person types many times a day, and the module that registers each: for
# these, `main` builds a Typer app with that module alone (building every command's parser
# costs ~20-30 ms of a ~0.1 s command; `companion --help` and everything else get them all).
_QUICK_MODULES = {
    "journal": "companion.ui.cli.journal",
    "checkin": "companion.ui.cli.checkin",
    "today": "companion.ui.cli.today",
}


def build_app(
    modules: tuple[str, ...] = _COMMAND_MODULES, only: tuple[str, str] | None = None
) -> typer.Typer:
    """The `companion` Typer app with the commands of ``modules`` (all of them by default).
    ``only=(group, command)``: of that group's commands, just that one (the one being run)."""
    application = typer.Typer(
        name="companion",
        help="An offline CBT self-help companion. Run with no command to open the app.",
        no_args_is_help=False,
        add_completion=False,
        rich_markup_mode=None,
        pretty_exceptions_enable=False,
    )
    application.callback(invoke_without_command=True)(_root)
    for name in modules:
        importlib.import_module(name).register(application)
    if only is not None:
        _narrow(application, *only)
    return application


def _narrow(application: typer.Typer, group: str, command: str) -> None:
    """Give ``group`` only ``command`` (a copy of the group: the module's own stays whole).
    Nothing changes when ``command`` is not one of its commands (``--help``, a typo): then
    Typer lists them all or names the mistake as usual."""
    import copy

    for info in application.registered_groups:
        sub = info.typer_instance
        if info.name != group or sub is None:
            continue
        kept = [c for c in sub.registered_commands if c.name == command]
        if kept:
            narrowed = copy.copy(sub)
            narrowed.registered_commands = kept
            info.typer_instance = narrowed


_app: typer.Typer | None = None


def __getattr__(name: str) -> typer.Typer:
    """``companion.ui.cli.app``: every command, built on first use (tests use it)."""
    global _app
    if name != "app":
        raise AttributeError(f"module 'companion.ui.cli' has no attribute {name!r}")
    if _app is None:
        _app = build_app()
    return _app


def main() -> None:
    """The `companion` command. An unexpected error is one sentence, never a traceback or the
    error's message (they may hold user text; see companion.core.crash; COMPANION_DEBUG=1 shows
    the traceback)."""
    import os
    import sys

    if sys.argv[1:] == ["--version"]:  # answer without building every command's parser
        sys.stdout.write(f"companion {__version__}\n")
        return
    os.umask(0o077)  # every file companion creates (SQLite's included) is private from byte one
    from companion.core.crash import harden_process

    harden_process()  # no core dumps of a process holding the passphrase or entries
    quick = _QUICK_MODULES.get(sys.argv[1]) if len(sys.argv) > 1 else None
    only = (sys.argv[1], sys.argv[2]) if quick and len(sys.argv) > 2 else None
    application = build_app((quick,), only) if quick else build_app()
    try:
        application()
    except Exception as error:  # the last line of defence; commands report their own errors
        if os.environ.get("COMPANION_DEBUG"):
            raise
        from companion.core.crash import sentence, write_report

        sys.stderr.write(sentence(error, write_report(error)) + "\n")
        sys.exit(1)
    finally:
        _before_exit()


def _before_exit() -> None:
    """The command is done and the process ends next. Every object still alive moves to the
    garbage collector's permanent generation, so the interpreter's shutdown leaves them to the
    operating system instead of tracing and freeing them one by one in its final collections
    (the rules, the patterns, the parser: 10-20 ms of `journal add`, bench/startup.py). Nothing
    is lost: the command has closed its files and the database, the standard streams are
    flushed at exit as always, and objects without reference cycles are still freed."""
    import gc

    gc.freeze()
