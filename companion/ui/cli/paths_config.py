"""`companion paths` and `companion config`: where companion keeps things, and its settings."""

from __future__ import annotations

from typing import Annotated

import typer

from companion.ui.cli._common import console, fail, literal, print_json


def register(app: typer.Typer) -> None:
    app.command("paths")(paths_command)
    app.command("config")(config_command)


def paths_command(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Print where companion keeps everything."""
    from companion.core import paths

    locations = paths.all_paths()
    if as_json:
        print_json({name: str(path) for name, path in locations.items()})
        return
    from rich.table import Table

    table = Table(box=None, show_header=False)
    table.add_column(style="bold")
    table.add_column()
    for name, path in locations.items():
        table.add_row(name, literal(str(path)))
    console.print(table)


def config_command(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """Show the settings in effect and what each one means."""
    from dataclasses import asdict

    from rich.text import Text

    from companion.core import paths
    from companion.core.config import ConfigError, field_docs, load_settings

    try:
        settings = load_settings()
    except ConfigError as error:
        fail(str(error))
    values = asdict(settings)
    if as_json:
        print_json(values)
        return
    console.print(Text(f"Config file: {paths.config_file()}", style="bold"))
    docs = field_docs()
    for name, value in values.items():
        console.print(literal(f"{name} = {value!r}"))
        console.print(Text(f"    {docs.get(name, '')}", style="dim"))
