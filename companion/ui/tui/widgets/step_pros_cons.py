"""Pros and cons for each option listed earlier: two one-line fields per option."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Input, Static

from companion.ui.tui.widgets.focus import focus_now
from companion.ui.tui.widgets.step_base import StepWidget


class ProsConsStep(StepWidget):
    def compose(self) -> ComposeResult:
        known = self.initial if isinstance(self.initial, dict) else {}
        with Vertical():
            for number, option in enumerate(self.options):
                old = known.get(option.value, {})
                yield Static(option.label, classes="pc-option", markup=False)
                yield Input(old.get("pros", ""), placeholder="pros", id=f"pros-{number}")
                yield Input(old.get("cons", ""), placeholder="cons", id=f"cons-{number}")

    def value(self) -> Any:
        result: dict[str, dict[str, str]] = {}
        for number, option in enumerate(self.options):
            pros = self.query_one(f"#pros-{number}", Input).value
            cons = self.query_one(f"#cons-{number}", Input).value
            result[option.value] = {"pros": pros, "cons": cons}
        return result

    def focus_input(self) -> None:
        fields = self.query(Input)
        if fields:
            focus_now(fields.first())

    def enter_moves_within(self) -> bool:
        """Enter in any field but the last moves to the next one, at once."""
        fields = list(self.query(Input))
        focused = self.screen.focused
        if focused in fields and fields.index(focused) + 1 < len(fields):
            focus_now(fields[fields.index(focused) + 1])
            return True
        return False

    def enter_moves_on(self) -> bool:
        fields = list(self.query(Input))
        return bool(fields) and self.screen.focused is fields[-1]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        """Enter moves to the next field; on the last one it goes on."""
        event.stop()
        fields = list(self.query(Input))
        position = fields.index(event.input)
        if position + 1 < len(fields):
            focus_now(fields[position + 1])
        else:
            self.post_message(self.Submit())
