"""A timed step: a countdown; Enter stops early, and the time spent is the answer."""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.widget import Widget

from companion.tui.widgets.step_base import StepWidget


class Countdown(Widget, can_focus=True):
    DEFAULT_CSS = """
    Countdown { height: 3; width: 1fr; padding: 0 2; border: round $accent; }
    """

    def __init__(self, seconds: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.seconds = seconds
        self.started = time.monotonic()

    def on_mount(self) -> None:
        self.set_interval(1.0, self.refresh)

    @property
    def spent(self) -> int:
        return min(int(time.monotonic() - self.started), self.seconds)

    def render(self) -> RenderResult:
        left = self.seconds - self.spent
        if left <= 0:
            return Text("Time's up. Press Enter to go on.", style="bold")
        minutes, seconds = divmod(left, 60)
        return Text(f"{minutes:02d}:{seconds:02d} left  ·  Enter to stop early", style="bold")


class TimedStep(StepWidget):
    BINDINGS = [Binding("enter", "done", "Done", id="timed_done")]

    def compose(self) -> ComposeResult:
        yield Countdown(self.step.seconds, id="step-timed")

    def value(self) -> Any:
        return self.query_one("#step-timed", Countdown).spent

    def focus_input(self) -> None:
        self.query_one("#step-timed", Countdown).focus()

    def action_done(self) -> None:
        self.post_message(self.Submit())
