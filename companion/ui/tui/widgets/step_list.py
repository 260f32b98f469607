"""A list of short items, typed one per line."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from companion.ui.tui.widgets.focus import focus_now
from companion.ui.tui.widgets.step_base import StepWidget


class ListStep(StepWidget):
    def compose(self) -> ComposeResult:
        items = self.initial if isinstance(self.initial, list) else []
        text = self.initial if isinstance(self.initial, str) else "\n".join(map(str, items))
        yield Static(f"One {self.step.item_label} per line.", classes="step-hint", markup=False)
        yield TextArea(text, id="step-list", soft_wrap=True, tab_behavior="focus")

    def on_mount(self) -> None:
        area = self.query_one("#step-list", TextArea)
        area.move_cursor(area.document.end)  # type after what was filled in, never before it

    def value(self) -> Any:
        return self.query_one("#step-list", TextArea).text.splitlines()

    def focus_input(self) -> None:
        focus_now(self.query_one("#step-list", TextArea))

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Typed(event.text_area.text))
