"""The chat screen's conversations: the list beside the transcript, opening, renaming,
deleting, copying and saving them, what the model is told (F4) and the status line. The live
turn (sending, streaming, stopping) is in chat.py, the thread work in chat_work.py."""

from __future__ import annotations

from pathlib import Path

from rich.text import Text
from textual import getters, on
from textual.screen import Screen
from textual.widgets import ListView, Static

from companion.core.llm.context import PersonalContext
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.modals.chat_copy import CopyChoice
from companion.ui.tui.widgets.chat_input import ChatInput
from companion.ui.tui.widgets.chat_list import ConversationItem, ConversationList
from companion.ui.tui.widgets.chat_log import ChatLog


class ChatConversations(Screen[None]):
    """What the chat screen does besides the live turn (see the module docstring)."""

    app = getters.app(CompanionApp)

    def __init__(self, conversation_id: int | None = None) -> None:
        super().__init__()
        self.conversation_id: int | None = conversation_id
        self.busy = False
        self.engine_name: str | None = None
        self.engine_error: str | None = None
        self.n_ctx = 0
        self._personal: str = ""
        self._context_used = 0
        self._tps = 0.0
        self._estimated = False  # token counts from a model server without usage figures

    @property
    def log_view(self) -> ChatLog:
        return self.query_one("#chat-log", ChatLog)

    @property
    def chat_input(self) -> ChatInput:
        return self.query_one("#chat-input", ChatInput)

    def _show_personal_context(self) -> None:
        from companion.core.flows.chat_context import personal_context_text

        self._personal = personal_context_text(self.app.db)
        shared = self._personal.replace("\n", " ")
        self.query_one("#chat-context", Static).update(
            Text(
                f"Shared with the model (F4 to change): {shared}"
                if shared
                else "The model is told only this conversation; F4 to share more. "
                "Self-help practice, not therapy."
            )
        )

    def _set_status(self, text: str | None = None) -> None:
        if text is None:
            parts = [self.engine_name or "no model"]
            if self._tps:
                parts.append(f"{self._tps:.0f} tok/s")
            if self.n_ctx and self._context_used:  # known once this conversation has a turn
                about = "~" if self._estimated else ""
                parts.append(f"context {about}{self._context_used}/{self.n_ctx}")
            parts.append("Enter send · Ctrl+J new line · Esc stop")
            text = " · ".join(parts)
        self.query_one("#chat-status", Static).update(Text(text))

    # -- conversations -------------------------------------------------------------------------

    def refresh_conversations(self) -> None:
        from companion.core.store.conversations import list_conversations

        rows = list_conversations(self.app.db)
        self.query_one(ConversationList).show(rows, self.conversation_id)

    def show_conversation(self, conversation_id: int | None) -> None:
        from companion.core.store.conversations import list_messages

        if conversation_id is None or conversation_id != self.conversation_id:
            # the figures belong to the conversation they were measured in
            self._context_used = 0
            self._tps = 0.0
            if not self.busy and self.engine_name and not self.engine_error:
                self._set_status()
        self.conversation_id = conversation_id
        if conversation_id is None:
            self.log_view.show(None)
            return
        self.log_view.show(list_messages(self.app.db, conversation_id))

    @on(ListView.Selected, "#chat-conversations")
    def _picked(self, event: ListView.Selected) -> None:
        item = event.item
        if not isinstance(item, ConversationItem) or item.conversation_id == self.conversation_id:
            return
        if self.busy:
            self.notify("Wait for the reply, or press Esc to stop it first.")
            return
        self.show_conversation(item.conversation_id)
        self.chat_input.focus()

    def action_new_conversation(self) -> None:
        if self.busy:
            self.notify("Wait for the reply, or press Esc to stop it first.")
            return
        self.show_conversation(None)
        self.refresh_conversations()
        self.chat_input.focus()

    def action_rename(self) -> None:
        from companion.core.store.conversations import get_conversation
        from companion.ui.tui.modals.chat_rename import RenameScreen

        if self.conversation_id is None:
            self.notify("There is no conversation to rename yet.")
            return
        conversation_id = self.conversation_id
        title = get_conversation(self.app.db, conversation_id).title

        def renamed(new_title: str | None) -> None:
            from companion.core.store.conversations import rename_conversation

            if new_title:
                rename_conversation(self.app.db, conversation_id, new_title)
                self.refresh_conversations()

        self.app.push_screen(RenameScreen(title), renamed)

    def action_delete(self) -> None:
        from companion.core.store.conversations import get_conversation
        from companion.ui.tui.modals.confirm import ConfirmScreen

        if self.conversation_id is None or self.busy:
            self.notify("There is no finished conversation to delete.")
            return
        conversation_id = self.conversation_id
        title = get_conversation(self.app.db, conversation_id).title

        def answered(yes: bool | None) -> None:
            from companion.core.llm.session import delete_state
            from companion.core.store.conversations import delete_conversation

            if yes:
                delete_conversation(self.app.db, conversation_id)
                delete_state(conversation_id)
                self.app.scrub_in_background()
                self.show_conversation(None)
                self.refresh_conversations()
                self.notify("Conversation deleted.")

        question = Text("Delete the conversation “")
        question.append(title)
        question.append("” and all its messages? This cannot be undone.")
        self.app.push_screen(ConfirmScreen(question), answered)

    def action_export_markdown(self) -> None:
        """Save the open conversation as Markdown, to a path the person can change (F5)."""
        from companion.core.store.markdown_export import conversation_markdown, default_path
        from companion.ui.tui.modals.save_markdown import SaveMarkdownScreen, saved_message

        if self.conversation_id is None:
            self.notify("There is no conversation to save yet.")
            return
        text = conversation_markdown(self.app.db, self.conversation_id)
        suggested = default_path(f"companion-chat-{self.conversation_id}")

        def done(path: Path | None) -> None:
            message = saved_message(path)
            if message:
                self.notify(message, markup=False)

        self.app.push_screen(SaveMarkdownScreen("this conversation", text, suggested), done)

    def action_personal_context(self) -> None:
        from companion.core.llm.context import get_personal_context, set_personal_context
        from companion.ui.tui.modals.chat_context import PersonalContextScreen

        db = self.app.db

        def saved(context: PersonalContext | None) -> None:
            if context is not None:
                set_personal_context(db, context)
                self._show_personal_context()
                self.notify("Saved. The model sees the change from your next message.")

        self.app.push_screen(PersonalContextScreen(get_personal_context(db), self._personal), saved)

    def action_copy_message(self) -> None:
        from companion.core.store.conversations import list_messages
        from companion.ui.tui.modals.chat_copy import Copyable, CopyScreen

        if self.conversation_id is None:
            self.notify("There is no message to copy yet.")
            return
        items = [
            Copyable(
                "You"
                if message.role == "user"
                else "Companion (app)"
                if message.meta.get("kind")
                else "Companion",
                message.content,
            )
            for message in list_messages(self.app.db, self.conversation_id)
        ]

        self.app.push_screen(CopyScreen(items), self._copy_picked)

    def _copy_picked(self, picked: CopyChoice | None) -> None:
        """Copy where it can really go, and say which; or save it to a file."""
        from companion.ui.tui.clipboard import OSC52_NOTE, copy_with_system_tool, save_to_file

        if picked is None:
            return
        if picked.save:
            target = save_to_file(picked.text, self.app.clock())
            self.notify(f"Saved the message to {target}", timeout=15)
            return
        tool = copy_with_system_tool(picked.text)
        if tool is not None:
            self.notify(f"Copied to the clipboard ({tool}).")
        else:
            self.app.copy_to_clipboard(picked.text)
            self.notify(f"{OSC52_NOTE} To save it to a file: ctrl+o, then s.", timeout=12)
