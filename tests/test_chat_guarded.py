"""Streamed reply text reaches a front end only after the output guard has read it: nothing the
guard stops is ever shown, not even between two checks. A scripted backend (a ChatBackend
subclass: the text pipeline is the real one) streams the pieces; the guard is the real one."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from companion.core.config import Settings
from companion.core.llm.backend import ChatBackend, Messages, RawStream, Request
from companion.core.llm.models import ModelRef
from companion.core.llm.session import ChatSession, ReplyDone, ReplyPiece, ReplyReplaced
from companion.core.safety import SAFE_REPLACEMENT, check_output
from tests.tui_helpers import make_app

BAD = "As your therapist, I can tell you that you have depression."
GOOD = [
    "That sounds like a heavy week.",
    "It makes sense to feel tired.",
    "What is one small thing that helped?",
    "Noticing that is a first step.",
]


class ScriptedBackend(ChatBackend):
    """Streams ``text`` word by word (``delay`` seconds apart), as a model would."""

    def __init__(self, text: str, delay: float = 0.0) -> None:
        self.text, self.delay = text, delay
        self.name, self.n_ctx = "scripted", 4096
        self.ref = ModelRef("scripted", Path("scripted.gguf"), "test")

    def count_tokens(self, text: str) -> int:
        return len(text.split())

    def count_message_tokens(self, messages: Messages) -> int:
        return sum(len(m["content"].split()) + 4 for m in messages)

    def _raw_stream(self, request: Request) -> tuple[RawStream, int]:
        cancel, stats = request.cancel, request.stats

        def stream() -> RawStream:
            for word in self.text.split(" "):
                if cancel is not None and cancel.is_set():
                    stats.stopped = True
                    return
                time.sleep(self.delay)
                stats.completion_tokens += 1
                yield word + " "
            stats.finish_reason = "stop"

        return stream(), request.max_tokens


def shown_prefixes(pieces: list[str]) -> list[str]:
    return ["".join(pieces[: i + 1]) for i in range(len(pieces))]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    before=st.lists(st.sampled_from(GOOD), max_size=2, unique=True),  # a repeat is a loop
    bad_at=st.booleans(),
    every=st.integers(1, 12),
)
def test_no_released_text_ever_fails_the_guard(
    db: Database, before: list[str], bad_at: bool, every: int
) -> None:
    text = " ".join([*before, BAD] if bad_at else [*before, *GOOD])
    session = ChatSession(db, ScriptedBackend(text), personal="")
    session.options.guard_every = every
    events = list(session.send("What could I do this evening to unwind?"))
    pieces = [e.text for e in events if isinstance(e, ReplyPiece)]
    assert all(check_output(shown).ok for shown in shown_prefixes(pieces))
    done = events[-1]
    assert isinstance(done, ReplyDone) and done.message is not None
    if bad_at:
        assert any(isinstance(e, ReplyReplaced) for e in events)
        assert "therapist" not in "".join(pieces)
        assert done.message.content == SAFE_REPLACEMENT
    else:
        assert "".join(pieces).strip() == done.message.content


async def test_the_chat_screen_never_shows_text_the_guard_stops(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import companion.ui.tui.model_loader as loader
    from companion.ui.tui.widgets.chat_message import ReplyMessage

    backend = ScriptedBackend(f"{GOOD[0]} {BAD} {GOOD[1]}", delay=0.02)
    monkeypatch.setattr(loader, "engine_for", lambda settings: backend)
    shown: list[str] = []
    original = ReplyMessage.append

    def recording(self: ReplyMessage, piece: str) -> None:
        original(self, piece)
        shown.append(self.text)

    monkeypatch.setattr(ReplyMessage, "append", recording)
    app = make_app(settings=Settings(n_ctx=4096, temperature=0.0))
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_open("chat")
        await pilot.pause()
        screen = app.screen
        for _ in range(500):
            await pilot.pause(0.02)
            if getattr(screen, "engine_name", None):
                break
        await pilot.press(*"hello", "enter")
        for _ in range(1000):
            await pilot.pause(0.02)
            if not screen.busy:  # type: ignore[attr-defined]
                break
        assert not screen.busy  # type: ignore[attr-defined]
        reply = screen.query(".chat-reply").last()
        assert getattr(reply, "text", None) == SAFE_REPLACEMENT
        assert getattr(reply, "status", None) == "replaced"
    assert all("therapist" not in text for text in shown)
    assert all(check_output(text).ok for text in shown)
