"""The Textual app: opens the store, shows Home, and routes every action to a screen.

Screens are opened by ``Route`` (companion.ui.tui.routes) or by their class, each imported when
first opened, so start-up only pays for what is on screen. Every worker is started with
``exit_on_error=False`` and a failed one reaches ``worker_failed``: a notice, never an exit.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlite_utils import Database
from textual.actions import SkipAction
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen
from textual.widgets import TextArea
from textual.worker import Worker, WorkerState

from companion.core import paths
from companion.core.clock import utc_now
from companion.core.config import ConfigError, Settings, load_settings
from companion.core.store import CorruptDatabaseError, StoreError, open_db
from companion.core.store.db import PassphraseRequiredError, WrongPassphraseError
from companion.core.store.problems import opening_problem
from companion.ui.tui.routes import ROUTES
from companion.ui.tui.theme import with_theme_variables

if TYPE_CHECKING:
    from companion.core.safety.flow import SafetyDecision

Clock = Callable[[], datetime]
BACKUP_DELAY = 3.0  # seconds after start before the daily backup begins


class CompanionApp(App[int]):
    """companion's TUI. Build it with ``CompanionApp(...)``; tests use the same constructor."""

    TITLE = "companion"
    SUB_TITLE = "CBT self-help, private and offline"
    CSS_PATH = "app.tcss"
    ENABLE_COMMAND_PALETTE = True
    # screens get "-short" below 20 rows (Help now keeps the emergency number in view) and
    # "-roomy" from 45 (Insights draws taller charts)
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall"), (45, "-roomy")]
    BINDINGS = [
        Binding("f1", "help_now", "Help now", id="help_now", priority=True),
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("f2", "show_keys", "Keys", id="keys"),
        Binding("question_mark", "show_keys", "Keys", id="keys_q", show=False),
        # Tab moves the focus when it arrives (priority), not after the keys typed behind it
        # have already been sent to the field it leaves (Textual's own Tab binding is not).
        Binding("tab", "move_focus(1)", "Next field", id="focus_next", show=False, priority=True),
        Binding(
            "shift+tab",
            "move_focus(-1)",
            "Previous field",
            id="focus_prev",
            show=False,
            priority=True,
        ),
    ]

    def __init__(
        self,
        *,
        db_path: Path | None = None,
        clock: Clock | None = None,
        settings: Settings | None = None,
        start: tuple[str, str] | None = None,
        skip_first_run: bool = False,
    ) -> None:
        super().__init__()
        self.db_path = db_path or paths.db_path()
        self.clock: Clock = clock or utc_now
        self.settings = settings or _safe_settings()
        self.start = start
        self.skip_first_run = skip_first_run
        self._db: Database | None = None
        self._passphrase: str | None = None  # kept in memory only, for worker connections
        self.startup_error: str | None = None
        self.theme = "textual-light" if self.settings.theme == "light" else "textual-dark"

    # -- the store -------------------------------------------------------------------------
    @property
    def db(self) -> Database:
        """The UI thread's connection (a thread worker opens its own with ``worker_db``)."""
        if self._db is None:
            self._db = open_db(self.db_path, passphrase=self._passphrase)
        return self._db

    def open_worker_db(self) -> Database:
        """A connection for a thread worker (sqlite3 connections belong to one thread), with
        the passphrase the person unlocked with; the caller closes it (or use ``worker_db``)."""
        return open_db(self.db_path, passphrase=self._passphrase)

    @contextmanager
    def worker_db(self) -> Iterator[Database]:
        """``with app.worker_db() as db:`` in a thread worker: opened, then always closed."""
        db = self.open_worker_db()
        try:
            yield db
        finally:
            db.close()

    def get_css_variables(self) -> dict[str, str]:
        """Textual's variables plus companion's own from theme.tcss (panel and dialog looks)."""
        return with_theme_variables(super().get_css_variables())

    # -- lifecycle -------------------------------------------------------------------------
    def on_mount(self) -> None:
        try:
            self._report_recovery()
            self.db  # noqa: B018 - open (and migrate) now, so problems show at once
        except (PassphraseRequiredError, WrongPassphraseError):
            self._ask_passphrase()
            return
        except CorruptDatabaseError as error:
            self._show_corrupt(error)
            return
        except StoreError as error:
            self.startup_error = str(error)
            self.exit(1, message=str(error))
            return
        except (sqlite3.DatabaseError, OSError) as error:  # read-only or missing folder, disk
            self.startup_error = opening_problem(error, self.db_path)
            self.exit(1, return_code=1, message=self.startup_error)
            return
        from companion.ui.tui.screens.home import HomeScreen

        self.push_screen(HomeScreen())
        self._after_start()

    def _report_recovery(self) -> None:
        """Say what the start-up repair of interrupted file operations did (once)."""
        from companion.core.store import intents

        try:
            intents.prepare(self.db_path)
        except intents.BusyError as error:
            raise StoreError(str(error)) from None
        while intents.REPORTS:
            self.notify(intents.REPORTS.pop(0), title="Repaired", timeout=15)

    def _ask_passphrase(self) -> None:
        from companion.ui.tui.modals.unlock import UnlockScreen

        self.push_screen(UnlockScreen(self.db_path), callback=self._unlocked)

    def _unlocked(self, passphrase: str | None) -> None:
        if not passphrase:
            self.exit(0)
            return
        self._passphrase = passphrase
        self.on_mount()

    def _show_corrupt(self, error: CorruptDatabaseError) -> None:
        from companion.ui.tui.modals.recover import RecoverScreen

        self.push_screen(
            RecoverScreen(error, passphrase=self._passphrase), callback=self._after_recover
        )

    def _after_recover(self, recovered: bool | None) -> None:
        if not recovered:
            self.exit(1, message="The database was left untouched.")
            return
        self._db = None
        self.on_mount()

    def _after_start(self) -> None:
        """First-run disclosure, automatic backup, and an optional starting screen."""
        from companion.core.store import editor_files

        kept = editor_files.recover(self.db)  # $EDITOR text left by a killed `companion`
        if kept:
            self.notify(editor_files.recovered_sentence(kept), timeout=15)
        self._auto_backup()
        if not self.skip_first_run and self._needs_disclosure():
            from companion.ui.tui.modals.disclosure import DisclosureScreen

            self.push_screen(DisclosureScreen(), callback=self._set_country)
        if self.start is not None:
            kind, name = self.start
            if kind == "exercise":
                self.start_exercise(name)
            elif kind == "screen":
                self.call_later(self.action_open, name)
        self._kind_check_in()
        from companion.core.store import app_state

        app_state.set_setting(self.db, "last_visit_utc", self.clock().isoformat())

    def _kind_check_in(self) -> None:
        """After a hard moment recorded recently (never its words), ask gently how things are."""
        from companion.core.safety.followup import acknowledge_follow_up, follow_up_message

        now = self.clock()
        message = follow_up_message(self.db, now)
        if message:
            self.notify(message, title="Checking in", timeout=30)
            acknowledge_follow_up(self.db, now)

    def _needs_disclosure(self) -> bool:
        from companion.core.safety.disclosure import needs_disclosure

        return bool(needs_disclosure(self.db, self.clock()))

    def _set_country(self, country: str | None) -> None:
        from companion.core.store import app_state

        if country:
            app_state.set_setting(self.db, "country", country)
        app_state.set_setting(self.db, "disclosure_seen_utc", self.clock().isoformat())

    def _auto_backup(self) -> None:
        """Once a day, a few seconds after start: the first screen never waits for a copy."""
        if self.settings.backups_keep > 0:
            self.set_timer(BACKUP_DELAY, self._start_backup)

    def _start_backup(self) -> None:
        self.run_worker(self._backup_worker, thread=True, group="backup", exit_on_error=False)

    def _backup_worker(self) -> None:
        """The daily backup, off the UI thread (a large journal takes seconds to copy)."""
        from companion.core.store.backup import auto_backup

        with self.worker_db() as db:
            try:
                auto_backup(db, keep=self.settings.backups_keep, now=self.clock())
            except Exception as error:  # a backup problem must never stop the app
                message = f"Automatic backup skipped: {error}"
                self.call_from_thread(self.notify, message, severity="warning")

    def scrub_in_background(self) -> None:
        """After a deletion: leave no trace of the deleted text, without blocking the screen."""
        self.run_worker(
            self._scrub_worker, thread=True, group="scrub", exclusive=True, exit_on_error=False
        )

    def _scrub_worker(self) -> None:
        from companion.core.store.backup_scrub import describe, scrub_backups
        from companion.core.store.forget import scrub

        with self.worker_db() as db:
            scrub(db)
            lines = describe(scrub_backups(db))
        for line in lines:
            self.call_from_thread(self.notify, line, timeout=10)

    # -- work that failed ----------------------------------------------------------------------
    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """The app's own workers; screens' and widgets' reach ``worker_failed`` through
        companion.ui.tui.workers.ReportsFailedWorkers (the message does not bubble)."""
        if event.state is WorkerState.ERROR:
            self.worker_failed(event.worker)

    def worker_failed(self, worker: Worker[Any]) -> None:
        """The one place a failed worker ends up: a crash report without the person's text
        and one sentence saying what did not happen; the app carries on."""
        from companion.core.crash import write_report
        from companion.ui.tui.workers import failure_sentence

        error = worker.error or RuntimeError("unknown")
        report = write_report(error)
        self.notify(failure_sentence(worker, error, report), severity="error", timeout=20)

    def on_unmount(self) -> None:
        if self._db is not None:
            self._db.close()

    # -- navigation ------------------------------------------------------------------------
    def open_route(self, key: str) -> Screen[Any]:
        """Push a new screen for the route ``key`` (companion.ui.tui.routes) and return it."""
        screen = ROUTES[key].screen()
        self.push_screen(screen)
        return screen

    def action_open(self, key: str) -> None:
        self.open_route(key)

    def respond_to_user_text(self, text: str, source: str) -> SafetyDecision:
        """Run the safety flow on text the person saved (before any model sees it) and show
        what it decides: Help now for a crisis, its note otherwise. Returns the decision."""
        from companion.core.safety.flow import Source, respond

        decision = respond(self.db, text, Source(source))
        self.show_safety(decision)
        return decision

    def show_safety(self, decision: SafetyDecision) -> None:
        """Render a safety decision: Help now when it says so, else its short note."""
        from companion.core.safety.compose import TUI, render

        if decision.open_help_now:
            self.call_later(self.action_help_now, True, decision)
        elif decision.reply is not None:
            self.notify(render(decision, TUI, db=self.db, with_resources=False), timeout=10)

    def action_help_now(self, detected: bool = False, decision: Any = None) -> None:
        """The "Help now" key: the crisis screen, from anywhere, with no model needed.

        ``detected`` is True when the app opens it because something the person wrote sounded
        like a crisis (the screen then opens with words for that moment); ``decision`` (a
        SafetyDecision) adds the lines it calls for, e.g. domestic-abuse lines first."""
        from companion.ui.tui.screens.crisis import CrisisScreen

        if isinstance(self.screen, CrisisScreen):
            return
        self.push_screen(CrisisScreen(detected=detected, decision=decision))

    def action_show_keys(self) -> None:
        if self.screen.query("HelpPanel"):
            self.action_hide_help_panel()
        else:
            self.action_show_help_panel()

    def action_move_focus(self, direction: int) -> None:
        focused = self.focused
        if isinstance(focused, TextArea) and focused.tab_behavior == "indent":
            raise SkipAction()  # the text area indents
        if self.screen.is_modal or isinstance(self.screen, CommandPalette):
            raise SkipAction()
        if direction > 0:
            self.screen.focus_next()
        else:
            self.screen.focus_previous()

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Every action, by name: see companion.ui.tui.commands."""
        from companion.ui.tui.commands import global_commands, screen_commands

        yield from screen_commands(self, screen)
        yield from global_commands(self)

    def start_exercise(self, name: str | None = None, *, record_id: int | None = None) -> None:
        """Open the exercise ``name`` anew, or the saved one ``record_id`` (one of them)."""
        from companion.ui.tui.screens.exercise_run import ExerciseRunScreen

        self.push_screen(ExerciseRunScreen(exercise_type=name, record_id=record_id))

    def action_toggle_dark_theme(self) -> None:
        """Switch light/dark and keep the choice in config.toml (comments and all)."""
        from companion.core.config import ConfigError, set_config_value

        light = self.theme == "textual-dark"
        self.theme = "textual-light" if light else "textual-dark"
        try:
            set_config_value("theme", "light" if light else "dark")
        except (ConfigError, OSError) as error:
            self.notify(f"Theme changed for now, but not saved: {error}", severity="warning")
            return
        self.notify(f"Theme: {'light' if light else 'dark'} (saved in config.toml).")

    def action_export(self) -> None:
        """Write a Markdown export of everything and say where it is."""
        from companion.core.store.export import ExportError, write_export

        try:
            target = write_export(self.db, "md", now=self.clock())
        except ExportError as error:
            self.notify(str(error), severity="error")
            return
        self.notify(f"Exported to {target}", title="Export", timeout=15)

    def action_choose_country(self) -> None:
        """Pick the country whose crisis lines Help now shows."""
        from companion.core.safety.helplines import resolve_country
        from companion.ui.tui.modals.disclosure import DisclosureScreen

        self.push_screen(DisclosureScreen(country=resolve_country(self.db)), self._country_chosen)

    def _country_chosen(self, country: str | None) -> None:
        if country:
            from companion.core.store import app_state

            app_state.set_setting(self.db, "country", country)
            self.notify(f"Helplines for {country} from now on.")

    # -- an unexpected error -----------------------------------------------------------------
    crash_report: Path | None = None

    def _fatal_error(self) -> None:
        """Replaces Textual's handler (it prints a traceback with every frame's locals, which
        hold the person's text): a report without text goes to a 0600 file, one sentence is
        printed, and the app exits with code 1 (Textual sets it)."""
        from rich.text import Text

        from companion.core.crash import sentence, write_report

        error = sys.exc_info()[1] or self._exception or RuntimeError("unknown")
        self.crash_report = write_report(error)
        self.bell()
        self._exit_renderables.append(Text(sentence(error, self.crash_report)))
        self._close_messages_no_wait()


def _safe_settings() -> Settings:
    try:
        return load_settings()
    except ConfigError:
        return Settings()


def run_app(start: tuple[str, str] | None = None) -> int:
    """Run the TUI and return the exit code (used by the `companion` command)."""
    import os

    os.umask(0o077)  # every file the app creates (SQLite's included) is private from byte one
    from companion.ui.tui.paste import install

    install()  # bracketed pastes with ESC in them arrive whole and in order
    app = CompanionApp(start=start)
    result = app.run()
    code = app.return_code or int(result or 0)
    from companion.ui.tui.model_loader import still_loading

    if still_loading():  # never wait for a model load on the way out (see model_loader)
        import os

        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(code)
    return code
