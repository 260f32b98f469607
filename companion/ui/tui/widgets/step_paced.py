"""Paced breathing: an animated guide (a bar that fills as you breathe in and empties as you
breathe out), used by the paced step and by BreathingScreen."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

from rich.text import Text
from textual.app import ComposeResult, RenderResult
from textual.binding import Binding
from textual.widget import Widget

from companion.core.exercises.breathing import PatternError, cycle_seconds, parse_pattern, state_at
from companion.ui.tui.widgets.focus import focus_now
from companion.ui.tui.widgets.step_base import StepWidget

BAR_WIDTH = 40


class BreathingGuide(Widget, can_focus=True):
    """Draws the current breathing phase; ``elapsed`` comes from a clock that tests can fix."""

    DEFAULT_CSS = """
    BreathingGuide { height: 6; width: 1fr; content-align: center middle; padding: 1 2;
        border: round $accent; }
    """

    def __init__(
        self,
        pattern: str,
        cycles: int = 0,
        *,
        clock: Callable[[], float] = time.monotonic,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        try:
            self.phases = parse_pattern(pattern)
        except PatternError:
            self.phases = parse_pattern("4-4-4-4")
        self.pattern = pattern
        self.cycles = cycles  # 0 = go on until stopped
        self.clock = clock
        self.started = clock()

    def on_mount(self) -> None:
        self.set_interval(0.2, self.refresh)

    def restart(self, pattern: str) -> None:
        self.phases = parse_pattern(pattern)
        self.pattern = pattern
        self.started = self.clock()
        self.refresh()

    @property
    def elapsed(self) -> float:
        return self.clock() - self.started

    @property
    def cycles_done(self) -> int:
        return int(self.elapsed // cycle_seconds(self.phases))

    def render(self) -> RenderResult:
        if self.cycles and self.cycles_done >= self.cycles:
            return Text(f"{self.cycles} cycles done. Well done. Press Enter to go on.")
        state = state_at(self.phases, self.elapsed)
        label = state.phase.label
        if label == "Breathe in":
            filled = state.fraction
        elif label == "Breathe out":
            filled = 1 - state.fraction
        else:
            filled = 1.0 if self._after_in(state.phase) else 0.0
        width = round(filled * BAR_WIDTH)
        text = Text(f"{label}  {int(state.remaining) + 1}\n", style="bold")
        text.append("█" * width, style="cyan")
        text.append("·" * (BAR_WIDTH - width), style="dim")
        total = f" of {self.cycles}" if self.cycles else ""
        text.append(f"\ncycle {state.cycle + 1}{total}  ·  pattern {self.pattern}", style="dim")
        return text

    def _after_in(self, phase: Any) -> bool:
        index = self.phases.index(phase)
        return index > 0 and self.phases[index - 1].label == "Breathe in"


class PacedStep(StepWidget):
    BINDINGS = [Binding("enter", "done", "Done", id="paced_done")]

    def __init__(self, *args: Any, pattern: str = "4-4-4-4", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.pattern = pattern

    def compose(self) -> ComposeResult:
        yield BreathingGuide(self.pattern, self.step.cycles, id="step-paced")

    def value(self) -> Any:
        guide = self.query_one("#step-paced", BreathingGuide)
        return guide.cycles_done

    def focus_input(self) -> None:
        focus_now(self.query_one("#step-paced", BreathingGuide))

    def enter_moves_on(self) -> bool:
        return True

    def action_done(self) -> None:
        self.post_message(self.Submit())
