"""Chat sessions with the real embedded model (greedy, short replies): safety hook first,
multi-turn memory, summarising on overflow, stop, persistence and resume, bad input."""

from __future__ import annotations

import threading
from collections.abc import Generator, Iterator, Sequence

import pytest
from sqlite_utils import Database

from companion.core.flows.chat_context import personal_context_text
from companion.core.llm import Engine, ModelUnavailable, load_engine
from companion.core.llm.context import PersonalContext, set_personal_context
from companion.core.llm.session import (
    ChatSession,
    EmptyMessage,
    NothingToRegenerate,
    ReplyDone,
    ReplyPiece,
    ReplyReplaced,
    ReplyStarted,
    SafetyNotice,
    SessionOptions,
    Summarising,
    UserSaved,
)
from companion.core.store import conversations as store
from companion.core.store.safety_records import list_safety_events

CRISIS_TEXT = "I want to kill myself tonight"
CONCERN_TEXT = "I feel hopeless and worthless lately"


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    loaded = load_engine(n_ctx=1024)
    assert isinstance(loaded, Engine)  # no model server is configured in tests
    yield loaded
    loaded.close()


def _session(
    db: Database, engine: Engine | None, cid: int | None = None, **kw: object
) -> ChatSession:
    options = SessionOptions(
        temperature=0.0, max_reply_tokens=int(str(kw.pop("tokens", 16))), seed=0, summary_tokens=48
    )
    return ChatSession(db, engine, cid, options=options, personal="")


def _reply(events: Sequence[object]) -> ReplyDone:
    return next(e for e in events if isinstance(e, ReplyDone))


def test_safety_levels_of_the_fixtures() -> None:
    from companion.core.safety import detect_crisis

    assert detect_crisis(CRISIS_TEXT).level == "crisis"
    assert detect_crisis(CONCERN_TEXT).level == "concern"


def test_send_stores_both_sides_with_figures(db: Database, engine: Engine) -> None:
    session = _session(db, engine)
    events = list(session.send("Hello, I had a long day at work."))
    assert isinstance(events[0], UserSaved) and isinstance(events[1], ReplyStarted)
    pieces = "".join(e.text for e in events if isinstance(e, ReplyPiece))
    done = _reply(events)
    assert done.message is not None and done.message.content == pieces.strip()
    saved = store.list_messages(db, session.conversation_id or 0)
    assert [m.role for m in saved] == ["user", "assistant"]
    reply = saved[1]
    assert reply.model == engine.name and reply.status == "ok"
    assert reply.prompt_tokens and reply.completion_tokens and reply.ttft_ms is not None
    conversation = store.get_conversation(db, session.conversation_id or 0)
    assert conversation.title.startswith("Hello, I had a long day")


def test_crisis_message_never_reaches_the_model(db: Database) -> None:
    session = _session(db, None)  # no model at all: the crisis path must not need one
    events = list(session.send(CRISIS_TEXT))
    assert [type(e) for e in events] == [UserSaved, SafetyNotice]
    notice = events[1]
    assert isinstance(notice, SafetyNotice) and notice.kind == "crisis"
    assert notice.open_help_now and notice.offers_carry_on
    assert "taking it seriously" in notice.text and notice.message.model is None
    assert notice.message.meta["author"] == "scripted"
    assert list_safety_events(db)[0]["level"] == "crisis"


def test_concern_gets_a_scripted_reply_not_the_model(db: Database) -> None:
    events = list(_session(db, None).send(CONCERN_TEXT))  # no model needed either
    assert [type(e) for e in events] == [UserSaved, SafetyNotice]
    notice = events[-1]
    assert isinstance(notice, SafetyNotice)
    assert notice.kind == "concern"
    assert not notice.open_help_now


def test_asking_if_human_gets_the_honest_answer(db: Database) -> None:
    events = list(_session(db, None).send("Are you a real person?"))
    assert isinstance(events[-1], SafetyNotice) and events[-1].kind == "human"
    assert "not a human" in events[-1].text


def test_no_model_explains_how_to_get_one_and_keeps_the_message(db: Database) -> None:
    session = _session(db, None)
    with pytest.raises(ModelUnavailable, match="companion model add"):
        list(session.send("hello"))
    assert [m.content for m in session.messages()] == ["hello"]


def test_empty_and_whitespace_messages_are_refused(db: Database, engine: Engine) -> None:
    for text in ("", "   \n\t"):
        with pytest.raises(EmptyMessage):
            list(_session(db, engine).send(text))
    assert store.list_conversations(db) == []


def test_a_100kb_message_is_kept_whole_and_clipped_for_the_model(
    db: Database, engine: Engine
) -> None:
    text = "I keep going over the same worry. " * 3000  # ~100 KB
    session = _session(db, engine)
    done = _reply(list(session.send(text)))
    assert done.message is not None
    assert (
        session.messages()[0].content == text.strip() or len(session.messages()[0].content) > 99_000
    )
    assert session.last_prompt_tokens <= engine.n_ctx - session.budget().reply_tokens


def test_multi_turn_memory_is_in_the_prompt_and_used(db: Database, engine: Engine) -> None:
    session = _session(db, engine, tokens=24)
    list(session.send("My dog is called Biscuit."))
    chat = session.build_prompt()
    assert any("Biscuit" in m["content"] for m in chat if m["role"] == "user")
    done = _reply(list(session.send("What is my dog called?")))
    assert done.message is not None and "Biscuit" in done.message.content
    assert done.stats.reused_tokens > 0.8 * done.stats.prompt_tokens  # prefix reuse


def test_stop_mid_way_keeps_the_partial_reply_marked_stopped(db: Database, engine: Engine) -> None:
    cancel = threading.Event()
    session = _session(db, engine, tokens=64)
    pieces = 0
    events = []
    for event in session.send("Tell me about sleep.", cancel=cancel):
        events.append(event)
        if isinstance(event, ReplyPiece):
            pieces += 1
            if pieces == 3:
                cancel.set()
    done = _reply(events)
    assert done.message is not None and done.message.status == "stopped"
    assert done.stats.stopped and done.message.content
    assert session.messages()[-1].status == "stopped"


def test_closing_the_stream_keeps_the_partial_reply(db: Database, engine: Engine) -> None:
    session = _session(db, engine, tokens=64)
    stream = session.send("Tell me about sleep.")
    for event in stream:
        if isinstance(event, ReplyPiece):
            break
    assert isinstance(stream, Generator)
    stream.close()  # e.g. Ctrl-C or the screen closed
    last = session.messages()[-1]
    assert last.role == "assistant" and last.status == "stopped" and last.content


def test_regenerate_replaces_the_last_reply(db: Database, engine: Engine) -> None:
    session = _session(db, engine)
    with pytest.raises(NothingToRegenerate):
        list(session.regenerate())
    list(session.send("Hi there."))
    first = session.messages()[-1]
    events = list(session.regenerate())
    assert not any(isinstance(e, UserSaved) for e in events)  # the question is not re-sent
    done = _reply(events)
    assert done.message is not None and done.message.created_utc >= first.created_utc
    assert [m.role for m in session.messages()] == ["user", "assistant"]


def test_output_guard_replaces_a_failing_reply(
    db: Database, engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    import companion.core.safety as safety

    monkeypatch.setattr(safety, "check_output", lambda text: safety.GuardResult(False, "test"))
    events = list(_session(db, engine).send("Hello."))
    replaced = [e for e in events if isinstance(e, ReplyReplaced)]
    assert replaced and replaced[0].text == safety.SAFE_REPLACEMENT
    done = _reply(events)
    assert done.message is not None and done.message.status == "replaced"
    assert done.message.content == safety.SAFE_REPLACEMENT and done.message.meta["guard"] == "test"


def test_long_conversation_is_summarised_and_never_overflows(db: Database, engine: Engine) -> None:
    session = _session(db, engine, tokens=24)
    limit = engine.n_ctx - session.budget().reply_tokens
    summarised = 0
    for turn in range(24):
        events = list(
            session.send(f"Turn {turn}: today I tidied the garden and phoned my sister Anna.")
        )
        summarised += sum(isinstance(e, Summarising) for e in events)
        assert session.last_prompt_tokens <= limit
    conversation = store.get_conversation(db, session.conversation_id or 0)
    assert summarised >= 1 and conversation.summary and conversation.summary_upto > 0
    # folding happens in blocks (rarely), not at every turn
    assert summarised <= 6
    chat = session.build_prompt()
    assert "Summary of your earlier conversation" in chat[0]["content"]


def test_a_200_turn_conversation_fits_and_keeps_reusing_the_prefix(
    db: Database, engine: Engine
) -> None:
    """199 earlier turns (as after months of use, or a smaller model than the one that wrote
    them), then real turns: the prompt fits, the summary covers the old turns, the newest stay
    verbatim, and the next turn reuses the prefix instead of summarising again."""
    conversation = store.create_conversation(db, "A long one")
    topics = ["sleep", "work", "my sister Anna", "the garden", "running", "a deadline"]
    for turn in range(199):
        topic = topics[turn % len(topics)]
        store.add_message(
            db, conversation.id, "user", f"Turn {turn}: I keep thinking about {topic}."
        )
        store.add_message(db, conversation.id, "assistant", f"What do you notice about {topic}?")
    session = _session(db, engine, conversation.id)
    limit = engine.n_ctx - session.budget().reply_tokens

    first = list(session.send("Turn 199: can we look at the deadline again?"))
    assert any(isinstance(e, Summarising) for e in first)
    reply = _reply(first).message
    assert reply is not None and reply.content.strip()
    assert session.last_prompt_tokens <= limit
    assert not session.needs_summary()  # so build_prompt() below only reads
    chat = session.build_prompt()
    assert "Summary of your earlier conversation" in chat[0]["content"]
    said = [m["content"] for m in chat[1:]]
    assert "Turn 199: can we look at the deadline again?" in said
    assert "Turn 198: I keep thinking about sleep." in said
    assert not any(text.startswith("Turn 10:") for text in said)

    second = list(session.send("Turn 200: thank you, that helps."))
    assert not any(isinstance(e, Summarising) for e in second)
    assert session.last_prompt_tokens <= limit
    reply = _reply(second).message
    assert reply is not None and reply.meta["reused_tokens"] > 0
    assert len(store.list_messages(db, conversation.id)) == 2 * 201


def resumed_reads(engine: Engine, session: ChatSession, db: Database) -> bool:
    """Whether restoring reads the state file (not when the engine holds it already)."""
    calls: list[int] = []
    original = engine.load_state_bytes

    def counting(data: bytes | memoryview, tokens: list[int]) -> bool:
        calls.append(len(tokens))
        return original(data, tokens)

    engine.load_state_bytes = counting  # type: ignore[method-assign]
    try:
        assert _session(db, engine, session.conversation_id).restore_state()
    finally:
        del engine.load_state_bytes
    return bool(calls)


def test_resume_after_restart_with_saved_state(db: Database, engine: Engine) -> None:
    session = _session(db, engine)
    list(session.send("I started journaling this week."))
    from companion.core.llm import states

    assert session.save_state()
    state = states.state_file(session.conversation_id or 0)
    assert state.stat().st_mode & 0o777 == 0o600
    saved = engine.evaluated_tokens()
    assert engine.holds(saved) and resumed_reads(engine, session, db) is False
    engine.reset()  # as after a restart: an empty KV cache
    assert not engine.holds(saved)
    resumed = _session(db, engine, session.conversation_id)
    assert resumed.restore_state() and engine.holds(saved)
    done = _reply(list(resumed.send("It helps a little.")))
    assert done.stats.reused_tokens > 0.8 * done.stats.prompt_tokens
    assert [m.role for m in resumed.messages()] == ["user", "assistant"] * 2


def test_personal_context_is_visible_and_controlled(db: Database) -> None:
    from companion.core.store.checkins import add_checkin

    assert personal_context_text(db) == ""
    for mood in (3, 4, 6, 7):
        add_checkin(db, mood)
    set_personal_context(db, PersonalContext(goals="sleep by 11", notes="I like walking"))
    text = personal_context_text(db)
    assert "over the last 7 days was 5 out of 10 (4 check-ins)" in text
    assert "sleep by 11" in text and "walking" in text
    set_personal_context(db, PersonalContext(share_mood=False))
    assert personal_context_text(db) == ""
