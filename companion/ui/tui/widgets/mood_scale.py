"""A 0-10 scale you can set with the arrow keys, a digit, or the mouse."""

from __future__ import annotations

from rich.text import Text
from textual.events import Click, Key
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

CELL = 5


class MoodScale(Widget, can_focus=True):
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

    def on_key(self, event: Key) -> None:
        """Left/h and right/l move, a digit sets it, t/end is 10, home is 0.

        Handled here, in the order typed, rather than by bindings: a binding runs only once the
        key has bubbled up to the app, and a quick Tab may have moved the focus by then."""
        key = event.key
        if key.isdigit() and len(key) == 1:
            self.action_set(int(key))
        elif key in ("t", "end"):
            self.action_set(10)
        elif key == "home":
            self.action_set(0)
        elif key in ("left", "h", "right", "l"):
            self.action_move(-1 if key in ("left", "h") else 1)
        else:
            return
        event.stop()
        event.prevent_default()

    def on_click(self, event: Click) -> None:
        number = (event.x - 1) // CELL
        if 0 <= number <= 10:
            self.action_set(number)
