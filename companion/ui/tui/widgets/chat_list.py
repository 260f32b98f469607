"""The list of conversations beside the chat, newest first."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import Label, ListItem, ListView

from companion.core.store.conversations import Conversation


class ConversationItem(ListItem):
    def __init__(self, conversation: Conversation) -> None:
        super().__init__(Label(Text(conversation.title), markup=False))
        self.conversation_id = conversation.id
        self.title = conversation.title


class ConversationList(ListView):
    """Conversations; selecting one posts ``ListView.Selected`` with a ConversationItem."""

    def show(self, conversations: list[Conversation], current: int | None) -> None:
        self.clear()
        index = None
        for position, conversation in enumerate(conversations):
            self.append(ConversationItem(conversation))
            if conversation.id == current:
                index = position
        if index is not None:
            self.index = index
