"""The chat screen: conversations beside a streamed conversation with the local model.

The model loads and writes in thread workers; the worker batches reply pieces and posts them
every 250 ms (``ReplyChunk``). The reply is given the free space below the person's message and
repaints only the lines a batch changed (plain text, Markdown once finished), so the interface
does no per-token work and, while the reply fits, no layout. Every message passes the safety
hook in ``ChatSession.send`` before the model sees it.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.text import Text
from textual import getters, on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Header, ListView, Static, TextArea

from companion.llm.context import PersonalContext
from companion.tui.app import CompanionApp
from companion.tui.modals.chat_copy import CopyChoice
from companion.tui.screen_commands import ScreenActions
from companion.tui.widgets.chat_input import ChatInput
from companion.tui.widgets.chat_list import ConversationItem, ConversationList
from companion.tui.widgets.chat_message import (
    NoticeMessage,
    ReplyMessage,
    StoredReply,
    UserMessage,
    widget_for,
)
from companion.tui.widgets.draft_saver import DraftSaver
from companion.tui.widgets.footer import CompanionFooter
from companion.tui.workers import ReportsFailedWorkers

# Reply text reaches the screen in batches this often. Each batch is work on the UI thread, which
# competes with llama.cpp's threads for this machine's two cores. With the repaint limited to the
# changed lines (see ReplyMessage) bench/chat.py's ui_cpu_share_median fell from 7.5% to about
# 5% of a core at 0.25 s; during streaming alone it was 3.5% at 0.25 s and 4.8% at 0.1 s.
FLUSH_SECONDS = 0.25
# Messages kept on screen: older ones stay stored (and searchable) but are not laid out again
# on every streamed update.
MAX_SHOWN = 60


@dataclass
class EngineReady(Message):
    """The model finished loading."""

    name: str
    n_ctx: int
    notice: str = ""  # one line when the model did not pass the chat checks (fitness.py)


@dataclass
class EngineFailed(Message):
    """The model could not load; ``reason`` is one sentence."""

    reason: str


@dataclass
class ReplyChunk(Message):
    """Reply text written since the last chunk (about FLUSH_SECONDS of tokens)."""

    text: str


@dataclass
class SessionEvent(Message):
    """An event from ``ChatSession`` (UserSaved, ReplyStarted, ReplyDone, SafetyNotice...)."""

    event: Any


@dataclass
class TurnFinished(Message):
    """The worker is done with a turn; ``error`` is a sentence when it failed."""

    conversation_id: int | None
    error: str | None = None


COMPOSER_DRAFT = "chat:composer"  # the message being written, kept as the person types


class ChatScreen(ReportsFailedWorkers, Screen[None]):
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
    COMMANDS = {ScreenActions}
    PALETTE = [
        ("Save conversation as Markdown", "Write this chat to a .md file (F5)", "export_markdown"),
        ("Carry on chatting", "After a safety pause, carry on talking here (F6)", "carry_on"),
    ]

    def __init__(self, conversation_id: int | None = None) -> None:
        super().__init__()
        self.conversation_id: int | None = conversation_id
        self.busy = False
        self.engine_name: str | None = None
        self.engine_error: str | None = None
        self.n_ctx = 0
        self._cancel: threading.Event | None = None
        self._reply: ReplyMessage | None = None
        self._user: UserMessage | None = None
        self._restored: set[int] = set()
        self._personal: str = ""
        self._context_used = 0
        self._tps = 0.0
        self._estimated = False  # token counts from a model server without usage figures
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
                yield VerticalScroll(id="chat-log")
                yield ChatInput(id="chat-input", soft_wrap=True, show_line_numbers=False)
                yield Static(id="chat-status", markup=False)
        yield CompanionFooter()

    @property
    def log_view(self) -> VerticalScroll:
        return self.query_one("#chat-log", VerticalScroll)

    @property
    def chat_input(self) -> ChatInput:
        return self.query_one("#chat-input", ChatInput)

    def on_mount(self) -> None:
        from companion.store.conversations import list_conversations

        self._started = self.app.clock()
        self._show_personal_context()
        if self.conversation_id is None:
            latest = list_conversations(self.app.db, limit=1)
            self.conversation_id = latest[0].id if latest else None
        self.refresh_conversations()
        self.show_conversation(self.conversation_id)
        self.log_view.anchor()
        from companion.store import drafts

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
        from companion.store import drafts

        drafts.save_draft(self.app.db, COMPOSER_DRAFT, self._composed)

    def on_unmount(self) -> None:
        self.drafts.flush()

    def _show_personal_context(self) -> None:
        from companion.llm.context import personal_context_text

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

    def action_export_markdown(self) -> None:
        """Save the open conversation as Markdown, to a path the person can change (F5)."""
        from companion.store.markdown_export import conversation_markdown, default_path
        from companion.tui.modals.save_markdown import SaveMarkdownScreen, saved_message

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
        from companion.llm.context import get_personal_context, set_personal_context
        from companion.tui.modals.chat_context import PersonalContextScreen

        db = self.app.db

        def saved(context: PersonalContext | None) -> None:
            if context is not None:
                set_personal_context(db, context)
                self._show_personal_context()
                self.notify("Saved. The model sees the change from your next message.")

        self.app.push_screen(PersonalContextScreen(get_personal_context(db), self._personal), saved)

    def _maybe_suggest_break(self) -> None:
        from companion.safety.disclosure import BREAK_MESSAGE, break_due

        minutes = self.app.settings.chat_break_minutes
        if self._break_shown or not minutes or self._started is None:
            return
        if break_due(self._started, self.app.clock(), minutes):
            self._break_shown = True
            self.log_view.mount(NoticeMessage(BREAK_MESSAGE, "break"))

    # -- status ---------------------------------------------------------------------------------

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

    # -- conversations --------------------------------------------------------------------------

    def refresh_conversations(self) -> None:
        from companion.store.conversations import list_conversations

        rows = list_conversations(self.app.db)
        self.query_one(ConversationList).show(rows, self.conversation_id)

    def show_conversation(self, conversation_id: int | None) -> None:
        from companion.store.conversations import list_messages

        if conversation_id is None or conversation_id != self.conversation_id:
            # the figures belong to the conversation they were measured in
            self._context_used = 0
            self._tps = 0.0
            if not self.busy and self.engine_name and not self.engine_error:
                self._set_status()
        self.conversation_id = conversation_id
        log = self.log_view
        log.remove_children()
        if conversation_id is None:
            log.mount(
                Static(
                    Text("Start by writing what is on your mind. Esc stops a reply."),
                    classes="chat-hint",
                )
            )
            return
        messages = list_messages(self.app.db, conversation_id)
        hidden = max(0, len(messages) - MAX_SHOWN)
        if hidden:
            log.mount(
                Static(Text(f"({hidden} earlier messages are not shown.)"), classes="chat-hint")
            )
        log.mount_all([widget_for(message) for message in messages[hidden:]])
        log.scroll_end(animate=False)

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
        from companion.store.conversations import get_conversation
        from companion.tui.modals.chat_rename import RenameScreen

        if self.conversation_id is None:
            self.notify("There is no conversation to rename yet.")
            return
        conversation_id = self.conversation_id
        title = get_conversation(self.app.db, conversation_id).title

        def renamed(new_title: str | None) -> None:
            from companion.store.conversations import rename_conversation

            if new_title:
                rename_conversation(self.app.db, conversation_id, new_title)
                self.refresh_conversations()

        self.app.push_screen(RenameScreen(title), renamed)

    def action_delete(self) -> None:
        from companion.store.conversations import get_conversation
        from companion.tui.modals.confirm import ConfirmScreen

        if self.conversation_id is None or self.busy:
            self.notify("There is no finished conversation to delete.")
            return
        conversation_id = self.conversation_id
        title = get_conversation(self.app.db, conversation_id).title

        def answered(yes: bool | None) -> None:
            from companion.llm.session import delete_state
            from companion.store.conversations import delete_conversation

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
        self.log_view.query(".chat-hint").remove()
        self._release_reserved()
        self._user = UserMessage(text)
        self.log_view.mount(self._user)
        self.log_view.scroll_end(animate=False)
        self._start_turn(text)

    def _free_lines(self) -> int:
        """Lines of the chat log left below the person's latest message: the streamed reply
        is given them up front (see ReplyMessage)."""
        log = self.log_view
        height = log.scrollable_content_region.height
        last = self._user or (log.children[-1] if log.children else None)
        used = last.outer_size.height + last.styles.margin.top if last is not None else 0
        return max(0, height - used - 1)  # 1: the reply's own top margin

    def _release_reserved(self) -> None:
        """The previous reply gives back the space it kept (a new turn starts below it)."""
        for reply in self.log_view.query(StoredReply):
            if reply.styles.min_height is not None:
                reply.styles.min_height = None

    def _replies(self) -> list[StoredReply | ReplyMessage]:
        return [w for w in self.log_view.children if isinstance(w, StoredReply | ReplyMessage)]

    def action_regenerate(self) -> None:
        if self.busy:
            return
        replies = self._replies()
        children = list(self.log_view.children)
        if not replies or not children or children[-1] is not replies[-1]:
            self.notify("There is no model reply to write again.")
            return
        replies[-1].remove()
        self._start_turn(None)

    def _start_turn(self, text: str | None) -> None:
        self.busy = True
        # a blink repaints the input, work taken from the model: the cursor stays steady instead
        self.chat_input.cursor_blink = False
        self.chat_input.refresh()  # (Textual does not repaint for the change)
        self._cancel = threading.Event()
        self._set_status("Thinking... (Esc stops)")
        self.reply_worker(text, self.conversation_id, self._cancel)

    def action_stop_or_back(self) -> None:
        if self.busy and self._cancel is not None:
            self._cancel.set()
            self._set_status("Stopping...")
            return
        self.app.pop_screen()

    def action_copy_message(self) -> None:
        from companion.store.conversations import list_messages
        from companion.tui.modals.chat_copy import Copyable, CopyScreen

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
        from companion.tui.clipboard import OSC52_NOTE, copy_with_system_tool, save_to_file

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

    @on(Button.Pressed, "#chat-carry-on")
    def _carry_on_pressed(self) -> None:
        self.action_carry_on()

    def action_carry_on(self) -> None:
        """The person chooses to carry on after a crisis turn (see docs/SAFETY.md)."""
        from companion.llm.session import ChatSession

        if self.busy or self.conversation_id is None:
            return
        db = self.app.db
        notice = ChatSession(db, None, self.conversation_id, personal="").carry_on()
        if notice is None:
            self.notify("The chat is open: write whenever you like.")
            return
        self.log_view.query("#chat-carry-on").remove()
        self.log_view.mount(NoticeMessage(notice.text, notice.kind, notice.message.id))
        self.log_view.scroll_end(animate=False)
        self.chat_input.focus()

    # -- workers (threads: they never touch widgets, they post messages) --------------------------

    @work(thread=True, exclusive=True, group="chat-load", exit_on_error=False)
    def load_model(self) -> None:
        from companion.llm import ModelUnavailable
        from companion.tui.model_loader import LoadAbandoned, engine_for

        try:
            engine = engine_for(self.app.settings)
        except LoadAbandoned:
            return
        except ModelUnavailable as error:
            self.post_message(EngineFailed(str(error)))
            return
        self.post_message(EngineReady(engine.name, engine.n_ctx, _chat_notice(self.app, engine)))
        from companion.llm.context import system_text
        from companion.llm.prefix import ensure_prefix

        # read the system prompt now, once per model and prompt (kept on disk after the first
        # time), so the first reply starts as fast as a follow-up
        chat = [
            {"role": "system", "content": system_text("", "")},
            {"role": "user", "content": "."},
        ]
        # in a daemon thread, like the load itself (model_loader.py): quitting never waits for it;
        # a model server keeps its own prompt cache, so only the in-process engine needs this
        from companion.llm.engine import Engine

        if isinstance(engine, Engine):
            threading.Thread(target=ensure_prefix, args=(engine, chat), daemon=True).start()

    @work(thread=True, exclusive=True, group="chat-reply", exit_on_error=False)
    def reply_worker(
        self, text: str | None, conversation_id: int | None, cancel: threading.Event
    ) -> None:
        from companion.llm import ModelUnavailable
        from companion.llm.session import (
            ChatSession,
            NothingToRegenerate,
            ReplyPiece,
            SessionOptions,
        )
        from companion.tui.model_loader import engine_for

        settings = self.app.settings
        db = self.app.open_worker_db()
        session: ChatSession | None = None
        error: str | None = None
        try:
            try:
                engine = engine_for(settings)
            except ModelUnavailable:
                engine = None  # messages are still screened and kept; the reply explains
            session = ChatSession(
                db,
                engine,
                conversation_id,
                options=SessionOptions.from_settings(settings),
                personal=self._personal,
            )
            if conversation_id is not None and conversation_id not in self._restored:
                self._restored.add(conversation_id)
                session.restore_state()
            events = (
                session.send(text, cancel=cancel)
                if text is not None
                else session.regenerate(cancel=cancel)
            )
            pending: list[str] = []
            last = time.monotonic()
            for event in events:
                if isinstance(event, ReplyPiece):
                    pending.append(event.text)
                    now = time.monotonic()
                    if now - last >= FLUSH_SECONDS:
                        self.post_message(ReplyChunk("".join(pending)))
                        pending.clear()
                        last = now
                    continue
                if pending:
                    self.post_message(ReplyChunk("".join(pending)))
                    pending.clear()
                self.post_message(SessionEvent(event))
            if engine is not None:
                session.save_state()
        except (ModelUnavailable, NothingToRegenerate) as failure:
            error = str(failure)
        except Exception as failure:  # shown as a sentence, never a crash of the screen
            error = f"The reply failed ({type(failure).__name__}: {failure})."
        finally:
            db.close()
            finished = session.conversation_id if session is not None else conversation_id
            self.post_message(TurnFinished(finished, error))

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
        if self._reply is None:
            return
        self._reply.append(message.text)

    async def on_session_event(self, message: SessionEvent) -> None:
        from companion.llm.remote import TOKENS_ESTIMATED, interruption
        from companion.llm.session import (
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
            self._reply = ReplyMessage(self._free_lines())
            await self.log_view.mount(self._reply)
            self.log_view.scroll_end(animate=False)
            self._set_status("Writing... (Esc stops)")
        elif isinstance(event, ReplyReplaced):
            if self._reply is not None:
                self._reply.replace(event.text)
        elif isinstance(event, ReplyDone):
            reply = self._reply
            if reply is not None:
                # the finished reply becomes one light widget (see chat_message.py)
                if event.message is not None:
                    stored = event.message
                    await self.log_view.mount(
                        StoredReply(
                            stored.content, stored.id, stored.status, reserve=reply.reserve
                        ),
                        after=reply,
                    )
                await reply.remove()
                self._reply = None
            self._tps = event.stats.gen_tps
            self._context_used = event.stats.prompt_tokens + event.stats.completion_tokens
            self._estimated = bool(event.stats.extra.get(TOKENS_ESTIMATED))
            self._problem = interruption(event.stats)
            if self._problem is not None:
                await self.log_view.mount(NoticeMessage(self._problem, "error"))
        elif isinstance(event, SafetyNotice):
            await self.log_view.query("#chat-carry-on").remove()
            await self.log_view.mount(NoticeMessage(event.text, event.kind, event.message.id))
            if event.offers_carry_on:
                await self.log_view.mount(
                    Button("Carry on chatting (F6)", id="chat-carry-on", classes="chat-carry-on")
                )
            self.log_view.scroll_end(animate=False)
            if event.open_help_now:
                self.app.action_help_now(detected=True)

    async def on_turn_finished(self, message: TurnFinished) -> None:
        # the finished reply gives back the rows it kept while streaming, so no band of blank
        # rows stays under a short reply: earlier messages fill the view above it instead
        self._release_reserved()
        self.log_view.scroll_end(animate=False)
        self._reply = None
        self._user = None
        self.busy = False
        if not self.chat_input.text:  # the message sent is stored now: drop its draft
            self._composed = ""
            self.drafts.changed()
        self.chat_input.cursor_blink = True
        self._cancel = None
        if message.conversation_id is not None:  # its KV cache is in the engine now
            self._restored.add(message.conversation_id)
        if message.conversation_id is not None and message.conversation_id != self.conversation_id:
            self.conversation_id = message.conversation_id
        self.refresh_conversations()
        extra = len(self.log_view.children) - MAX_SHOWN
        if extra > 0:
            await self.log_view.remove_children(list(self.log_view.children)[:extra])
        if message.error:
            await self.log_view.mount(NoticeMessage(message.error, "error"))
            self._set_status(message.error)
        elif self._problem is not None:  # already shown in the log by on_session_event
            self._set_status(self._problem)
            self._problem = None
        else:
            self._set_status()
            self._maybe_suggest_break()


def _chat_notice(app: CompanionApp, engine: Any) -> str:
    """The fitness line for chat with ``engine`` ("" when it passed; see fitness.py)."""
    from pathlib import Path

    from companion.llm.fitness import feature_gate

    with app.worker_db() as db:
        gate = feature_gate(db, Path(engine.ref.path), "chat", engine.name)
    return "" if gate.allowed else gate.notice
