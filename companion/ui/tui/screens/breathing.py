"""Paced breathing on its own (also opened from the crisis screen): nothing to type, nothing
saved. Keys 1-4 switch pattern; escape goes back."""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Static

from companion.core.exercises.breathing import PATTERNS, PatternError, parse_pattern
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.footer import CompanionFooter
from companion.ui.tui.widgets.step_paced import BreathingGuide

PATTERN_KEYS = tuple(PATTERNS)


class BreathingScreen(Screen[None]):
    app = getters.app(CompanionApp)

    CSS_PATH = "breathing.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="breathing_back"),
        *(
            Binding(str(n), f"pattern({n - 1})", pattern, id=f"breathing_pattern_{n}")
            for n, pattern in enumerate(PATTERN_KEYS, start=1)
        ),
    ]

    def __init__(self, pattern: str | None = None) -> None:
        super().__init__()
        self.pattern = pattern or ""

    def compose(self) -> ComposeResult:
        with Vertical(id="breathing-frame"):
            yield Static("Paced breathing", id="breathing-title")
            yield Static(
                "Breathe along with the bar: it fills as you breathe in and empties as you "
                "breathe out. Go at a pace that feels comfortable.",
                id="breathing-intro",
            )
            yield BreathingGuide(self._initial_pattern(), id="breathing-guide")
            yield Static("", id="breathing-patterns")
        yield CompanionFooter()

    def _initial_pattern(self) -> str:
        candidates = [self.pattern]
        candidates.append(self.app.settings.breathing_pattern)
        for candidate in candidates:
            try:
                if candidate:
                    parse_pattern(candidate)
                    return candidate
            except PatternError:
                continue
        return "4-4-4-4"

    def on_mount(self) -> None:
        self._describe()
        self.query_one("#breathing-guide", BreathingGuide).focus()

    def _describe(self) -> None:
        current = self.query_one("#breathing-guide", BreathingGuide).pattern
        text = Text()
        for number, (pattern, description) in enumerate(PATTERNS.items(), start=1):
            style = "bold" if pattern == current else "dim"
            text.append(f"{number}  {description}\n", style=style)
        self.query_one("#breathing-patterns", Static).update(text)

    def action_pattern(self, index: int) -> None:
        self.query_one("#breathing-guide", BreathingGuide).restart(PATTERN_KEYS[index])
        self._describe()
