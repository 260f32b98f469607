"""The chat screen's thread work: loading the model and running one turn of ``ChatSession``.

These run in thread workers and never touch widgets: they post the messages below to the
screen. What the engine holds (the system prompt's state, a conversation's KV state) is the
core's business (``ChatBackend.prepare_prefix``, ``ChatSession.restore_state``), so nothing
here is remembered between turns and no screen state is changed from these threads.

Reply text reaches the screen in batches (``ReplyChunk``) every ``FLUSH_SECONDS``: each batch
is work on the UI thread, which competes with llama.cpp's threads for this machine's two cores.
With the repaint limited to the changed lines (see ReplyMessage) bench/chat.py's
ui_cpu_share_median fell from 7.5% to about 5% of a core at 0.25 s; during streaming alone it
was 3.5% at 0.25 s and 4.8% at 0.1 s. The text has passed the output guard before it arrives
(``ChatSession`` releases only guarded text, see llm/guarded.py).
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass
from typing import Any

from textual.message import Message
from textual.message_pump import MessagePump

FLUSH_SECONDS = 0.25


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
    """Guarded reply text written since the last chunk (about FLUSH_SECONDS of tokens)."""

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


def load(target: MessagePump, app: Any) -> None:
    """Load the model (shared with the helpers), post EngineReady or EngineFailed, then have
    the system prompt read in a daemon thread (quitting never waits for it), so the first reply
    starts as fast as a follow-up (prefix.py in process; a server's own prompt cache)."""
    from companion.core.llm import ModelUnavailable
    from companion.core.llm.context import system_text
    from companion.ui.tui.model_loader import LoadAbandoned, engine_for

    try:
        engine = engine_for(app.settings)
    except LoadAbandoned:
        return
    except ModelUnavailable as error:
        target.post_message(EngineFailed(str(error)))
        return
    target.post_message(EngineReady(engine.name, engine.n_ctx, chat_notice(app, engine)))
    chat = [{"role": "system", "content": system_text("", "")}, {"role": "user", "content": "."}]
    threading.Thread(target=engine.prepare_prefix, args=(chat,), daemon=True).start()


def reply(
    target: MessagePump,
    app: Any,
    text: str | None,
    conversation_id: int | None,
    cancel: threading.Event,
    personal: str,
) -> None:
    """One turn (``text`` None: regenerate the last reply), with a database opened in this
    thread; every outcome ends with TurnFinished. The failures the core words as one sentence
    (no model, nothing to regenerate, an empty message) are that sentence in the status line;
    anything else is raised on to the failed-worker router (``ReportsFailedWorkers``: a crash
    report and one sentence), after the status line says the reply stopped."""
    from companion.core.llm import ModelUnavailable
    from companion.core.llm.session import (
        ChatSession,
        EmptyMessage,
        NothingToRegenerate,
        SessionOptions,
    )
    from companion.ui.tui.model_loader import engine_for

    settings = app.settings
    db = app.open_worker_db()
    session: ChatSession | None = None
    error: str | None = None
    try:
        try:
            engine = engine_for(settings)
        except ModelUnavailable:
            engine = None  # messages are still screened and kept; the reply explains
        options = SessionOptions.from_settings(settings)
        session = ChatSession(db, engine, conversation_id, options=options, personal=personal)
        session.restore_state()  # reads the saved state only if the engine does not hold it
        events = (
            session.send(text, cancel=cancel)
            if text is not None
            else session.regenerate(cancel=cancel)
        )
        forward(target, events)
        session.save_state()
    except (ModelUnavailable, NothingToRegenerate, EmptyMessage) as failure:
        error = str(failure)
    except Exception as failure:
        # not the exception's message: it may quote what the person wrote
        error = f"The reply stopped because of an unexpected problem ({type(failure).__name__})."
        raise
    finally:
        db.close()
        finished = session.conversation_id if session is not None else conversation_id
        target.post_message(TurnFinished(finished, error))


def forward(target: MessagePump, events: Any) -> None:
    """Post the session's events, reply pieces batched every FLUSH_SECONDS."""
    from companion.core.llm.session import ReplyPiece

    pending: list[str] = []
    last = time.monotonic()
    for event in events:
        if isinstance(event, ReplyPiece):
            pending.append(event.text)
            now = time.monotonic()
            if now - last >= FLUSH_SECONDS:
                target.post_message(ReplyChunk("".join(pending)))
                pending.clear()
                last = now
            continue
        if pending:
            target.post_message(ReplyChunk("".join(pending)))
            pending.clear()
        target.post_message(SessionEvent(event))


def chat_notice(app: Any, engine: Any) -> str:
    """The fitness line for chat with ``engine`` ("" when it passed; see fitness.py)."""
    from companion.core.llm.fitness import feature_gate

    with app.worker_db() as db:
        gate = feature_gate(db, engine.ref, "chat", engine.name)
    return "" if gate.allowed else gate.notice
