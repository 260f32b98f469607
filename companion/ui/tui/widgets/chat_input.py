"""The chat message box: a TextArea where Enter sends and Ctrl+J (or Shift+Enter) adds a line."""

from __future__ import annotations

from dataclasses import dataclass

from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import TextArea

NEWLINE_KEYS = ("ctrl+j", "shift+enter")


class ChatInput(TextArea):
    """Multi-line input; posts ``ChatInput.Submitted`` on Enter."""

    BINDINGS = [
        Binding("ctrl+j", "newline", "New line", id="chat_newline", show=True),
    ]

    @dataclass
    class Submitted(Message):
        """The person pressed Enter."""

        chat_input: ChatInput
        text: str

    async def _on_key(self, event: events.Key) -> None:
        if event.key in NEWLINE_KEYS:
            event.stop()
            event.prevent_default()
            self.action_newline()
            return
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted(self, self.text))
            return
        await super()._on_key(event)

    def action_newline(self) -> None:
        self.insert("\n")
