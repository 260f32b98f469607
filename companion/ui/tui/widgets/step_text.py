"""Free text: a text area (Enter makes a new line, ctrl+n goes on) or a one-line field."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Input, TextArea

from companion.ui.tui.widgets.focus import focus_now
from companion.ui.tui.widgets.step_base import StepWidget


class TextStep(StepWidget):
    def compose(self) -> ComposeResult:
        text = self.initial if isinstance(self.initial, str) else ""
        if self.step.multiline:
            yield TextArea(text, id="step-text", soft_wrap=True, tab_behavior="focus")
        else:
            yield Input(text, id="step-text", placeholder=self.step.placeholder)

    def on_mount(self) -> None:
        field = self.query_one("#step-text")
        if isinstance(field, TextArea):  # type after what was filled in, never before it
            field.move_cursor(field.document.end)

    def value(self) -> Any:
        field = self.query_one("#step-text")
        if isinstance(field, TextArea):
            return field.text
        return self.query_one("#step-text", Input).value

    def focus_input(self) -> None:
        focus_now(self.query_one("#step-text"))

    def enter_moves_on(self) -> bool:
        return not self.step.multiline

    @on(TextArea.Changed)
    @on(Input.Changed)
    def _typed(self, event: TextArea.Changed | Input.Changed) -> None:
        event.stop()
        self.post_message(self.Typed(str(self.value())))

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submit())
