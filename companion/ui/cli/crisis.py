"""Crisis help on the command line: `companion sos`, and the same help after a crisis answer
(``show_crisis_help``, used by `companion assess`).

`companion sos` must work fast and always: no model, no TUI, and the helplines print even when
the database cannot be opened. It draws ``companion.core.safety.help_view`` (all the wording lives
there); this module only prints it.
"""

from __future__ import annotations

import sys
from typing import TYPE_CHECKING

from companion.ui.cli._common import console, err_console, literal

if TYPE_CHECKING:
    from companion.core.store.safety_records import SosView


def _read_with_store() -> SosView | None:
    """Plan and country through ``open_db`` (an encrypted database, a migration due); None if
    it does not open."""
    try:
        from companion.core.store import open_db

        db = open_db()
    except Exception:
        return None
    try:
        from companion.core.store.safety_records import sos_view

        return sos_view(db)
    except Exception:
        return None
    finally:
        db.close()


def _read() -> SosView | None:
    from companion.core import paths
    from companion.core.store.safety_records import read_sos_view

    try:
        found = read_sos_view(paths.db_path())
    except OSError:
        found = None
    return found if found is not None else _read_with_store()


def sos() -> None:
    """Helplines for your country and your own safety plan: no model, no app, right now."""
    from rich.text import Text

    from companion.core.safety import help_view as hv
    from companion.core.safety.help_text import sos_danger_text, sos_lines_text, sos_plan_text
    from companion.core.safety.helplines import resolve_country
    from companion.core.safety.resources import Resource

    found = _read()
    plan = found.plan if found is not None else {}
    code = (found.country if found is not None else "").strip().upper() or resolve_country(None)
    view = hv.help_view(code, tuple(Resource), plan)
    console.print(Text(hv.SOS_MESSAGE, style="bold"))
    console.print()
    console.print(literal(sos_lines_text(view)))
    if view.known:
        danger = sos_danger_text(view)
        if danger:
            console.print()
            console.print(literal(danger))
    else:
        _ask_country_once(code)
    console.print()
    if found is None:
        err_console.print(hv.PLAN_UNREADABLE)
    elif not view.plan:
        console.print(hv.NO_PLAN_SOS)
    else:
        console.print(Text(hv.PLAN_HEADING, style="bold"))
        console.print(literal(sos_plan_text(view)))


def _ask_country_once(code: str) -> None:
    """No country known: say so, and (on a terminal, the first time) ask for it."""
    from companion.core.safety.help_view import NO_COUNTRY_SOS

    console.print(NO_COUNTRY_SOS.format(country=code or "your country"))
    if sys.stdin is None or not sys.stdin.isatty():
        return
    from companion.core.safety.helplines import (
        country_names,
        mark_country_asked,
        should_ask_country,
    )
    from companion.ui.cli._common import store

    with store() as db:
        if not should_ask_country(db):
            return
        mark_country_asked(db)
        try:
            answer = input("Which country are you in? Two-letter code, Enter to skip: ")
        except (EOFError, KeyboardInterrupt):
            return
        key = answer.strip().upper()
        key = "GB" if key == "UK" else key
        if key in country_names():
            from companion.core.store.app_state import set_setting

            set_setting(db, "country", key)
            console.print(f"Saved. Next time, `companion sos` shows the lines for {key}.")


def show_crisis_help(*, to_stderr: bool = False) -> None:
    """The `companion sos` content (crisis resources and the safety plan); a plain fallback
    with the emergency number and findahelpline.com if that fails. With ``to_stderr`` (JSON
    output) it goes to stderr, so stdout stays valid JSON."""
    import contextlib

    from rich.text import Text

    from companion.core.safety.help_view import CRISIS_FALLBACK, CRISIS_FALLBACK_MORE

    target = contextlib.redirect_stdout(sys.stderr) if to_stderr else contextlib.nullcontext()
    try:
        with target:
            sos()
        return
    except (Exception, SystemExit):
        pass
    out = err_console if to_stderr else console
    out.print(Text(CRISIS_FALLBACK, style="bold"))
    out.print(Text(CRISIS_FALLBACK_MORE))
