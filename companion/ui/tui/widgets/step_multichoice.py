"""Several choices with descriptions: space ticks an option, ctrl+n goes on."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import SelectionList, Static

from companion.ui.tui.widgets.focus import focus_now
from companion.ui.tui.widgets.step_base import StepWidget


class MultiChoiceStep(StepWidget):
    def compose(self) -> ComposeResult:
        chosen = set(self.initial) if isinstance(self.initial, list) else set()
        yield Static(
            "Space ticks or unticks the highlighted option; ctrl+n goes on.",
            classes="step-hint",
            markup=False,
        )
        yield SelectionList[str](
            *[(Text(o.label), o.value, o.value in chosen) for o in self.options],
            id="step-multi",
        )
        yield Static("", id="step-description", classes="step-description", markup=False)

    def value(self) -> Any:
        return list(self.query_one("#step-multi", SelectionList).selected)

    def select(self, values: list[str]) -> None:
        """Tick these options (used when a suggestion is accepted); others are left as they are."""
        listing = self.query_one("#step-multi", SelectionList)
        for value in values:
            listing.select(value)

    def focus_input(self) -> None:
        focus_now(self.query_one("#step-multi", SelectionList))

    @on(SelectionList.SelectionHighlighted)
    def _highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        event.stop()
        index = event.selection_index
        description = self.options[index].description if 0 <= index < len(self.options) else ""
        self.query_one("#step-description", Static).update(Text(description))
