"""How one chat message looks: the person's text literally, the model's reply as Markdown, and
the app's fixed notices (crisis, check-in, disclosure) set apart.

A finished message is ONE widget (a Static holding a Rich renderable): every widget in the chat
log is laid out again whenever the streaming reply grows, so a long conversation of small
widgets keeps the interface cheap while the model writes. The reply being streamed is plain
text (no Markdown parsing per batch: on 2 cores every bit of UI work is taken from the model);
it becomes Markdown the moment it is finished.
"""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.markdown import Markdown as RichMarkdown
from rich.text import Text
from textual.geometry import Region
from textual.widget import Widget
from textual.widgets import Static

from companion.core.store.conversations import Message

STATUS_NOTE = {"stopped": " (stopped)", "replaced": " (replaced by a safe reply)"}


def _header(who: str) -> Text:
    return Text(who, style="bold")


class UserMessage(Static):
    """The person's words, shown exactly as written (never as markup)."""

    def __init__(self, text: str, message_id: int | None = None) -> None:
        body = Text.assemble(_header("You"), "\n", Text(text))
        super().__init__(body, classes="chat-message chat-user", markup=False)
        self.text = text
        self.message_id = message_id


class StoredReply(Static):
    """A finished model reply, rendered as Markdown inside one widget."""

    def __init__(
        self, text: str, message_id: int | None = None, status: str = "ok", *, reserve: int = 0
    ) -> None:
        super().__init__(self._renderable(text, status), classes="chat-message chat-reply")
        self.text = text
        self.message_id = message_id
        self.status = status
        if reserve:  # keeps the space the streamed reply had, so nothing jumps when it ends
            self.styles.min_height = reserve

    @staticmethod
    def _renderable(text: str, status: str) -> RenderableType:
        return Group(_header("Companion" + STATUS_NOTE.get(status, "")), RichMarkdown(text))


class ReplyMessage(Widget):
    """The reply being written, as plain text, extended in batches.

    It is mounted with ``reserve`` lines of height (the chat log's free space below the person's
    message). While the reply fits, a batch repaints only the lines it changed: nothing above
    it moves and no layout runs. On two cores every bit of interface work is taken from the
    model (bench/chat.py measures it).
    """

    def __init__(self, reserve: int = 0) -> None:
        super().__init__(classes="chat-message chat-reply chat-streaming")
        self.text = ""
        self.message_id: int | None = None
        self.status = "ok"
        self.reserve = reserve
        self._body = Text.assemble(_header("Companion"))
        self._lines = 1
        if reserve:
            self.styles.min_height = reserve

    def render(self) -> Text:
        return self._body

    def append(self, piece: str) -> None:
        self.text += piece
        self._body = Text.assemble(_header("Companion"), "\n", Text(self.text))
        region = self.content_region
        if not self.is_mounted or region.width <= 0:
            self.refresh(layout=True)
            return
        before, lines = self._lines, len(self._body.wrap(self.app.console, region.width))
        self._lines = lines
        if lines > region.height:  # it outgrew its space: the log lays out and scrolls
            self.refresh(layout=True)
            return
        changed = max(0, before - 1)  # the old last line may have been extended
        self.refresh(Region(0, changed, region.width, lines - changed))

    def replace(self, text: str) -> None:
        self.text = ""
        self._lines = 1
        self.append(text)
        self.refresh(layout=True)


class NoticeMessage(Static):
    """A fixed message from the app, not the model (crisis reply, check-in, disclosure)."""

    def __init__(self, text: str, kind: str, message_id: int | None = None) -> None:
        body = Text.assemble(_header("Companion (a fixed message from the app)"), "\n", Text(text))
        super().__init__(body, classes=f"chat-message chat-notice chat-notice-{kind}", markup=False)
        self.text = text
        self.kind = kind
        self.message_id = message_id


def widget_for(message: Message) -> UserMessage | StoredReply | NoticeMessage:
    """The widget that shows a stored message."""
    if message.role == "user":
        return UserMessage(message.content, message.id)
    kind = message.meta.get("kind")
    if kind:
        return NoticeMessage(message.content, str(kind), message.id)
    return StoredReply(message.content, message.id, message.status)
