"""The chat reply worker's failures: the ones the core words as a sentence stay the status
line's message; anything else reaches the app's failed-worker router (a crash report without
the person's text and one sentence), and chat carries on. A scripted backend (a ChatBackend
subclass: the session, decoding and guard are the real ones) raises mid-reply."""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from textual.worker import WorkerFailed

from companion.core.config import Settings
from companion.core.crash import crash_dir
from companion.core.llm import ModelUnavailable
from companion.core.llm.backend import ChatBackend, Messages, RawStream, Request
from companion.core.llm.models import ModelRef
from companion.core.store.conversations import list_messages
from companion.ui.tui.screens.chat import ChatScreen
from tests.fitness_helpers import allow_model_features
from tests.tui_helpers import make_app


class Fault(RuntimeError):
    """A bug in the reply path (not a model problem with a sentence)."""


class RaisingBackend(ChatBackend):
    """Streams one sentence, then raises ``error``."""

    def __init__(self, error: Exception) -> None:
        self.error = error
        self.name, self.n_ctx = "scripted", 4096
        self.ref = ModelRef("scripted", Path("scripted.gguf"), "test")

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def count_message_tokens(self, messages: Messages) -> int:
        return sum(len(m["content"].split()) + 4 for m in messages)

    def _raw_stream(self, request: Request) -> tuple[RawStream, int]:
        def stream() -> RawStream:
            yield "That sounds like a heavy week. "
            raise self.error

        return stream(), request.max_tokens


def notices(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def send_hello(app: Any, pilot: Any) -> ChatScreen:
    app.action_open("chat")
    screen = app.screen
    assert isinstance(screen, ChatScreen)
    for _ in range(500):
        await pilot.pause(0.02)
        if screen.engine_name:
            break
    await pilot.press(*"hello", "enter")
    for _ in range(3):
        await pilot.pause()
        with contextlib.suppress(WorkerFailed):  # the app's behaviour is what is asserted
            await app.workers.wait_for_complete()
    for _ in range(500):
        if not screen.busy:
            break
        await pilot.pause(0.02)
    return screen


async def test_an_unexpected_error_in_a_reply_reaches_the_router_and_chat_carries_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend = RaisingBackend(Fault("hello and the secret words"))
    monkeypatch.setattr("companion.ui.tui.model_loader.engine_for", lambda settings: backend)
    allow_model_features(monkeypatch)
    app = make_app(settings=Settings(n_ctx=4096, temperature=0.0))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await send_hello(app, pilot)
        assert not screen.busy and app.is_running
        status = str(screen.query_one("#chat-status").render())
        assert "The reply stopped because of an unexpected problem (Fault)" in status
        sentences = [n for n in notices(app) if "The chat reply failed" in n]
        assert len(sentences) == 1 and "(Fault)" in sentences[0]
        assert not any("secret words" in n for n in notices(app))
        assert screen.conversation_id is not None
        stored = list_messages(app.db, screen.conversation_id)
        assert [m.content for m in stored if m.role == "user"] == ["hello"]  # nothing lost
        assert not screen.chat_input.disabled  # the next message can be written
    assert app.return_code is None
    reports = list(crash_dir().glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "Fault" in text and "secret words" not in text and "hello" not in text


async def test_a_model_failure_with_a_sentence_stays_the_status_line_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend = RaisingBackend(ModelUnavailable("The model server stopped answering."))
    monkeypatch.setattr("companion.ui.tui.model_loader.engine_for", lambda settings: backend)
    allow_model_features(monkeypatch)
    app = make_app(settings=Settings(n_ctx=4096, temperature=0.0))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await send_hello(app, pilot)
        assert not screen.busy
        status = str(screen.query_one("#chat-status").render())
        assert "The model server stopped answering." in status
        assert not any("failed because of an unexpected problem" in n for n in notices(app))
    assert app.return_code is None
    assert not list(crash_dir().glob("crash-*.txt"))
