"""The chat reply worker's failures: the ones the core words as a sentence stay the status
line's message; anything else reaches the app's failed-worker router (a crash report without
the person's text and one sentence), and chat carries on. A scripted backend (a ChatBackend
subclass: the session, decoding and guard are the real ones) raises mid-reply."""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import pytest
from textual.worker import WorkerFailed

from companion.core.config import Settings
from companion.core.crash import crash_dir
from companion.core.llm import ModelUnavailable
from companion.core.llm.backend import ChatBackend, RawStream, Request
from companion.core.store.conversations import list_messages
from companion.ui.tui.screens.chat import ChatScreen
from tests.fitness_helpers import allow_model_features
from tests.test_chat_guarded import ScriptedBackend
from tests.tui_helpers import make_app


class Fault(RuntimeError):
    """A bug in the reply path (not a model problem with a sentence)."""


class RaisingBackend(ScriptedBackend):
    """Streams one sentence, then raises ``error``."""

    def __init__(self, error: Exception) -> None:
        super().__init__("That sounds like a heavy week.")
        self.error = error

    def _raw_stream(self, request: Request) -> tuple[RawStream, int]:
        def stream() -> RawStream:
            yield self.text + " "
            raise self.error

        return stream(), request.max_tokens


@dataclass
class Turn:
    """What the person saw after sending "hello"."""

    status: str
    notices: list[str]
    user_messages: list[str]
    can_write: bool


def notices(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def send_hello(monkeypatch: pytest.MonkeyPatch, backend: ChatBackend) -> Turn:
    monkeypatch.setattr("companion.ui.tui.model_loader.engine_for", lambda settings: backend)
    allow_model_features(monkeypatch)
    app = make_app(settings=Settings(n_ctx=4096, temperature=0.0))
    async with app.run_test(size=(100, 30)) as pilot:
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
        assert not screen.busy and app.is_running and screen.conversation_id is not None
        stored = list_messages(app.db, screen.conversation_id)
        turn = Turn(
            str(screen.query_one("#chat-status").render()),
            notices(app),
            [m.content for m in stored if m.role == "user"],
            not screen.chat_input.disabled,
        )
    assert app.return_code is None
    return turn


async def test_an_unexpected_error_in_a_reply_reaches_the_router_and_chat_carries_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    turn = await send_hello(monkeypatch, RaisingBackend(Fault("hello and the secret words")))
    assert "The reply stopped because of an unexpected problem (Fault)" in turn.status
    sentences = [n for n in turn.notices if "The chat reply failed" in n]
    assert len(sentences) == 1 and "(Fault)" in sentences[0]
    assert not any("secret words" in n for n in turn.notices)
    assert turn.user_messages == ["hello"] and turn.can_write  # nothing lost, chat carries on
    reports = list(crash_dir().glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "Fault" in text and "secret words" not in text and "hello" not in text


async def test_a_model_failure_with_a_sentence_stays_the_status_line_message(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    error = ModelUnavailable("The model server stopped answering.")
    turn = await send_hello(monkeypatch, RaisingBackend(error))
    assert "The model server stopped answering." in turn.status
    assert not any("failed because of an unexpected problem" in n for n in turn.notices)
    assert turn.user_messages == ["hello"] and turn.can_write
    assert not list(crash_dir().glob("crash-*.txt"))
