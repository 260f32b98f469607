"""A chat conversation with the local model, headless: safety screening, context budget,
summaries of older turns, streaming, stopping, persistence and resume.

``ChatSession.send(text)`` is a generator of small event dataclasses; the CLI prints them and the
TUI worker forwards them in batches. Run it in one thread with a Database opened in that thread.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from sqlite_utils import Database

from companion import paths
from companion.config import Settings
from companion.llm.backend import ChatBackend
from companion.llm.context import Budget, clip, model_turns, personal_context_text, system_text
from companion.llm.decoding import Decoding, chat_decoding
from companion.llm.engine import Engine, GenerationStats
from companion.llm.prompts import render_prompt
from companion.store import conversations as store
from companion.store.conversations import Message

CRISIS_REPLY = (
    "I'm really glad you told me, and I'm taking it seriously. You deserve support from a person "
    "right now, which this app cannot give. Press F1 for Help now: crisis lines you can call or "
    "text, and your safety plan. If you are in immediate danger, call your local emergency number."
)
CONCERN_CHECKIN = (
    "I want to check in: how are you doing in yourself right now? If things feel like too much, "
    "F1 opens Help now with people you can reach."
)
SUMMARY_TOKENS = 200
TITLE_CHARS = 48
SAID_CHARS = 120
KEEP_STATES = 3  # saved KV caches kept (the most recent conversations)


def usable_summary(text: str, count: Callable[[str], int], limit: int = SUMMARY_TOKENS) -> bool:
    """Small models sometimes echo the transcript or run on; such output is not a summary."""
    if not text.strip() or count(text) >= limit:
        return False
    lowered = text.lower()
    return "person:" not in lowered and "companion:" not in lowered


def extractive_summary(previous: str, folded: list[Message]) -> str:
    """A plain fallback summary: the earlier summary plus the start of each thing the person said."""
    said = []
    for message in folded:
        if message.role == "user":
            first = " ".join(message.content.split())[:SAID_CHARS]
            said.append(first if len(message.content) <= SAID_CHARS else first + "...")
    parts = [previous.strip()] if previous.strip() else []
    if said:
        parts.append("Earlier the person said: " + " / ".join(said))
    return " ".join(parts)


class EmptyMessage(ValueError):
    """Nothing to send."""


class NothingToRegenerate(ValueError):
    """There is no model reply to write again."""


@dataclass(frozen=True)
class UserSaved:
    """The person's message was screened and stored."""

    message: Message
    level: str


@dataclass(frozen=True)
class Summarising:
    """Older turns are being folded into the summary (takes a few seconds)."""


@dataclass(frozen=True)
class ReplyStarted:
    """The prompt is ready; ``prompt_tokens`` of ``n_ctx`` are in use."""

    prompt_tokens: int
    n_ctx: int


@dataclass(frozen=True)
class ReplyPiece:
    """A piece of the reply as the model writes it."""

    text: str


@dataclass(frozen=True)
class ReplyReplaced:
    """The reply failed the output guard and was replaced by ``text``."""

    reason: str
    text: str


@dataclass(frozen=True)
class ReplyDone:
    """The reply is stored (``message`` is None when it was stopped before any text)."""

    message: Message | None
    stats: GenerationStats


@dataclass(frozen=True)
class SafetyNotice:
    """A fixed message from the app, not the model: crisis reply, check-in or disclosure."""

    kind: str  # "crisis" | "concern" | "disclosure"
    text: str
    message: Message


ChatEvent = (
    UserSaved | Summarising | ReplyStarted | ReplyPiece | ReplyReplaced | ReplyDone | SafetyNotice
)


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
    ) -> None:
        self.db = db
        self._engine = engine
        self.conversation_id = conversation_id
        self.options = options or SessionOptions()
        if conversation_id is not None:
            store.get_conversation(db, conversation_id)  # KeyError with a sentence if missing
        # Fixed for the session so the system message stays byte-stable between turns.
        self.personal = personal_context_text(db) if personal is None else personal
        self.last_prompt_tokens = 0
        self._token_cache: dict[tuple[int, int], str] = {}

    @property
    def engine(self) -> ChatBackend:
        """The model; ModelUnavailable (one sentence) when the session has none."""
        if self._engine is None:
            from companion.llm.errors import NO_MODEL_HINT, ModelUnavailable

            raise ModelUnavailable(NO_MODEL_HINT)
        return self._engine

    @property
    def has_engine(self) -> bool:
        return self._engine is not None

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

    def _notice(self, kind: str, text: str) -> SafetyNotice:
        assert self.conversation_id is not None
        saved = store.add_message(
            self.db, self.conversation_id, "assistant", text, meta={"kind": kind}
        )
        return SafetyNotice(kind, text, saved)

    def send(self, text: str, *, cancel: threading.Event | None = None) -> Iterator[ChatEvent]:
        """Screen and store ``text``, then stream and store the reply (see the event classes)."""
        from companion.safety import asks_if_human, screen_user_text

        if not text or not text.strip():
            raise EmptyMessage("Write a message first.")
        conversation_id = self._ensure_conversation(text)
        assessment = screen_user_text(self.db, text, "chat")
        meta: dict[str, Any] = {}
        if assessment.level != "none":
            meta = {"safety": assessment.level, "reasons": list(assessment.reasons)}
        user = store.add_message(self.db, conversation_id, "user", text, meta=meta)
        yield UserSaved(user, assessment.level)
        if assessment.level == "crisis":
            # The model is never the response to a crisis message.
            notice = self._notice("crisis", CRISIS_REPLY)
            saved = store.update_message(
                self.db, notice.message.id, meta={"kind": "crisis", "safety": "crisis"}
            )
            yield SafetyNotice("crisis", CRISIS_REPLY, saved)
            return
        yield from self._generate(cancel)
        if assessment.level == "concern":
            yield self._notice("concern", CONCERN_CHECKIN)
        if asks_if_human(text):
            from companion.safety.disclosure import HUMAN_ANSWER

            yield self._notice("disclosure", HUMAN_ANSWER)

    def regenerate(self, *, cancel: threading.Event | None = None) -> Iterator[ChatEvent]:
        """Delete the last model reply and write it again."""
        history = self.messages()
        if not history or history[-1].role != "assistant" or history[-1].meta.get("kind"):
            raise NothingToRegenerate("There is no reply from the model to write again.")
        store.delete_message(self.db, history[-1].id)
        yield from self._generate(cancel)

    def _generate(self, cancel: threading.Event | None) -> Iterator[ChatEvent]:
        from companion.safety import SAFE_REPLACEMENT, check_output

        assert self.conversation_id is not None
        if self.needs_summary():
            yield Summarising()
            self.fold_history()
        chat = self.build_prompt()
        from companion.llm.prefix import ensure_prefix

        started = time.perf_counter()
        engine = self.engine
        local = isinstance(engine, Engine)  # a local server (remote.py) keeps its own cache
        prefix = ensure_prefix(engine, chat) if isinstance(engine, Engine) else "none"
        preparing = time.perf_counter() - started  # counted in the time to the first token
        yield ReplyStarted(self.last_prompt_tokens, self.engine.n_ctx)
        stats = GenerationStats(extra={"prefix": prefix})
        budget = self.budget()
        pieces: list[str] = []
        guard_reason: str | None = None
        decoding = self.decoding()
        stream = self.engine.stream_chat(
            chat,
            max_tokens=min(budget.reply_tokens, decoding.max_tokens),
            temperature=self.options.temperature,
            seed=self.options.seed,
            cancel=cancel,
            stats=stats,
            **({"decoding": decoding} if local else {}),
        )
        try:
            for index, piece in enumerate(stream):
                pieces.append(piece)
                yield ReplyPiece(piece)
                if index % self.options.guard_every == self.options.guard_every - 1:
                    verdict = check_output("".join(pieces))
                    if not verdict.ok:
                        guard_reason = verdict.reason or "guard"
                        break
        except GeneratorExit:
            # The consumer went away (Ctrl-C, screen closed): keep the partial reply.
            stream.close()
            stats.stopped = True
            self._store_reply("".join(pieces), stats, None)
            raise
        finally:
            stream.close()
        if stats.ttft_s is not None:
            stats.ttft_s += preparing
        text = str(stats.extra.get("text", "".join(pieces))).strip()  # see ReplyFilter.text
        if guard_reason is None and text:
            verdict = check_output(text)
            if not verdict.ok:
                guard_reason = verdict.reason or "guard"
        if guard_reason is not None:
            yield ReplyReplaced(guard_reason, SAFE_REPLACEMENT)
        message = self._store_reply(text, stats, guard_reason)
        yield ReplyDone(message, stats)

    def decoding(self) -> Decoding:
        """Repetition control and the reply cap for this model (see decoding.py)."""
        parameters = self.engine.parameters if isinstance(self.engine, Engine) else 0
        return chat_decoding(parameters, self.options.max_reply_tokens)

    def _store_reply(
        self, text: str, stats: GenerationStats, guard_reason: str | None
    ) -> Message | None:
        from companion.safety import SAFE_REPLACEMENT

        assert self.conversation_id is not None
        text = text.strip()
        meta: dict[str, Any] = {"reused_tokens": stats.reused_tokens}
        status = "stopped" if stats.stopped else "ok"
        if guard_reason is not None:
            text, status = SAFE_REPLACEMENT, "replaced"
            meta["guard"] = guard_reason
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

    # -- saved model state (resume fast) --------------------------------------------------------

    def _state_file(self) -> Any:
        return paths.state_dir() / f"conversation-{self.conversation_id}.kv"

    def save_state(self) -> bool:
        """Save the engine's KV cache for this conversation in the data dir (0600).

        Not while the database is encrypted: the state file holds the conversation's tokens,
        which would sit beside the encrypted database in the clear."""
        if self.conversation_id is None or self._engine is None:
            return False
        from companion.store.crypto import needs_passphrase

        if needs_passphrase():
            return False
        data, tokens = self.engine.save_state_bytes()
        if not tokens:
            return False
        header = json.dumps(
            {"model": str(self.engine.ref.path), "n_ctx": self.engine.n_ctx, "tokens": tokens}
        ).encode()
        paths.write_private_bytes(
            self._state_file(), len(header).to_bytes(8, "little") + header, data
        )
        prune_states()
        return True

    def restore_state(self) -> bool:
        """Load the saved KV cache if it was made by this model and context size."""
        if self.conversation_id is None or self._engine is None:
            return False
        path = self._state_file()
        try:
            raw = path.read_bytes()
            size = int.from_bytes(raw[:8], "little")
            header = json.loads(raw[8 : 8 + size])
        except (OSError, ValueError):
            return False
        if (
            header.get("model") != str(self.engine.ref.path)
            or header.get("n_ctx") != self.engine.n_ctx
        ):
            return False
        return self.engine.load_state_bytes(
            memoryview(raw)[8 + size :], [int(t) for t in header["tokens"]]
        )


def prune_states(keep: int = KEEP_STATES) -> None:
    """Keep only the most recently saved ``keep`` conversation states (they are large)."""
    folder = paths.state_dir()
    if not folder.is_dir():
        return
    files = sorted(folder.glob("conversation-*.kv"), key=lambda p: p.stat().st_mtime, reverse=True)
    from companion.store.files import erase

    for old in files[max(keep, 0) :]:
        erase(old)  # conversation tokens in the clear: overwritten, then unlinked


def delete_state(conversation_id: int) -> None:
    """Remove a conversation's saved model state (when the conversation is deleted)."""
    from companion.store.files import erase

    erase(paths.state_dir() / f"conversation-{conversation_id}.kv")
