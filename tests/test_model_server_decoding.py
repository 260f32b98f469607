"""A model server gets the same decoding pipeline as the in-process engine (backend.py): the
sampler settings go in the request, the text filter shapes what the server streams (loops
stopped, stage directions removed, the sentence cap, persona claims dropped), and a server that
refuses llama.cpp's extra fields is asked again with OpenAI's own. From a scripted server on
127.0.0.1."""

from __future__ import annotations

import pytest
from sqlite_utils import Database
from typer.testing import CliRunner

from companion.core.llm import load_engine
from companion.core.llm.decoding import DRY_BREAKERS, chat_decoding
from companion.core.llm.remote import EXTENDED_FIELDS, RemoteEngine, sampler_fields
from companion.core.llm.session import ChatSession, ReplyDone, ReplyPiece, SessionOptions
from companion.ui.cli import app
from tests.server_helpers import Script, scripted_server

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])
OPTIONS = SessionOptions(temperature=0.0, max_reply_tokens=200, seed=0)
LOOP = "I'm going to offer a solution that will help you. "


def engine_for(url: str, name: str) -> RemoteEngine:
    assert CliRunner().invoke(app, ["model", "add", "--server", url, "--name", name]).exit_code == 0
    engine = load_engine(name)
    assert isinstance(engine, RemoteEngine)
    return engine


def words(text: str) -> list[str]:
    return [w + " " for w in text.split()]


def turn(db: Database, engine: RemoteEngine, text: str) -> tuple[list[str], ReplyDone]:
    events = list(ChatSession(db, engine, options=OPTIONS).send(text))
    done = events[-1]
    assert isinstance(done, ReplyDone)
    return [e.text for e in events if isinstance(e, ReplyPiece)], done


def test_the_chat_request_carries_the_same_sampler_settings_as_the_engine(db: Database) -> None:
    script = Script(words("Take a slow breath. What helps you rest?"))
    with scripted_server(script) as url:
        engine = engine_for(url, "sampled")
        turn(db, engine, "What could I do this evening to unwind?")
        engine.complete([{"role": "user", "content": "json please"}], max_tokens=8)
    sent, plain = script.requests
    decoding = chat_decoding(0)
    assert sent["repeat_penalty"] == decoding.repeat_penalty == 1.1
    assert sent["repeat_last_n"] == decoding.penalty_last_n
    assert (sent["top_k"], sent["min_p"], sent["top_p"]) == (40, 0.05, 0.95)
    assert sent["frequency_penalty"] == 0.0 and sent["presence_penalty"] == 0.0
    assert sent["dry_multiplier"] == decoding.dry_multiplier > 0
    assert sent["dry_sequence_breakers"] == DRY_BREAKERS
    assert sent["cache_prompt"] is True  # llama-server keeps the evaluated prompt
    # the reply cap sized to the model: the server is asked for no more than the filter keeps
    assert sent["max_tokens"] == decoding.max_tokens
    # a plain completion (decoding None) samples plainly, as in process: no penalties, no DRY
    assert plain["repeat_penalty"] == 1.0 and "dry_multiplier" not in plain


def test_a_looping_reply_from_a_server_is_stopped_and_ends_at_the_last_good_sentence(
    db: Database,
) -> None:
    script = Script(words("That sounds hard. " + LOOP * 8))
    with scripted_server(script) as url:
        pieces, done = turn(db, engine_for(url, "loopy"), "Everything is going wrong")
    assert done.message is not None
    assert (
        done.message.content
        == "That sounds hard. I'm going to offer a solution that will help you."
    )
    assert done.stats.finish_reason == "loop"
    assert "".join(pieces).strip() == done.message.content  # nothing shown is taken back


def test_stage_directions_persona_claims_and_the_sentence_cap_apply_to_a_server(
    db: Database,
) -> None:
    text = (
        "(sigh) I hear you. I have a partner too, and I love her. *smiles* That sounds heavy. "
        "What helped before? Small steps count. Rest matters. Call a friend. Drink water."
    )
    with scripted_server(Script(words(text))) as url:
        pieces, done = turn(db, engine_for(url, "shaped"), "Work is heavy")
    assert done.message is not None
    kept = done.message.content
    assert "sigh" not in kept and "smiles" not in kept and "partner" not in kept
    assert kept == "I hear you. That sounds heavy. What helped before? Small steps count."
    assert done.stats.finish_reason == "cap"  # four sentences for a model of unknown size
    assert "".join(pieces).strip() == kept


def test_a_strict_server_is_asked_again_without_the_extra_fields(db: Database) -> None:
    script = Script(words("Take a slow breath."), refuse_fields=EXTENDED_FIELDS)
    with scripted_server(script) as url:
        engine = engine_for(url, "strict")
        _, done = turn(db, engine, "hi")
        _, again = turn(db, engine, "hi again")
    first, retried, later = script.requests
    assert done.message is not None and done.message.content == "Take a slow breath."
    assert again.message is not None
    assert "repeat_penalty" in first
    assert not EXTENDED_FIELDS & set(retried) and not EXTENDED_FIELDS & set(later)
    assert retried["frequency_penalty"] == 0.0 and retried["messages"] == first["messages"]


def test_openai_fields_only_when_not_extended() -> None:
    assert set(sampler_fields(chat_decoding(0), extended=False)) == {
        "frequency_penalty",
        "presence_penalty",
    }
    assert set(sampler_fields(chat_decoding(0))) - {"frequency_penalty", "presence_penalty"} <= (
        EXTENDED_FIELDS
    )
