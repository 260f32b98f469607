"""A date (e.g. when to follow up): YYYY-MM-DD, "+N" days, "today" or "tomorrow"."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Input, Static

from companion.ui.tui.widgets.step_base import OneFieldStep


class DateStep(OneFieldStep):
    FIELD_ID = "step-date"

    def compose(self) -> ComposeResult:
        start = self.initial if isinstance(self.initial, str) else "+1"
        yield Static(
            "YYYY-MM-DD, or +N for N days from today (+1 is tomorrow).",
            classes="step-hint",
            markup=False,
        )
        yield Input(start, id="step-date", placeholder="YYYY-MM-DD or +1")
