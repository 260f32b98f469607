"""The evaluated system prompt is kept per model and prompt (prefix.py), with the real embedded
model: the first reply of a conversation restores it instead of reading it, from memory or from
the data dir, writes exactly what it would have written otherwise, and holds nothing personal."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlite_utils import Database

from companion.core import paths
from companion.core.llm import Engine, load_engine
from companion.core.llm.prefix import ensure_prefix, forget_prefixes, static_prefix
from companion.core.llm.session import ChatSession, ReplyDone, SessionOptions


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    loaded = load_engine(n_ctx=1024)
    assert isinstance(loaded, Engine)  # no model server is configured in tests
    yield loaded
    loaded.close()


def _first_reply(db: Database, engine: Engine, personal: str = "") -> ReplyDone:
    options = SessionOptions(temperature=0.0, max_reply_tokens=24, seed=0)
    session = ChatSession(db, engine, None, options=options, personal=personal)
    return next(
        e for e in session.send("Hello. Work has been stressful.") if isinstance(e, ReplyDone)
    )


def test_the_first_reply_restores_the_system_prompt_and_writes_the_same(
    db: Database, engine: Engine
) -> None:
    forget_prefixes()
    engine.reset()
    prefix = static_prefix(engine)
    assert len(prefix) > 100  # the system prompt, a few hundred tokens

    first = _first_reply(db, engine)
    assert first.stats.extra["prefix"] == "evaluated"
    assert len(list(paths.state_dir().glob("prefix-*.kv"))) == 1

    engine.reset()  # a new conversation after another prompt used the model
    again = _first_reply(db, engine)
    assert again.stats.extra["prefix"] == "memory"
    assert again.stats.reused_tokens >= len(prefix)
    assert again.stats.evaluated_tokens < 40  # only the person's message and the reply header

    forget_prefixes()  # as after a restart: only the file is left
    engine.reset()
    restarted = _first_reply(db, engine)
    assert restarted.stats.extra["prefix"] == "disk"
    assert first.message is not None and again.message is not None
    assert restarted.message is not None
    assert first.message.content == again.message.content == restarted.message.content


def test_the_kept_prefix_holds_nothing_personal(db: Database, engine: Engine) -> None:
    from companion.core.llm.context import system_text

    personal = "Things they chose to share: my sister Zelda moved to Oslo"
    chat = [
        {"role": "system", "content": system_text(personal, "Earlier they spoke of Zelda.")},
        {"role": "user", "content": "Hi"},
    ]
    prefix = static_prefix(engine)
    text = engine._llm.detokenize(prefix).decode("utf-8", "replace")
    assert "Zelda" not in text and "share" not in text.split("\n")[-1]
    assert engine.tokenize_messages(chat)[: len(prefix)] == prefix
    engine.reset()
    assert ensure_prefix(engine, chat) in ("memory", "disk", "evaluated")
    assert ensure_prefix(engine, chat) == "held"
    done = _first_reply(db, engine, personal)
    assert done.stats.extra["prefix"] in ("held", "memory")


def test_a_prompt_that_does_not_start_with_the_prefix_is_left_alone(engine: Engine) -> None:
    chat = [{"role": "user", "content": "Summarise this conversation."}]
    assert ensure_prefix(engine, chat) == "none"
