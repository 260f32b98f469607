"""How one chat message looks: the person's text literally, the model's reply as Markdown, and
the app's fixed notices (crisis, check-in, disclosure) set apart."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import Label, Markdown, Static

from companion.store.conversations import Message

WHO = {"user": "You", "assistant": "Companion"}


class UserMessage(Vertical):
    """The person's words, shown exactly as written (never as markup)."""

    def __init__(self, text: str, message_id: int | None = None) -> None:
        super().__init__(classes="chat-message chat-user")
        self.text = text
        self.message_id = message_id

    def compose(self) -> ComposeResult:
        yield Label("You", classes="chat-who", markup=False)
        yield Static(Text(self.text), classes="chat-body", markup=False)


class ReplyMessage(Vertical):
    """A model reply, rendered as Markdown; streamed into while it is being written."""

    def __init__(self, text: str = "", message_id: int | None = None, status: str = "ok") -> None:
        super().__init__(classes="chat-message chat-reply")
        self.text = text
        self.message_id = message_id
        self.status = status

    def compose(self) -> ComposeResult:
        yield Label(self._who(), classes="chat-who", markup=False)
        yield Markdown(self.text, classes="chat-body")

    def _who(self) -> str:
        extra = {"stopped": " (stopped)", "replaced": " (replaced by a safe reply)"}
        return "Companion" + extra.get(self.status, "")

    @property
    def markdown(self) -> Markdown:
        return self.query_one(Markdown)

    def set_status(self, status: str) -> None:
        self.status = status
        self.query_one(".chat-who", Label).update(self._who())


class NoticeMessage(Vertical):
    """A fixed message from the app, not the model (crisis reply, check-in, disclosure)."""

    def __init__(self, text: str, kind: str, message_id: int | None = None) -> None:
        super().__init__(classes=f"chat-message chat-notice chat-notice-{kind}")
        self.text = text
        self.kind = kind
        self.message_id = message_id

    def compose(self) -> ComposeResult:
        yield Label("Companion (a fixed message from the app)", classes="chat-who", markup=False)
        yield Static(Text(self.text), classes="chat-body", markup=False)


def widget_for(message: Message) -> UserMessage | ReplyMessage | NoticeMessage:
    """The widget that shows a stored message."""
    if message.role == "user":
        return UserMessage(message.content, message.id)
    kind = message.meta.get("kind")
    if kind:
        return NoticeMessage(message.content, str(kind), message.id)
    return ReplyMessage(message.content, message.id, message.status)
