"""The chat transcript: the stored messages of one conversation, the person's latest message,
the reply being streamed below it and the app's notices.

The streamed reply is given the free space below the person's message up front and repaints
only the lines a batch changed (see ReplyMessage), so while it fits there is no layout work per
batch. At most ``MAX_SHOWN`` messages stay mounted: older ones stay stored (and searchable) but
are not laid out again on every streamed update.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Static

from companion.core.store.conversations import Message
from companion.ui.tui.widgets.chat_message import (
    NoticeMessage,
    ReplyMessage,
    StoredReply,
    UserMessage,
    widget_for,
)

MAX_SHOWN = 60
START_HINT = "Start by writing what is on your mind. Esc stops a reply."
CARRY_ON_ID = "chat-carry-on"


class ChatLog(VerticalScroll):
    """The scrolling transcript (``#chat-log``)."""

    def show(self, messages: list[Message] | None) -> None:
        """Show a conversation's messages (the newest MAX_SHOWN), or the start hint (None)."""
        self.remove_children()
        if messages is None:
            self.mount(Static(Text(START_HINT), classes="chat-hint"))
            return
        hidden = max(0, len(messages) - MAX_SHOWN)
        if hidden:
            self.mount(
                Static(Text(f"({hidden} earlier messages are not shown.)"), classes="chat-hint")
            )
        self.mount_all([widget_for(message) for message in messages[hidden:]])
        self.scroll_end(animate=False)

    def add_user(self, text: str) -> UserMessage:
        """The person's message, just sent (the hint goes, earlier replies give back space)."""
        self.query(".chat-hint").remove()
        self.release_reserved()
        user = UserMessage(text)
        self.mount(user)
        self.scroll_end(animate=False)
        return user

    def free_lines(self, last: Widget | None) -> int:
        """Lines left below ``last`` (the person's latest message): the streamed reply is
        given them up front (see ReplyMessage)."""
        height = self.scrollable_content_region.height
        last = last or (self.children[-1] if self.children else None)
        used = last.outer_size.height + last.styles.margin.top if last is not None else 0
        return max(0, height - used - 1)  # 1: the reply's own top margin

    async def start_reply(self, last: Widget | None) -> ReplyMessage:
        reply = ReplyMessage(self.free_lines(last))
        await self.mount(reply)
        self.scroll_end(animate=False)
        return reply

    async def finish_reply(self, reply: ReplyMessage, stored: Message | None) -> None:
        """The finished reply becomes one light widget (see chat_message.py)."""
        if stored is not None:
            await self.mount(
                StoredReply(stored.content, stored.id, stored.status, reserve=reply.reserve),
                after=reply,
            )
        await reply.remove()

    def release_reserved(self) -> None:
        """The previous reply gives back the space it kept (a new turn starts below it)."""
        for reply in self.query(StoredReply):
            if reply.styles.min_height is not None:
                reply.styles.min_height = None

    def last_reply(self) -> StoredReply | ReplyMessage | None:
        """The model's reply if it is the last thing shown (what ctrl+r writes again)."""
        children = list(self.children)
        if children and isinstance(children[-1], StoredReply | ReplyMessage):
            return children[-1]
        return None

    async def notice(
        self, text: str, kind: str, message_id: int | None = None, *, carry_on: bool = False
    ) -> None:
        """An app notice (crisis, error...), with the carry-on button when it offers one."""
        await self.query(f"#{CARRY_ON_ID}").remove()
        await self.mount(NoticeMessage(text, kind, message_id))
        if carry_on:
            await self.mount(
                Button("Carry on chatting (F6)", id=CARRY_ON_ID, classes="chat-carry-on")
            )
        self.scroll_end(animate=False)

    async def trim(self) -> None:
        """Keep at most MAX_SHOWN widgets mounted."""
        extra = len(self.children) - MAX_SHOWN
        if extra > 0:
            await self.remove_children(list(self.children)[:extra])
