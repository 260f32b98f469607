"""A timed step: Enter starts a countdown, Enter again stops early; the time spent is the answer.

The countdown waits for Enter because the step may be about a time chosen earlier (worry time
asks for a worry period, then times it): it starts when the person says it starts."""

from __future__ import annotations

import time
from typing import Any

from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.widget import Widget

from companion.ui.tui.widgets.focus import focus_now
from companion.ui.tui.widgets.step_base import StepWidget


class Countdown(Widget, can_focus=True):
    DEFAULT_CSS = """
    Countdown { height: 3; width: 1fr; padding: 0 2; border: round $accent; }
    """

    def __init__(self, seconds: int, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.seconds = seconds
        self.started: float | None = None

    def start(self) -> None:
        self.started = time.monotonic()
        self.refresh()

    def on_mount(self) -> None:
        self.set_interval(1.0, self.refresh)

    @property
    def spent(self) -> int:
        if self.started is None:
            return 0
        return min(int(time.monotonic() - self.started), self.seconds)

    def render(self) -> RenderResult:
        if self.started is None:
            return Text(f"Press Enter to start the {_duration(self.seconds)}.", style="bold")
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
        focus_now(self.query_one("#step-timed", Countdown))

    def enter_moves_on(self) -> bool:
        return self.query_one("#step-timed", Countdown).started is not None

    def action_done(self) -> None:
        countdown = self.query_one("#step-timed", Countdown)
        if countdown.started is None:
            countdown.start()
        else:
            self.post_message(self.Submit())


def _duration(seconds: int) -> str:
    minutes, rest = divmod(seconds, 60)
    if minutes and not rest:
        return f"{minutes}-minute timer"
    return f"{seconds}-second timer"
