"""Home: today's check-in, the mood of the last 30 days, what is due, recent entries, actions."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from companion.core.store import checkins, journal
from companion.core.store.watch import data_version
from companion.core.textfmt import literal, one_line, sparkline
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.routes import HOME_ROUTES
from companion.ui.tui.widgets.footer import CompanionFooter
from companion.ui.tui.widgets.rows import empty_option, entry_option

if TYPE_CHECKING:
    from companion.core.insights.reminders import DueItem

# (key, action, label), from the routes
QUICK_ACTIONS: list[tuple[str, str, str]] = [(r.binding, r.key, r.title) for r in HOME_ROUTES]


class HomeScreen(Screen[None]):
    """The first screen: a calm overview and one key to everything."""

    app = getters.app(CompanionApp)

    CSS_PATH = "home.tcss"
    BINDINGS = [
        *[
            Binding(key, f"app.open('{action}')", label, id=f"home_{action}", show=key in "njmec")
            for key, action, label in QUICK_ACTIONS
        ],
        Binding("r", "refresh", "Refresh", id="home_refresh", show=False),
        Binding("o", "app.open('models')", "Models", id="home_models", show=False),
    ]
    # at 80 columns all five footer keys fit only with these shorter labels
    FOOTER_LABELS: ClassVar[dict[str, str]] = {"home_new_entry": "New", "home_checkin": "Mood"}

    def __init__(self) -> None:
        super().__init__()
        self._due: list[DueItem] = []  # what the "Coming up" panel lists, in order
        self._seen_version: int | None = None  # the store's data_version when last shown

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="today", classes="panel"):
            yield Static(id="today-checkin")
            yield Static(id="today-mood")
        with Horizontal(id="home-body"):
            yield OptionList(
                *[Option(f"{key}  {label}", id=action) for key, action, label in QUICK_ACTIONS],
                id="actions",
                classes="panel",
            )
            with Vertical(id="home-right"):
                yield OptionList(id="recent", classes="panel", markup=False)
                yield OptionList(id="due", classes="panel", markup=False)
        yield CompanionFooter(labels=self.FOOTER_LABELS)

    # How often Home looks for what another process wrote (the CLI in a shell beside the app).
    POLL_SECONDS: ClassVar[float] = 2.0

    def on_mount(self) -> None:
        self.query_one("#actions").border_title = "Quick actions"
        self.query_one("#recent").border_title = "Recent entries"
        self.query_one("#due").border_title = "Coming up"
        self.query_one("#today").border_title = "Today"
        self._seen_version = self._store_version()
        self.refresh_data()
        self.set_interval(self.POLL_SECONDS, self._refresh_if_written)

    def on_screen_resume(self) -> None:
        self._seen_version = self._store_version()
        self.refresh_data()

    def _store_version(self) -> int | None:
        try:
            return data_version(self.app.db)
        except Exception:  # a locked or closing store: look again next time
            return None

    def _refresh_if_written(self) -> None:
        """Another process wrote (an entry or a check-in added from the shell): show it."""
        if not self.is_current:
            return
        version = self._store_version()
        if version is not None and version != self._seen_version:
            self._seen_version = version
            self.refresh_data()

    def on_resize(self) -> None:
        self.call_after_refresh(self._show_recent, self.app.db)

    def action_refresh(self) -> None:
        self.refresh_data()

    def _today(self) -> date:
        return self.app.clock().astimezone().date()

    def refresh_data(self) -> None:
        db = self.app.db
        today = self._today()
        self._show_today(db, today)
        self._show_recent(db)
        self._show_due(db, today)

    def _show_today(self, db: Any, today: date) -> None:
        todays = checkins.checkins_on(db, today.isoformat())
        status = self.query_one("#today-checkin", Static)
        if todays:
            latest = todays[0]
            line = Text(f"Mood today: {latest.mood}/10", style="bold")
            if latest.emotions:
                feelings = ", ".join(f"{k} {v}" for k, v in latest.emotions.items())
                line.append_text(literal(f"  ·  {feelings}"))
            if latest.note:
                line.append_text(literal(f"  ·  {one_line(latest.note, 40)}"))
            status.update(line)
        else:
            status.update(Text("No check-in yet today. Press m to note how you feel."))
        series = self._mood_series(db, today)
        spark = Text("Last 30 days  ", style="dim")
        known = [v for v in series if v is not None]
        if known:
            spark.append(sparkline(series), style="bold")
            spark.append(f"  average {sum(known) / len(known):.1f}", style="dim")
        else:
            spark.append("your check-ins will show here as a small chart", style="dim")
        self.query_one("#today-mood", Static).update(spark)

    def _mood_series(self, db: Any, today: date) -> list[float | None]:
        from companion.core.insights.trends import mood_series

        return list(mood_series(db, 30, today))

    def _show_recent(self, db: Any) -> None:
        recent = self.query_one("#recent", OptionList)
        recent.clear_options()
        # as many as the panel has rows for (a tall terminal shows more), at least 8
        rows = recent.content_size.height if recent.size.height else 0
        entries = journal.list_entries(db, limit=max(8, rows))
        if not entries:
            recent.add_option(empty_option("No entries yet: press n to write one."))
            return
        width = max(20, recent.size.width - 16) if recent.size.width else 36
        for entry in entries:
            recent.add_option(entry_option(entry, width))
        recent.highlighted = 0

    def _show_due(self, db: Any, today: date) -> None:
        """Follow-ups, unfinished drafts and reminders; Enter opens the one highlighted."""
        from companion.core.flows.due import due_items

        due = self.query_one("#due", OptionList)
        due.clear_options()
        self._due = due_items(db, self.app.settings, today)
        if not self._due:
            due.add_option(empty_option("Nothing due. Follow-ups and reminders will appear here."))
            return
        for number, item in enumerate(self._due):
            line = Text(item.sentence, no_wrap=True, overflow="ellipsis")
            due.add_option(Option(line, id=f"due-{number}"))
        due.highlighted = 0

    @on(OptionList.OptionSelected, "#due")
    def _due_chosen(self, event: OptionList.OptionSelected) -> None:
        number = (event.option.id or "").removeprefix("due-")
        if not number.isdigit() or int(number) >= len(self._due):
            return
        target = self._due[int(number)].target
        if target is None:
            return
        if target.route == "exercise_run" and target.record_id is not None:
            self.app.start_exercise(record_id=target.record_id)
        elif target.route == "entry_editor" and target.entry_id is not None:
            from companion.ui.tui.screens.entry_editor import EntryEditorScreen

            self.app.push_screen(EntryEditorScreen(target.entry_id))
        else:
            self.app.action_open(target.route)

    @on(OptionList.OptionSelected, "#actions")
    def _action_chosen(self, event: OptionList.OptionSelected) -> None:
        self.app.action_open(event.option.id or "")

    @on(OptionList.OptionSelected, "#recent")
    def _entry_chosen(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id.startswith("entry-"):
            from companion.ui.tui.screens.entry_view import EntryViewScreen

            self.app.push_screen(EntryViewScreen(int(option_id.removeprefix("entry-"))))
