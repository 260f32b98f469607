"""`companion today`: one or two lines for a shell start-up file or a status bar."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from companion.ui.cli._common import fail, print_json


def register(app: typer.Typer) -> None:
    app.command("today")(today)


def today(
    as_json: Annotated[
        bool, typer.Option("--json", help="Print JSON (always, even when nothing is due).")
    ] = False,
) -> None:
    """Whether today has a check-in and what is due, in one or two lines; prints nothing (and
    exits 0) when nothing is due. Never asks for a passphrase: an encrypted store needs
    COMPANION_PASSPHRASE here. Fast enough for a shell start-up file."""
    from companion.core.clock import today as local_today
    from companion.core.config import ConfigError, load_settings
    from companion.core.insights.today import today_status
    from companion.core.store.db import StoreError
    from companion.core.store.quick import open_quick

    try:
        settings = load_settings()
        connection = open_quick()
    except (ConfigError, StoreError) as error:
        fail(str(error))
    try:
        status = today_status(connection, settings, local_today())
    finally:
        connection.close()
    if as_json:
        print_json(status.to_dict())
        return
    for line in status.lines():
        sys.stdout.write(line + "\n")
