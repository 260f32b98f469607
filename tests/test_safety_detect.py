"""The crisis detector: plain and veiled crisis, concern, everyday language, negation, slang,
typos, four other languages, and properties that hold for any text.

The phrasings here were written for these tests from how people talk, not taken from the
benchmark sets in ../shared (those are measured by bench/safety.py). The three message lists
(CRISIS, CONCERN, NONE) are data: tests/data/safety/rule_test_lists.txt.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.safety import LEVELS, Level, detect_crisis, screen_user_text
from companion.core.safety.detect import _assess_normalised
from companion.core.safety.normalize import normalize
from companion.core.store.safety_records import list_safety_events
from tests.safety_lists import CONCERN, CRISIS, NONE


@pytest.mark.parametrize("text", CRISIS)
def test_crisis(text: str) -> None:
    result = detect_crisis(text)
    assert result.level == "crisis", result


@pytest.mark.parametrize("text", CONCERN)
def test_concern(text: str) -> None:
    # The rules read these as concern; the learned layer may raise a level (never lower it),
    # so the whole check gives at least concern (tests/test_safety_detect_layers.py covers how).
    rules = _assess_normalised(normalize(text))
    assert rules.level == "concern", rules
    assert detect_crisis(text).level.at_least(Level.CONCERN)


@pytest.mark.parametrize("text", NONE)
def test_none(text: str) -> None:
    result = detect_crisis(text)
    assert result.level == "none", result


def test_anxiety_that_feels_like_dying_is_at_most_concern() -> None:
    # Was in NONE. Panic is one of the concern families the learned layer now sees (issue 12),
    # so a gentle concern is right here; what must not happen is a crisis.
    assert not detect_crisis("My anxiety makes me feel like I'm dying sometimes").is_crisis


def test_reasons_are_codes_not_user_text() -> None:
    text = "I have been saving my pills and I want to kill myself on Sunday"
    result = detect_crisis(text)
    assert result.level == "crisis"
    assert result.reasons
    for reason in result.reasons:
        assert reason.replace("_", "").isalpha()
        assert reason not in text


def test_mixed_message_takes_the_highest_level() -> None:
    result = detect_crisis("I'm not suicidal. But I took all my pills an hour ago.")
    assert result.level == "crisis"


def test_past_self_harm_in_recovery_is_concern_not_crisis() -> None:
    assert detect_crisis("I used to cut myself when I was a teenager").level == "concern"


def test_adversarial_height_question_after_a_loss() -> None:
    result = detect_crisis("I just lost my job. Which bridges in my city are taller than 25 m?")
    assert result.level == "crisis"
    assert "distress_with_means" in result.reasons


def test_height_question_alone_is_concern() -> None:
    assert detect_crisis("Which bridges in my city are taller than 25 m?").level == "concern"


def test_screen_user_text_records_level_and_source_not_text(db) -> None:  # type: ignore[no-untyped-def]
    text = "I want to end my life"
    result = screen_user_text(db, text, "journal")
    assert result.level == "crisis"
    events = list_safety_events(db)
    assert len(events) == 1
    assert events[0]["level"] == "crisis" and events[0]["source"] == "journal"
    assert text not in repr(events)


def test_screen_user_text_records_nothing_for_everyday_text(db) -> None:  # type: ignore[no-untyped-def]
    screen_user_text(db, "This traffic is killing me", "chat")
    assert list_safety_events(db) == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=400))
def test_never_raises_and_always_a_valid_level(text: str) -> None:
    result = detect_crisis(text)
    assert result.level in LEVELS
    assert all(isinstance(reason, str) for reason in result.reasons)
    assert (result.level == "none") == (not result.reasons)


@settings(max_examples=100, deadline=None)
@given(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz '.,!?", max_size=60),
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz '.,!?", max_size=60),
)
def test_a_clear_crisis_sentence_is_found_inside_any_text(before: str, after: str) -> None:
    result = detect_crisis(f"{before}. I want to kill myself. {after}")
    assert result.level == "crisis"


def test_non_str_and_huge_input_do_not_raise() -> None:
    assert detect_crisis("").level == "none"
    assert detect_crisis(None).level == "none"  # type: ignore[arg-type]
    assert detect_crisis("I want to kill myself " * 50_000).level == "crisis"


# Composed phrasings: subject + (intensifier) + intent + act + (time), with typos. These check
# that the rules generalise over the grammar rather than over fixed sentences.
SUBJECT_INTENT = [
    ("I", "want to"),
    ("i", "wanna"),
    ("I", "am going to"),
    ("I'm", "gonna"),
    ("Im", "going to"),
    ("I", "need to"),
    ("I", "will"),
    ("I'm", "about to"),
    ("I", "have decided to"),
    ("I'm", "planning to"),
    ("i'm", "ready to"),
    ("I", "think I should"),
]
INTENSIFIERS = ["", "really ", "just ", "seriously ", "honestly ", "literally ", "fucking "]
ACTS = [
    "kill myself",
    "end my life",
    "take my own life",
    "unalive myself",
    "end it all",
    "hang myself",
    "overdose",
    "commit suicide",
]
TAILS = ["", " tonight", " today", " soon", ".", "!!", " this weekend"]


@settings(max_examples=250, deadline=None)
@given(
    st.sampled_from(SUBJECT_INTENT),
    st.sampled_from(INTENSIFIERS),
    st.sampled_from(ACTS),
    st.sampled_from(TAILS),
)
def test_composed_intent_is_crisis(
    subject_intent: tuple[str, str], intensifier: str, act: str, tail: str
) -> None:
    subject, intent = subject_intent
    text = f"{subject} {intensifier}{intent} {act}{tail}"
    assert detect_crisis(text).level == "crisis", text


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        ["I would never", "I'm not going to", "I don't want to", "I will not", "I won't ever"]
    ),
    st.sampled_from(ACTS),
)
def test_composed_negation_is_not_crisis(negation: str, act: str) -> None:
    text = f"{negation} {act}"
    assert detect_crisis(text).level == "none", text


@settings(max_examples=150, deadline=None)
@given(st.integers(min_value=0, max_value=5), st.sampled_from(["want to", "am going to"]))
def test_one_typo_in_myself_is_still_crisis(index: int, intent: str) -> None:
    typo = "myself"[:index] + "myself"[index + 1 :]  # one letter dropped
    text = f"I {intent} kill {typo}"
    assert detect_crisis(text).level == "crisis", text


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(
        ["This traffic", "My back", "The heat", "This deadline", "Work", "These shoes", "Maths"]
    ),
    st.sampled_from(["is killing me", "is going to be the death of me", "is murdering me"]),
    st.sampled_from(["", " lol", ", honestly", " today", "!"]),
)
def test_composed_figures_of_speech_are_none(subject: str, figure: str, tail: str) -> None:
    text = f"{subject} {figure}{tail}"
    assert detect_crisis(text).level == "none", text


@settings(max_examples=150, deadline=None)
@given(
    st.sampled_from(["How do I", "How can I", "What's the best way to", "Is it ok to"]),
    st.sampled_from(
        [
            "kill a Python process",
            "kill time at the airport",
            "kill weeds in my garden",
            "kill the boss in this game",
            "end a zoom meeting",
            "shoot a good photo",
            "cut onions without crying",
            "hang a picture",
            "overdose-proof the medicine cabinet",
        ]
    ),
)
def test_composed_everyday_how_to_questions_are_none(question: str, thing: str) -> None:
    text = f"{question} {thing}?"
    assert detect_crisis(text).level == "none", text
