"""The mood calendar (a year in pixels): every day of a year coloured by mood, from Insights.

The grid is computed by ``insights.mood_calendar`` and drawn by ``widgets.mood_calendar``;
below it the same year in words, for anyone the colours do not serve. From 100 columns
(``-wide``) a colour key with the days in each band and each month's average as a bar stand
beside the grid, and from 45 rows as well (``-roomy``) the grid turns into Daylio's Year in
Pixels: days down, months across, three characters a day.
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static

from companion.core.insights.mood_calendar import mood_calendar
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.footer import CompanionFooter
from companion.ui.tui.widgets.mood_calendar import (
    calendar_text,
    columns_text,
    key_text,
    legend_text,
    months_text,
)


class MoodCalendarScreen(Screen[None]):
    app = getters.app(CompanionApp)

    CSS_PATH = "mood_calendar.tcss"
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
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
            yield Static(id="calendar-grid")  # months down (hidden when wide and roomy)
            yield Static(id="calendar-columns")  # days down (shown when wide and roomy)
            with Vertical(id="calendar-side"):
                yield Static(legend_text(), id="calendar-legend")  # narrow
                yield Static(id="calendar-key")  # wide
                yield Static(id="calendar-months")  # wide
                yield Static(id="calendar-words")
                yield Static(id="calendar-month-words")  # narrow (wide has the bars)
        yield CompanionFooter()

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        data = mood_calendar(self.app.db, self.year, until=self._today())
        self.title = f"Mood calendar {self.year}"
        self.query_one("#calendar-body").border_title = str(self.year)
        self.query_one("#calendar-grid", Static).update(calendar_text(data))
        self.query_one("#calendar-columns", Static).update(columns_text(data))
        self.query_one("#calendar-key", Static).update(key_text(data))
        self.query_one("#calendar-months", Static).update(months_text(data))
        count, *months = data.summary()
        self.query_one("#calendar-words", Static).update(Text(count))
        self.query_one("#calendar-month-words", Static).update(Text("\n".join(months)))

    def action_year(self, step: int) -> None:
        year = self.year + step
        if year > self._today().year:
            self.notify("That year has not happened yet.")
            return
        self.year = year
        self.show()
