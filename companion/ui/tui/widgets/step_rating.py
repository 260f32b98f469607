"""A 0-10 or 0-100 rating: type the number (up/down change it), Enter goes on."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Input, Static

from companion.ui.tui.widgets.step_base import OneFieldStep


class RatingInput(Input):
    BINDINGS = [
        Binding("up", "change(1)", "Higher", id="rating_up", show=False),
        Binding("down", "change(-1)", "Lower", id="rating_down", show=False),
    ]

    def __init__(self, value: str, high: int, **kwargs: Any) -> None:
        super().__init__(value, restrict=r"\d{0,3}", **kwargs)
        self.high = high

    def action_change(self, delta: int) -> None:
        step = 1 if self.high == 10 else 5
        current = int(self.value) if self.value.isdigit() else 0
        self.value = str(max(0, min(self.high, current + delta * step)))


class RatingStep(OneFieldStep):
    FIELD_ID = "step-rating"

    @property
    def high(self) -> int:
        return 10 if self.step.type == "rating10" else 100

    def compose(self) -> ComposeResult:
        start = str(self.initial) if isinstance(self.initial, int) else ""
        yield Static(
            f"A number from 0 to {self.high} (up/down change it).",
            classes="step-hint",
            markup=False,
        )
        yield RatingInput(start, self.high, id="step-rating", placeholder=f"0-{self.high}")
