"""Chat through llama-cpp-python's own OpenAI-compatible server, for real, on 127.0.0.1: the
same ChatSession path as the in-process engine (crisis check first, output guard, storage),
streaming, stop mid-reply, regenerate, and the server killed mid-reply (one sentence, nothing
lost). Sockets are allowed to 127.0.0.1 only (pytest-socket ``allow_hosts``; its
``enable_socket`` marker would lift every restriction)."""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database
from typer.testing import CliRunner

from companion.core.llm import load_engine
from companion.core.llm.remote import RemoteEngine, interruption
from companion.core.llm.session import (
    ChatSession,
    ReplyDone,
    ReplyPiece,
    SafetyNotice,
    SessionOptions,
    UserSaved,
)
from companion.core.store.conversations import list_messages
from companion.ui.cli import app
from tests.server_helpers import LlamaServer, llama_server

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])

OPTIONS = SessionOptions(temperature=0.0, max_reply_tokens=48, seed=0)


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LlamaServer]:
    log = tmp_path_factory.mktemp("llama") / "server.log"
    with llama_server(log, verbose=True) as running:  # its log shows its prompt cache at work
        yield running


def add_and_use(url: str, name: str = "home") -> RemoteEngine:
    runner = CliRunner()
    added = runner.invoke(
        app, ["model", "add", "--server", url, "--name", name, "--context", "2048"]
    )
    assert added.exit_code == 0, added.stderr
    assert f"Use it with: companion model use {name}" in added.stdout
    used = runner.invoke(app, ["model", "use", name])
    assert used.exit_code == 0 and f"Chat now uses {name} ({url})." in used.stdout
    engine = load_engine()
    assert isinstance(engine, RemoteEngine) and engine.n_ctx == 2048
    return engine


def test_a_reply_streams_through_the_server_and_is_stored_like_any_other(
    server: LlamaServer, db: Database
) -> None:
    engine = add_and_use(server.url)
    session = ChatSession(db, engine, options=OPTIONS)
    events = list(session.send("I had a long day and want to unwind. Any small idea?"))
    pieces = [e.text for e in events if isinstance(e, ReplyPiece)]
    done = events[-1]
    assert isinstance(events[0], UserSaved) and isinstance(done, ReplyDone)
    assert len(pieces) >= 2  # streamed a sentence at a time (chat decoding), not one block
    raw = list(
        engine.stream_chat([{"role": "user", "content": "Hi."}], max_tokens=12, temperature=0)
    )
    assert len(raw) > 3  # the server's own stream: token by token
    assert done.message is not None and done.message.status == "ok"
    assert done.message.content == "".join(pieces).strip()
    assert done.message.model == "home"
    assert interruption(done.stats) is None
    # the same decoding pipeline as in process: the kept text, at most four sentences (the cap
    # for a model of unknown size), no stage directions
    assert done.stats.extra["text"] == done.message.content
    assert len(re.findall(r"[.!?](?:\s|$)", done.message.content)) <= 4
    assert not re.search(r"\*\w+\*|\((?:sigh|laughs|smiles)", done.message.content)
    # llama-cpp-python's server sends no usage while streaming: the counts are estimates, and
    # the stats say so
    assert done.stats.extra["tokens_estimated"] is True
    assert done.stats.completion_tokens > 0 and done.stats.prompt_tokens > 0

    regenerated = list(session.regenerate())
    again = regenerated[-1]
    assert isinstance(again, ReplyDone) and again.message is not None
    stored = list_messages(db, session.conversation_id or 0)
    assert [m.role for m in stored] == ["user", "assistant"]
    assert stored[-1].id == again.message.id


def test_the_server_has_read_the_system_prompt_before_the_first_reply(
    server: LlamaServer, db: Database
) -> None:
    """``prepare_prefix`` (called when the chat screen loads the model) has the server read the
    system prompt, so the first reply of a conversation reuses it from the server's own cache:
    llama.cpp logs how many prompt tokens matched and how many were still read."""
    from companion.core.llm.context import system_text

    engine = add_and_use(server.url)
    engine.complete([{"role": "user", "content": "Say one word."}], max_tokens=1)  # other work
    chat = [{"role": "system", "content": system_text("", "")}, {"role": "user", "content": "."}]
    assert engine.prepare_prefix(chat) == "server"
    before = server.log.read_text(errors="replace")
    events = list(ChatSession(db, engine, options=OPTIONS).send("I slept badly again."))
    assert isinstance(events[-1], ReplyDone) and events[-1].message is not None
    new = server.log.read_text(errors="replace")[len(before) :]
    hit = re.search(r"(\d+) prefix-match hit, remaining (\d+) prompt tokens", new)
    assert hit is not None, new[-2000:]
    reused, remaining = int(hit.group(1)), int(hit.group(2))
    assert reused > 100 and remaining < reused / 4  # the system prompt was not read again


def test_a_crisis_message_never_reaches_the_server(
    server: LlamaServer, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    engine = add_and_use(server.url)
    calls: list[object] = []

    def never(*a: object, **k: object) -> Iterator[str]:
        calls.append(a)
        return iter(())

    monkeypatch.setattr(engine, "stream_chat", never)
    events = list(ChatSession(db, engine, options=OPTIONS).send("I want to kill myself tonight"))
    assert calls == []
    assert isinstance(events[-1], SafetyNotice) and events[-1].kind == "crisis"


def test_stopping_mid_reply_closes_the_stream_and_keeps_what_was_written(
    server: LlamaServer, db: Database
) -> None:
    engine = add_and_use(server.url)
    session = ChatSession(db, engine, options=SessionOptions(temperature=0.0, seed=0))
    cancel = threading.Event()
    pieces: list[str] = []
    done: ReplyDone | None = None
    for event in session.send("Tell me a long story about a calm lake.", cancel=cancel):
        if isinstance(event, ReplyPiece):
            pieces.append(event.text)
            if len(pieces) == 1:  # a sentence at a time: stop after the first
                cancel.set()
        elif isinstance(event, ReplyDone):
            done = event
    assert done is not None and done.stats.stopped and interruption(done.stats) is None
    assert done.message is not None and done.message.status == "stopped"
    assert done.message.content == "".join(pieces).strip()
    assert len(pieces) < 10  # it stopped at once, not after the reply's 400 tokens
    # the server is still fine afterwards
    follow = list(session.send("Thanks."))
    assert isinstance(follow[-1], ReplyDone) and follow[-1].message is not None


def test_the_server_killed_mid_reply_is_one_sentence_and_nothing_is_lost(
    tmp_path: Path, db: Database
) -> None:
    with llama_server(tmp_path / "server.log") as doomed:
        engine = add_and_use(doomed.url, "doomed")
        session = ChatSession(db, engine, options=SessionOptions(temperature=0.0, seed=0))
        pieces: list[str] = []
        done: ReplyDone | None = None
        for event in session.send("Tell me a long story about a quiet forest."):
            if isinstance(event, ReplyPiece):
                pieces.append(event.text)
                if len(pieces) == 1:
                    doomed.kill()
            elif isinstance(event, ReplyDone):
                done = event
    assert done is not None
    sentence = interruption(done.stats)
    assert sentence is not None and sentence.count(". ") == 0 and sentence.endswith(".")
    assert "stopped answering mid-reply" in sentence and "the partial reply is kept" in sentence
    stored = list_messages(db, session.conversation_id or 0)
    assert [m.role for m in stored] == ["user", "assistant"]
    assert stored[0].content == "Tell me a long story about a quiet forest."
    assert stored[1].status == "stopped" and stored[1].content == "".join(pieces).strip()

    # the next message, with the server gone: one sentence, the message itself kept
    events = list(session.send("Are you still there?"))
    last = events[-1]
    assert isinstance(last, ReplyDone) and last.message is None
    assert (interruption(last.stats) or "").startswith("Nothing answered at " + doomed.url)
    assert list_messages(db, session.conversation_id or 0)[-1].content == "Are you still there?"

    # the command line, with the server gone: the same sentence, exit code 1, the message kept
    result = CliRunner().invoke(app, ["chat", "--message", "hello there"])
    assert result.exit_code == 1
    assert result.stderr.strip().startswith("Nothing answered at " + doomed.url)
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.output
    assert "hello there" in CliRunner().invoke(app, ["chat", "--list"]).stdout
