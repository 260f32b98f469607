"""Single choice with descriptions: arrows move, the highlighted option is explained, Enter picks."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option as ListOption

from companion.ui.tui.widgets.focus import focus_now
from companion.ui.tui.widgets.step_base import StepWidget

SKIP = "__skip__"


class ChoiceStep(StepWidget):
    def compose(self) -> ComposeResult:
        entries = [
            ListOption(Text(option.label), id=f"o{number}")
            for number, option in enumerate(self.options)
        ]
        if not self.step.required:
            entries.append(ListOption(Text("(skip this step)", style="italic"), id=SKIP))
        yield OptionList(*entries, id="step-choice")
        yield Static("", id="step-description", classes="step-description", markup=False)

    def on_mount(self) -> None:
        listing = self.query_one("#step-choice", OptionList)
        values = [o.value for o in self.options]
        if isinstance(self.initial, str) and self.initial in values:
            listing.highlighted = values.index(self.initial)
        elif listing.option_count:
            listing.highlighted = 0

    def value(self) -> Any:
        listing = self.query_one("#step-choice", OptionList)
        index = listing.highlighted
        if index is None or index >= len(self.options):
            return None
        return self.options[index].value

    def focus_input(self) -> None:
        focus_now(self.query_one("#step-choice", OptionList))

    def enter_moves_on(self) -> bool:
        return True

    @on(OptionList.OptionHighlighted)
    def _highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        index = event.option_index
        description = self.options[index].description if index < len(self.options) else ""
        self.query_one("#step-description", Static).update(Text(description))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Submit())
