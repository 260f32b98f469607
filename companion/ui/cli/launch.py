"""Opening the app from the command line (`companion` with no command, `exercise run`...).

Textual is imported only here, inside the function, so that no other command loads it.
"""

from __future__ import annotations

import sys

from companion.ui.cli._common import fail


def open_tui(start: tuple[str, str] | None = None) -> None:
    """Start the TUI (imported here so that other commands never load Textual)."""
    from companion.core.config import ConfigError, load_settings

    try:
        load_settings()
    except ConfigError as error:
        fail(str(error))
    from companion.ui.tui.app import run_app

    sys.exit(run_app(start=start))
