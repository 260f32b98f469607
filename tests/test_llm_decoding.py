"""Decoding for small models: the streaming filter (loops, stage directions, sentence cap and
boundary, persona claims), the text checks it uses, and the DRY sampler in the real engine's
chain, with the real embedded model where a model matters."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.llm import Engine, load_engine, quality
from companion.core.llm.decoding import Decoding, ReplyFilter, chat_decoding, size_class
from companion.core.llm.engine import GenerationStats

LOOP = "I'm going to offer a solution that will help you. "


def _run(decoding: Decoding, pieces: list[str], finish: str | None = "stop") -> ReplyFilter:
    if finish == "length":  # the model stopped because it reached the cap
        decoding = replace(decoding, max_tokens=len(pieces))
    shaper = ReplyFilter(decoding)
    shown = ""
    for piece in pieces:
        shown += shaper.feed(piece)
        if shaper.stop_reason is not None:
            break
    shown += shaper.finish(finish)
    # what was streamed is the final reply, or ran a few words into a loop that was cut
    assert shown == shaper.text or (shaper.stop_reason == "loop" and shown.startswith(shaper.text))
    return shaper


def _tokens(text: str) -> list[str]:
    """Roughly how a tokenizer cuts text: words with their leading space, punctuation apart."""
    import re

    return re.findall(r"\s*\w+|\s*[^\w\s]|\s+", text)


def test_a_repeated_sentence_stops_the_reply_after_its_first_time() -> None:
    shaper = _run(chat_decoding(135_000_000), _tokens("That sounds hard. " + LOOP * 8))
    assert shaper.text == "That sounds hard. I'm going to offer a solution that will help you."
    assert shaper.stop_reason == "loop"


def test_a_phrase_loop_inside_a_sentence_ends_at_the_last_good_sentence() -> None:
    text = "It was a long day. I think I think I think I think I think so"
    shaper = _run(Decoding(), _tokens(text))
    assert shaper.text == "It was a long day."
    assert shaper.stop_reason == "loop"


def test_stage_directions_are_removed_while_streaming() -> None:
    text = "(sigh) I hear you. *smiles* That sounds heavy (looking at you). What helped today?"
    shaper = _run(Decoding(), _tokens(text))
    assert shaper.text == "I hear you. That sounds heavy. What helped today?"


def test_asides_that_are_not_stage_directions_stay() -> None:
    text = "Try a thought record (CBT) and rate it (0-10). How does that sound?"
    assert _run(Decoding(), _tokens(text)).text == text


def test_the_sentence_cap_ends_the_reply_at_a_boundary() -> None:
    text = "One. Two is here. Three is here. Four is here. Five is here. Six."
    shaper = _run(Decoding(max_sentences=4), _tokens(text))
    assert shaper.text == "One. Two is here. Three is here. Four is here."
    assert shaper.stop_reason == "cap"


def test_a_reply_cut_by_the_token_cap_drops_its_unfinished_sentence() -> None:
    text = "That sounds hard. What would you say to a friend who"
    shaper = _run(Decoding(), _tokens(text), finish="length")
    assert shaper.text == "That sounds hard."


def test_chat_drops_sentences_that_claim_a_person_body_past_or_relationship() -> None:
    text = (
        "You have a partner, and that's me. When I was young I felt the same. "
        "That sounds lonely. What would help tonight?"
    )
    shaper = _run(chat_decoding(135_000_000), _tokens(text))
    assert shaper.text == "That sounds lonely. What would help tonight?"
    # the helpers keep them: a balanced thought is in the person's own voice
    assert "When I was young" in _run(Decoding(), _tokens(text)).text


def test_lines_stay_lines() -> None:
    text = "What went well?\nWhat was hard?\nWhat would you try next?\n"
    assert _run(Decoding(max_sentences=3), _tokens(text)).text == text.strip()


def test_the_cap_is_sized_to_the_model() -> None:
    small, large = chat_decoding(135_000_000), chat_decoding(7_000_000_000)
    assert size_class(135_000_000) == "small" and size_class(7_000_000_000) == "large"
    assert small.max_sentences is not None and large.max_sentences is not None
    assert small.max_tokens < large.max_tokens and small.max_sentences < large.max_sentences
    assert chat_decoding(7_000_000_000, max_reply_tokens=50).max_tokens == 50


_WORDS = st.sampled_from(
    ["I", "you", "feel", "hard", "today", "(sigh)", "*smiles*", "(CBT)", "what", "helps", "my"]
)
_ENDS = st.sampled_from([".", "?", "!", "", "\n", ","])


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.lists(_WORDS, min_size=1, max_size=8), _ENDS), max_size=12),
    st.sampled_from(["stop", "length"]),
    st.booleans(),
)
def test_streamed_text_is_always_the_final_reply(
    parts: list[tuple[list[str], str]], finish: str, chat: bool
) -> None:
    text = " ".join(" ".join(words) + end for words, end in parts)
    decoding = chat_decoding(135_000_000) if chat else Decoding(max_sentences=4)
    shaper = _run(decoding, _tokens(text), finish)  # asserts streamed == final
    assert not quality.stage_directions(shaper.text)
    assert not quality.has_loop(shaper.text)
    assert len(quality.sentences(shaper.text)) <= 4
    if chat:
        assert not quality.human_claims(shaper.text)


# -- the real engine --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    loaded = load_engine(n_ctx=1024)
    assert isinstance(loaded, Engine)  # no model server is configured in tests
    yield loaded
    loaded.close()


def test_the_sampler_chain_has_top_k_then_the_penalties_then_dry(engine: Engine) -> None:
    from llama_cpp import llama_cpp

    llm = engine._llm
    llm._companion_dry = Decoding()
    try:
        sampler = llm._init_sampler(temp=0.7, repeat_penalty=1.1)
        chain = sampler.sampler
        names = [
            llama_cpp.llama_sampler_name(llama_cpp.llama_sampler_chain_get(chain, i)).decode()
            for i in range(llama_cpp.llama_sampler_chain_n(chain))
        ]
    finally:
        llm._companion_dry = None
    # llama.cpp names it "?dry" in this version
    # the top-k cut first (the penalties and DRY then read 40 candidates, not the vocabulary)
    assert names[:2] == ["top-k", "penalties"] and "dry" in names[2] and names[-1] == "dist"
    plain = llm._init_sampler(temp=0.7)  # without a Decoding: the library's own chain
    assert llama_cpp.llama_sampler_chain_n(plain.sampler) == len(names) - 1


def test_the_embedded_model_no_longer_loops_or_acts(engine: Engine) -> None:
    """The message that looped to the cap before (bench/replies.py, first message)."""
    from companion.core.llm.context import system_text

    chat = [
        {"role": "system", "content": system_text("", "")},
        {"role": "user", "content": "Today was awful. I couldn't get out of bed until noon."},
    ]
    decoding = chat_decoding(engine.parameters)
    stats = GenerationStats()
    pieces = list(
        engine.stream_chat(
            chat,
            max_tokens=decoding.max_tokens,
            temperature=0.7,
            seed=0,
            stats=stats,
            decoding=decoding,
        )
    )
    text = "".join(pieces)
    assert text.strip()
    assert not quality.has_loop(text)
    assert not quality.stage_directions(text)
    assert not quality.human_claims(text)
    assert len(quality.sentences(text)) <= 4
    assert stats.completion_tokens <= decoding.max_tokens
