"""A 0-10 scale you can set with the arrow keys, a digit, or the mouse."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.events import Click
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

CELL = 5


class MoodScale(Widget, can_focus=True):
    DEFAULT_CSS = """
    MoodScale { height: 3; width: 57; border: round $primary-darken-2; padding: 0 1; }
    MoodScale:focus { border: round $accent; }
    """
    BINDINGS = [
        Binding("left,h", "move(-1)", "Lower", show=False),
        Binding("right,l", "move(1)", "Higher", show=False),
        Binding("home", "set(0)", "0", show=False),
        Binding("end", "set(10)", "10", show=False),
        *[Binding(str(d), f"set({d})", str(d), show=False) for d in range(10)],
        Binding("t", "set(10)", "10", show=False),
    ]

    value: reactive[int | None] = reactive(None)

    class Changed(Message):
        def __init__(self, scale: MoodScale, value: int) -> None:
            super().__init__()
            self.scale = scale
            self.value = value

    def render(self) -> Text:
        text = Text()
        for number in range(11):
            label = f"{number:^{CELL - 1}}"
            if number == self.value:
                text.append(label, style="reverse bold")
            else:
                text.append(label, style="dim" if self.value is not None else "")
            text.append(" ")
        return text

    def action_move(self, step: int) -> None:
        current = 5 if self.value is None else self.value
        self.action_set(max(0, min(10, current + step)) if self.value is not None else current)

    def action_set(self, value: int) -> None:
        self.value = value
        self.post_message(self.Changed(self, value))

    def on_click(self, event: Click) -> None:
        number = (event.x - 1) // CELL
        if 0 <= number <= 10:
            self.action_set(number)
