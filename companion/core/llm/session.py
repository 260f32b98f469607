"""A chat conversation with the local model, headless: safety screening, context budget,
summaries of older turns, streaming, stopping, persistence and resume.

``ChatSession.send(text)`` is a generator of small event dataclasses; the CLI prints them and the
TUI worker forwards them in batches. Run it in one thread with a Database opened in that thread.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from companion.core.config import Settings
from companion.core.llm import states
from companion.core.llm.backend import ChatBackend, GenerationStats
from companion.core.llm.chat_events import (
    ChatEvent,
    EmptyMessage,
    NothingToRegenerate,
    ReplyDone,
    ReplyPiece,
    ReplyReplaced,
    ReplyStarted,
    SafetyNotice,
    Summarising,
    UserSaved,
)
from companion.core.llm.context import Budget, clip, model_turns, personal_context_text, system_text
from companion.core.llm.decoding import Decoding, chat_decoding
from companion.core.llm.guarded import GuardedReply
from companion.core.llm.prompts import render_prompt
from companion.core.llm.states import KEEP_STATES
from companion.core.llm.states import delete as delete_state
from companion.core.llm.states import prune as prune_states
from companion.core.llm.summary import SUMMARY_TOKENS, extractive_summary, usable_summary
from companion.core.safety.compose import TUI, Surface, carried_on_text, render
from companion.core.safety.conversation import RiskState
from companion.core.safety.flow import Author, SafetyDecision, Source, respond
from companion.core.store import conversations as store
from companion.core.store.conversations import Message

__all__ = [
    "KEEP_STATES",
    "ChatEvent",
    "ChatSession",
    "EmptyMessage",
    "NothingToRegenerate",
    "ReplyDone",
    "ReplyPiece",
    "ReplyReplaced",
    "ReplyStarted",
    "SafetyNotice",
    "SessionOptions",
    "Summarising",
    "UserSaved",
    "delete_state",
    "extractive_summary",
    "prune_states",
    "usable_summary",
]

TITLE_CHARS = 48


@dataclass
class SessionOptions:
    temperature: float = 0.7
    max_reply_tokens: int = 400
    seed: int | None = None
    guard_every: int = 8  # check the accumulated reply every this many pieces
    summary_tokens: int = SUMMARY_TOKENS  # the longest summary of older turns
    extra: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_settings(cls, settings: Settings) -> SessionOptions:
        return cls(temperature=settings.temperature, max_reply_tokens=settings.max_reply_tokens)


class ChatSession:
    """One conversation with one engine. ``conversation_id=None`` starts a new conversation at
    the first message."""

    def __init__(
        self,
        db: Database,
        engine: ChatBackend | None,
        conversation_id: int | None = None,
        *,
        options: SessionOptions | None = None,
        personal: str | None = None,
        surface: Surface = TUI,
    ) -> None:
        self.db = db
        self.surface = surface
        self._engine = engine
        self.conversation_id = conversation_id
        self.options = options or SessionOptions()
        if conversation_id is not None:
            store.get_conversation(db, conversation_id)  # KeyError with a sentence if missing
        # Fixed for the session so the system message stays byte-stable between turns. The front
        # ends pass ``flows.chat_context.personal_context_text(db)`` (with the mood line, which
        # insights words a layer up); None means the goals and notes only.
        self.personal = personal_context_text(db) if personal is None else personal
        self.last_prompt_tokens = 0
        self._token_cache: dict[tuple[int, int], str] = {}

    @property
    def engine(self) -> ChatBackend:
        """The model; ModelUnavailable (one sentence) when the session has none."""
        if self._engine is None:
            from companion.core.llm.errors import NO_MODEL_HINT, ModelUnavailable

            raise ModelUnavailable(NO_MODEL_HINT)
        return self._engine

    # -- reading ------------------------------------------------------------------------------

    def messages(self) -> list[Message]:
        if self.conversation_id is None:
            return []
        return store.list_messages(self.db, self.conversation_id)

    def budget(self) -> Budget:
        reply = min(self.options.max_reply_tokens, self.engine.n_ctx // 4)
        return Budget(n_ctx=self.engine.n_ctx, reply_tokens=reply)

    # -- the prompt ---------------------------------------------------------------------------

    def _clipped(self, message: Message, cap: int) -> str:
        key = (message.id, cap)
        if key not in self._token_cache:
            self._token_cache[key] = clip(message.content, cap, self.engine.count_tokens)
        return self._token_cache[key]

    def _render(self, summary: str, turns: list[Message], cap: int) -> list[dict[str, str]]:
        chat = [{"role": "system", "content": system_text(self.personal, summary)}]
        chat += [{"role": m.role, "content": self._clipped(m, cap)} for m in turns]
        return chat

    def _pending(self) -> tuple[str, list[Message]]:
        assert self.conversation_id is not None
        conversation = store.get_conversation(self.db, self.conversation_id)
        history = [m for m in self.messages() if m.id > conversation.summary_upto]
        return conversation.summary, model_turns(history)

    def needs_summary(self) -> bool:
        summary, turns = self._pending()
        budget = self.budget()
        chat = self._render(summary, turns, budget.message_cap())
        return len(turns) > 1 and self.engine.count_message_tokens(chat) > budget.prompt_limit

    def fold_history(self) -> None:
        """Fold the oldest turns into the summary so the rest fit in half the prompt budget
        (folding well below the limit makes it rare, which keeps the prefix stable)."""
        assert self.conversation_id is not None
        summary, turns = self._pending()
        budget = self.budget()
        cap = budget.message_cap()
        target = budget.prompt_limit // 2
        keep = list(turns)
        folded: list[Message] = []
        fixed = self.engine.count_message_tokens(self._render(summary, [], cap))
        sizes = {m.id: self.engine.count_tokens(self._clipped(m, cap)) + 6 for m in keep}
        while len(keep) > 1 and fixed + sum(sizes[m.id] for m in keep) > target:
            folded.append(keep.pop(0))
        while len(keep) > 1 and keep[0].role != "user":  # start the kept turns with the person
            folded.append(keep.pop(0))
        if not folded:
            return
        new_summary = self._summarise(summary, folded, cap)
        store.set_summary(self.db, self.conversation_id, new_summary, folded[-1].id)

    def _summarise(self, previous: str, folded: list[Message], cap: int) -> str:
        lines = [
            f"{'Person' if m.role == 'user' else 'Companion'}: {self._clipped(m, cap)}"
            for m in folded
        ]
        frame = render_prompt("summarise", previous_summary=previous or "(none)", transcript="")
        limit = self.options.summary_tokens
        room = self.engine.n_ctx - limit - self.engine.count_tokens(frame) - 32
        transcript = clip("\n".join(lines), room, self.engine.count_tokens)
        prompt = render_prompt(
            "summarise", previous_summary=previous or "(none)", transcript=transcript
        )
        text = self.engine.complete(
            [{"role": "user", "content": prompt}], max_tokens=limit, temperature=0.0
        )
        if not usable_summary(text, self.engine.count_tokens, limit):
            text = extractive_summary(previous, folded)
        return clip(text, limit + 50, self.engine.count_tokens)

    def build_prompt(self) -> list[dict[str, str]]:
        """The messages for the next reply, folding old turns into the summary when needed."""
        if self.needs_summary():
            self.fold_history()
        summary, turns = self._pending()
        budget = self.budget()
        cap = budget.message_cap()
        chat = self._render(summary, turns, cap)
        tokens = self.engine.count_message_tokens(chat)
        while tokens > budget.prompt_limit and len(turns) > 1:  # last resort: drop, never fail
            turns = turns[1:]
            chat = self._render(summary, turns, cap)
            tokens = self.engine.count_message_tokens(chat)
        self.last_prompt_tokens = tokens
        return chat

    # -- sending ------------------------------------------------------------------------------

    def _ensure_conversation(self, first_text: str) -> int:
        if self.conversation_id is None:
            title = " ".join(first_text.split())[:TITLE_CHARS] or "New conversation"
            model = self._engine.name if self._engine is not None else None
            conversation = store.create_conversation(self.db, title, model=model)
            self.conversation_id = conversation.id
        return self.conversation_id

    def risk_state(self) -> RiskState:
        """The conversation's risk state, stored with its newest message that has one."""
        for message in reversed(self.messages()):
            if "risk" in message.meta:
                return RiskState.from_dict(message.meta["risk"])
        return RiskState()

    def _notice(self, decision: SafetyDecision) -> SafetyNotice:
        assert self.conversation_id is not None and decision.reply is not None
        text = render(decision, self.surface, db=self.db, conversation=self.conversation_id)
        meta: dict[str, Any] = {"kind": str(decision.reply), "author": str(Author.SCRIPTED)}
        if decision.assessment.flagged:
            meta["safety"] = str(decision.level)
        if decision.state is not None:
            meta["risk"] = decision.state.to_dict()
        saved = store.add_message(self.db, self.conversation_id, "assistant", text, meta=meta)
        return SafetyNotice(
            str(decision.reply), text, saved, decision.open_help_now, decision.offers_carry_on
        )

    def send(self, text: str, *, cancel: threading.Event | None = None) -> Iterator[ChatEvent]:
        """Screen and store ``text`` through the safety flow; then either the scripted reply it
        calls for, or the model's reply, streamed, guarded and stored (see the event classes)."""
        if not text or not text.strip():
            raise EmptyMessage("Write a message first.")
        conversation_id = self._ensure_conversation(text)
        decision = respond(self.db, text, Source.CHAT, self.risk_state())
        assessment = decision.assessment
        meta: dict[str, Any] = {"risk": decision.state.to_dict() if decision.state else {}}
        if assessment.flagged:
            meta.update(safety=str(assessment.level), reasons=list(assessment.reasons))
            meta.update(category=str(assessment.category or ""), layer=str(assessment.layer or ""))
        if not decision.model_may_answer:
            meta["scripted"] = True
        user = store.add_message(self.db, conversation_id, "user", text, meta=meta)
        yield UserSaved(user, decision)
        if not decision.model_may_answer:  # the model never sees this turn
            yield self._notice(decision)
            return
        yield from self._generate(cancel)

    def carry_on(self) -> SafetyNotice | None:
        """The person chose to carry on talking after a crisis turn. The model answers again
        from the next message that carries no risk. None when replies are not suspended."""
        state = self.risk_state()
        if self.conversation_id is None or not state.suspended:
            return None
        text = carried_on_text(self.surface)
        meta = {
            "kind": "carried_on",
            "author": str(Author.SCRIPTED),
            "risk": state.carried_on().to_dict(),
        }
        saved = store.add_message(self.db, self.conversation_id, "assistant", text, meta=meta)
        return SafetyNotice("carried_on", text, saved)

    def regenerate(self, *, cancel: threading.Event | None = None) -> Iterator[ChatEvent]:
        """Delete the last model reply and write it again."""
        history = self.messages()
        if not history or history[-1].role != "assistant" or history[-1].meta.get("kind"):
            raise NothingToRegenerate("There is no reply from the model to write again.")
        store.delete_message(self.db, history[-1].id)
        yield from self._generate(cancel)

    def _generate(self, cancel: threading.Event | None) -> Iterator[ChatEvent]:
        """The model's reply: the system prompt's state first (prefix.py), then the stream,
        released only as far as the output guard has read it (guarded.py), then stored."""
        from companion.core.safety import SAFE_REPLACEMENT

        assert self.conversation_id is not None
        if self.needs_summary():
            yield Summarising()
            self.fold_history()
        chat = self.build_prompt()
        started = time.perf_counter()
        engine = self.engine
        prefix = engine.ensure_prefix(chat)
        preparing = time.perf_counter() - started  # counted in the time to the first token
        yield ReplyStarted(self.last_prompt_tokens, engine.n_ctx)
        stats = GenerationStats(extra={"prefix": prefix})
        decoding = self.decoding()
        stream = engine.stream_chat(
            chat,
            max_tokens=min(self.budget().reply_tokens, decoding.max_tokens),
            temperature=self.options.temperature,
            seed=self.options.seed,
            cancel=cancel,
            stats=stats,
            decoding=decoding,
        )
        guarded = GuardedReply(self.options.guard_every)
        try:
            for piece in stream:
                released = guarded.add(piece)
                if released:
                    yield ReplyPiece(released)
                if guarded.reason is not None:
                    break
        except GeneratorExit:
            # The consumer went away (Ctrl-C, screen closed): keep the partial reply.
            stream.close()
            stats.stopped = True
            guarded.check(guarded.text)
            self._store_reply(guarded.text, stats, guarded.reason)
            raise
        finally:
            stream.close()
        if stats.ttft_s is not None:
            stats.ttft_s += preparing
        text = str(stats.extra.get("text", guarded.text)).strip()  # see ReplyFilter.text
        rest = guarded.check(text) if text else ""
        if rest:
            yield ReplyPiece(rest)
        if guarded.reason is not None:
            yield ReplyReplaced(guarded.reason, SAFE_REPLACEMENT)
        message = self._store_reply(text, stats, guarded.reason)
        yield ReplyDone(message, stats)

    def decoding(self) -> Decoding:
        """Repetition control and the reply cap for this model (see decoding.py)."""
        return chat_decoding(self.engine.parameters, self.options.max_reply_tokens)

    def _store_reply(
        self, text: str, stats: GenerationStats, guard_reason: str | None
    ) -> Message | None:
        from companion.core.safety import SAFE_REPLACEMENT

        assert self.conversation_id is not None
        text = text.strip()
        meta: dict[str, Any] = {"reused_tokens": stats.reused_tokens, "author": str(Author.MODEL)}
        status = "stopped" if stats.stopped else "ok"
        if guard_reason is not None:
            text, status = SAFE_REPLACEMENT, "replaced"
            meta.update(guard=guard_reason, author=str(Author.GUARD))
        elif not text:
            return None
        return store.add_message(
            self.db,
            self.conversation_id,
            "assistant",
            text,
            model=self.engine.name,
            status=status,
            prompt_tokens=stats.prompt_tokens,
            completion_tokens=stats.completion_tokens,
            ttft_ms=None if stats.ttft_s is None else round(stats.ttft_s * 1000, 1),
            gen_ms=round(stats.gen_s * 1000, 1),
            meta=meta,
        )

    # -- saved model state (resume fast; see states.py) -----------------------------------------

    def save_state(self) -> bool:
        """Save the engine's KV cache for this conversation (not while the database is
        encrypted, not for a model server)."""
        if self.conversation_id is None or self._engine is None:
            return False
        return states.save(self._engine, self.conversation_id)

    def restore_state(self) -> bool:
        """Make the engine hold this conversation's saved KV cache, if it does not already."""
        if self.conversation_id is None or self._engine is None:
            return False
        return states.restore(self._engine, self.conversation_id)
