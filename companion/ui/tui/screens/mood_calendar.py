"""The mood calendar (a year in pixels): every day of a year coloured by mood, from Insights.

The grid is computed by ``insights.mood_calendar`` and drawn by ``widgets.mood_calendar``;
below it the same year in words, for anyone the colours do not serve.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from companion.core.insights.mood_calendar import mood_calendar
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.footer import CompanionFooter
from companion.ui.tui.widgets.mood_calendar import calendar_text, legend_text


class MoodCalendarScreen(Screen[None]):
    app = getters.app(CompanionApp)

    CSS_PATH = "mood_calendar.tcss"
    BINDINGS = [
        Binding(
            "left",
            "year(-1)",
            "Earlier year",
            id="calendar_earlier",
            key_display="←",
            priority=True,
        ),
        Binding(
            "right", "year(1)", "Later year", id="calendar_later", key_display="→", priority=True
        ),
        Binding("escape", "app.pop_screen", "Back", id="calendar_back"),
    ]

    def __init__(self, year: int | None = None) -> None:
        super().__init__()
        self.year = year or self._today().year

    def _today(self) -> date:
        return self.app.clock().astimezone().date()

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="calendar-body"):
            yield Static(id="calendar-grid")
            yield Static(legend_text(), id="calendar-legend")
            yield Static(id="calendar-words")
        yield CompanionFooter()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        data = mood_calendar(self.app.db, self.year, until=self._today())
        self.title = f"Mood calendar {self.year}"
        self.query_one("#calendar-body").border_title = str(self.year)
        self.query_one("#calendar-grid", Static).update(calendar_text(data))
        self.query_one("#calendar-words", Static).update(Text("\n".join(data.summary())))

    def action_year(self, step: int) -> None:
        year = self.year + step
        if year > self._today().year:
            self.notify("That year has not happened yet.")
            return
        self.year = year
        self.show()
