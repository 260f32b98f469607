"""The chat screen: conversations beside a streamed conversation with the local model.

The model loads and writes in thread workers (chat_work.py) that post messages here; the reply
arrives in batches of text the output guard has already read, into the free space below the
person's message (chat_log.py). Every message passes the safety hook in ``ChatSession.send``
before the model sees it. Conversations, their actions and the status line are in
chat_conversations.py.
"""

from __future__ import annotations

import threading
from typing import Any, ClassVar

from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, Static, TextArea

from companion.ui.tui.app import CompanionApp
from companion.ui.tui.screen_commands import ScreenActions
from companion.ui.tui.screens import chat_work
from companion.ui.tui.screens.chat_conversations import ChatConversations
from companion.ui.tui.screens.chat_work import (
    EngineFailed,
    EngineReady,
    ReplyChunk,
    SessionEvent,
    TurnFinished,
)
from companion.ui.tui.widgets.chat_input import ChatInput
from companion.ui.tui.widgets.chat_list import ConversationList
from companion.ui.tui.widgets.chat_log import ChatLog
from companion.ui.tui.widgets.chat_message import NoticeMessage, ReplyMessage, UserMessage
from companion.ui.tui.widgets.draft_saver import DraftSaver
from companion.ui.tui.widgets.footer import CompanionFooter
from companion.ui.tui.workers import ReportsFailedWorkers

__all__ = ["ChatScreen", "EngineFailed", "EngineReady", "ReplyChunk", "SessionEvent"]

COMPOSER_DRAFT = "chat:composer"  # the message being written, kept as the person types


class ChatScreen(ReportsFailedWorkers, ChatConversations):
    """Free chat with the local model, with a list of saved conversations."""

    app = getters.app(CompanionApp)

    CSS_PATH = "chat.tcss"
    BINDINGS = [
        Binding("escape", "stop_or_back", "Stop / back", id="chat_stop"),
        Binding("ctrl+n", "new_conversation", "New chat", id="chat_new"),
        Binding("ctrl+r", "regenerate", "Regenerate", id="chat_regenerate"),
        Binding("ctrl+o", "copy_message", "Copy", id="chat_copy"),
        Binding("f3", "rename", "Rename", id="chat_rename"),
        Binding("f8", "delete", "Delete chat", id="chat_delete"),
        Binding("f4", "personal_context", "What it knows", id="chat_context"),
        Binding("f6", "carry_on", "Carry on", id="chat_carry_on"),
        Binding("f5", "export_markdown", "Save as Markdown", id="chat_export_md", show=False),
    ]
    # the keys the chat names on screen (ctrl+n, ctrl+j, Esc, F4) first, in short at 80 columns;
    # Esc's short label says "Stop" while a reply is being written (_esc_says)
    FOOTER_LABELS: ClassVar[dict[str, str]] = {
        "chat_stop": "Back",
        "chat_new": "New",
        "chat_context": "Context",
    }
    FOOTER_FIRST = ("chat_newline", "chat_new", "chat_context")
    COMMANDS = {ScreenActions}
    PALETTE = [
        ("Save conversation as Markdown", "Write this chat to a .md file (F5)", "export_markdown"),
        ("Carry on chatting", "After a safety pause, carry on talking here (F6)", "carry_on"),
    ]

    def __init__(self, conversation_id: int | None = None) -> None:
        super().__init__(conversation_id)
        self._cancel: threading.Event | None = None
        self._reply: ReplyMessage | None = None
        self._user: UserMessage | None = None
        self._problem: str | None = None  # why a server's reply ended early
        self._started: Any = None
        self._break_shown = False
        self._composed = ""  # the message box's text as of its last change
        self.drafts = DraftSaver(self, self._save_composer)

    # -- layout ---------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="chat-layout"):
            with Vertical(id="chat-sidebar"):
                yield Static("Conversations (Ctrl+N new)", id="chat-sidebar-title")
                yield ConversationList(id="chat-conversations")
            with Vertical(id="chat-main"):
                yield Static(id="chat-context", markup=False)
                yield ChatLog(id="chat-log")
                yield ChatInput(id="chat-input", soft_wrap=True, show_line_numbers=False)
                yield Static(id="chat-status", markup=False)
        yield CompanionFooter(labels=self.FOOTER_LABELS, first=self.FOOTER_FIRST)

    def on_mount(self) -> None:
        from companion.core.store.conversations import list_conversations

        self._started = self.app.clock()
        self._show_personal_context()
        if self.conversation_id is None:
            latest = list_conversations(self.app.db, limit=1)
            self.conversation_id = latest[0].id if latest else None
        self.refresh_conversations()
        self.show_conversation(self.conversation_id)
        self.log_view.anchor()
        from companion.core.store import drafts

        unsent = drafts.load_draft(self.app.db, COMPOSER_DRAFT)
        if unsent:
            self.chat_input.load_text(unsent)
            self.chat_input.move_cursor(self.chat_input.document.end)
        self.chat_input.focus()
        self._set_status("Loading the model...")
        self.load_model()

    # -- the message being written is a draft (a kill loses at most its last second) -----------

    @on(TextArea.Changed, "#chat-input")
    def _composer_changed(self, event: TextArea.Changed) -> None:
        if self.busy and not event.text_area.text:
            return  # cleared by sending: the draft stays until the message is stored
        self._composed = event.text_area.text
        self.drafts.changed()

    def _save_composer(self) -> None:
        from companion.core.store import drafts

        drafts.save_draft(self.app.db, COMPOSER_DRAFT, self._composed)

    def on_unmount(self) -> None:
        self.drafts.flush()

    def _maybe_suggest_break(self) -> None:
        from companion.core.safety.disclosure import BREAK_MESSAGE, break_due

        minutes = self.app.settings.chat_break_minutes
        if self._break_shown or not minutes or self._started is None:
            return
        if break_due(self._started, self.app.clock(), minutes):
            self._break_shown = True
            self.log_view.mount(NoticeMessage(BREAK_MESSAGE, "break"))

    # -- sending --------------------------------------------------------------------------------

    @on(ChatInput.Submitted)
    def _submitted(self, event: ChatInput.Submitted) -> None:
        text = event.text
        if not text.strip():
            self.notify("Write a message first.")
            return
        if self.busy:
            self.notify("Wait for the reply, or press Esc to stop it first.")
            return
        self.chat_input.clear()
        self._composed = text  # kept as a draft until the worker has stored the message
        self.drafts.flush()
        self._user = self.log_view.add_user(text)
        self._start_turn(text)

    def action_regenerate(self) -> None:
        if self.busy:
            return
        last = self.log_view.last_reply()
        if last is None:
            self.notify("There is no model reply to write again.")
            return
        last.remove()
        self._start_turn(None)

    def _start_turn(self, text: str | None) -> None:
        self.busy = True
        # a blink repaints the input, work taken from the model: the cursor stays steady instead
        self.chat_input.cursor_blink = False
        self.chat_input.refresh()  # (Textual does not repaint for the change)
        self._cancel = threading.Event()
        self._set_status("Thinking... (Esc stops)")
        self._esc_says("Stop")
        self.reply_worker(text, self.conversation_id, self._cancel, self._personal)

    def _esc_says(self, label: str) -> None:
        self.query_one(CompanionFooter).relabel("chat_stop", label)

    def action_stop_or_back(self) -> None:
        if self.busy and self._cancel is not None:
            self._cancel.set()
            self._set_status("Stopping...")
            return
        self.app.pop_screen()

    @on(Button.Pressed, "#chat-carry-on")
    async def _carry_on_pressed(self) -> None:
        await self.action_carry_on()

    async def action_carry_on(self) -> None:
        """The person chooses to carry on after a crisis turn (see docs/SAFETY.md)."""
        from companion.core.llm.session import ChatSession

        if self.busy or self.conversation_id is None:
            return
        db = self.app.db
        notice = ChatSession(db, None, self.conversation_id, personal="").carry_on()
        if notice is None:
            self.notify("The chat is open: write whenever you like.")
            return
        await self.log_view.notice(notice.text, notice.kind, notice.message.id)
        self.chat_input.focus()

    # -- workers (threads: they never touch widgets, they post messages; see chat_work.py) -------

    @work(thread=True, exclusive=True, group="chat-load", exit_on_error=False)
    def load_model(self) -> None:
        chat_work.load(self, self.app)

    @work(thread=True, exclusive=True, group="chat-reply", exit_on_error=False)
    def reply_worker(
        self,
        text: str | None,
        conversation_id: int | None,
        cancel: threading.Event,
        personal: str,
    ) -> None:
        chat_work.reply(self, self.app, text, conversation_id, cancel, personal)

    # -- messages from the workers --------------------------------------------------------------

    def on_engine_ready(self, message: EngineReady) -> None:
        self.engine_name, self.n_ctx = message.name, message.n_ctx
        self.engine_error = None
        if message.notice:
            self.notify(message.notice, title="About this model", timeout=15)
        if not self.busy:
            self._set_status()

    def on_engine_failed(self, message: EngineFailed) -> None:
        self.engine_error = message.reason
        self._set_status(message.reason)

    async def on_reply_chunk(self, message: ReplyChunk) -> None:
        if self._reply is not None:
            self._reply.append(message.text)

    async def on_session_event(self, message: SessionEvent) -> None:
        from companion.core.llm.remote import TOKENS_ESTIMATED, interruption
        from companion.core.llm.session import (
            ReplyDone,
            ReplyReplaced,
            ReplyStarted,
            SafetyNotice,
            Summarising,
            UserSaved,
        )

        event = message.event
        if isinstance(event, UserSaved):
            if self._user is not None:
                self._user.message_id = event.message.id
            if self.conversation_id != event.message.conversation_id:
                self.conversation_id = event.message.conversation_id
                self.refresh_conversations()
        elif isinstance(event, Summarising):
            self._set_status("Summarising older messages so the conversation fits...")
        elif isinstance(event, ReplyStarted):
            self._context_used = event.prompt_tokens
            self.n_ctx = event.n_ctx
            self._reply = await self.log_view.start_reply(self._user)
            self._set_status("Writing... (Esc stops)")
        elif isinstance(event, ReplyReplaced):
            if self._reply is not None:
                self._reply.replace(event.text)
        elif isinstance(event, ReplyDone):
            if self._reply is not None:
                await self.log_view.finish_reply(self._reply, event.message)
                self._reply = None
            self._tps = event.stats.gen_tps
            self._context_used = event.stats.prompt_tokens + event.stats.completion_tokens
            self._estimated = bool(event.stats.extra.get(TOKENS_ESTIMATED))
            self._problem = interruption(event.stats)
            if self._problem is not None:
                await self.log_view.notice(self._problem, "error")
        elif isinstance(event, SafetyNotice):
            await self.log_view.notice(
                event.text, event.kind, event.message.id, carry_on=event.offers_carry_on
            )
            if event.open_help_now:
                self.app.action_help_now(detected=True)

    async def on_turn_finished(self, message: TurnFinished) -> None:
        # the finished reply gives back the rows it kept while streaming, so no band of blank
        # rows stays under a short reply: earlier messages fill the view above it instead
        self.log_view.release_reserved()
        self.log_view.scroll_end(animate=False)
        self._reply = None
        self._user = None
        self.busy = False
        self._esc_says("Back")
        if not self.chat_input.text:  # the message sent is stored now: drop its draft
            self._composed = ""
            self.drafts.changed()
        self.chat_input.cursor_blink = True
        self._cancel = None
        if message.conversation_id is not None and message.conversation_id != self.conversation_id:
            self.conversation_id = message.conversation_id
        self.refresh_conversations()
        await self.log_view.trim()
        if message.error:
            await self.log_view.notice(message.error, "error")
            self._set_status(message.error)
        elif self._problem is not None:  # already shown in the log by on_session_event
            self._set_status(self._problem)
            self._problem = None
        else:
            self._set_status()
            self._maybe_suggest_break()
