"""Honest disclosure: when it is shown, the human-or-bot question, the long-chat break, and the
safety plan's sections."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from companion.core.safety import asks_if_human
from companion.core.safety.disclosure import (
    BREAK_MESSAGE,
    DISCLOSURE_TEXT,
    HUMAN_ANSWER,
    break_due,
    mark_disclosure_seen,
    needs_disclosure,
    record_visit,
)
from companion.core.safety.plan import SECTION_KEYS, SECTIONS, is_empty, render_plan

NOW = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)


def test_first_run_needs_disclosure(db) -> None:  # type: ignore[no-untyped-def]
    assert needs_disclosure(db, NOW)


def test_not_again_within_seven_days_but_after(db) -> None:  # type: ignore[no-untyped-def]
    mark_disclosure_seen(db, NOW)
    assert not needs_disclosure(db, NOW + timedelta(days=6, hours=23))
    record_visit(db, NOW + timedelta(days=6))
    assert not needs_disclosure(db, NOW + timedelta(days=12))
    assert needs_disclosure(db, NOW + timedelta(days=13))


def test_unreadable_settings_mean_show_it_again(db) -> None:  # type: ignore[no-untyped-def]
    from companion.core.store.app_state import set_setting

    set_setting(db, "disclosure_seen_utc", "not a date")
    assert needs_disclosure(db, NOW)


def test_disclosure_says_what_it_is_and_is_not() -> None:
    text = DISCLOSURE_TEXT.lower()
    for phrase in ("ai-assisted self-help", "not a person", "not therapy", "emergency", "machine"):
        assert phrase in text
    assert "not a person" in HUMAN_ANSWER.lower() and "f1" in HUMAN_ANSWER.lower()


@pytest.mark.parametrize(
    ("minutes_in", "setting", "due"),
    [(44, 45, False), (45, 45, True), (90, 45, True), (500, 0, False), (10, 10, True)],
)
def test_break_due(minutes_in: int, setting: int, due: bool) -> None:
    assert break_due(NOW, NOW + timedelta(minutes=minutes_in), setting) is due


def test_break_message_is_gentle() -> None:
    assert "break" in BREAK_MESSAGE and "someone" in BREAK_MESSAGE


@pytest.mark.parametrize(
    "text",
    [
        "are you a real person?",
        "r u a bot",
        "Am I talking to a human?",
        "is this an AI",
        "wait, are you human or a machine",
        "is there a real person reading this?",
        "who am I talking to",
        "are you a therapist?",
        "¿eres un bot?",
        "es-tu un robot ?",
        "bist du ein Mensch?",
        "você é um robô?",
    ],
)
def test_asks_if_human(text: str) -> None:
    assert asks_if_human(text)


@pytest.mark.parametrize(
    "text",
    [
        "I feel like a robot at work",
        "my friend is a real person who cares",
        "I talked to a human resources person today",
        "humans are hard",
        "",
    ],
)
def test_not_asking_if_human(text: str) -> None:
    assert not asks_if_human(text)


def test_plan_has_six_stanley_brown_sections_and_reasons_for_living() -> None:
    assert SECTION_KEYS == (
        "warning_signs",
        "coping_strategies",
        "distractions",
        "people_to_ask",
        "professionals",
        "safe_environment",
        "reasons_for_living",
    )
    assert all(section.title and section.prompt for section in SECTIONS)


def test_render_plan_in_order_and_literal() -> None:
    plan = {"reasons_for_living": ["my cat"], "warning_signs": ["[b]no sleep[/b]"], "bogus": ["x"]}
    text = render_plan(plan, include_empty=False)
    assert text.index("warning signs") < text.index("reasons for living")
    assert "[b]no sleep[/b]" in text and "bogus" not in text
    assert "(empty:" in render_plan({})
    assert is_empty({"warning_signs": ["  "]}) and not is_empty(plan)


def test_follow_up_after_a_hard_moment_then_acknowledged(db) -> None:  # type: ignore[no-untyped-def]
    from companion.core.safety.followup import (
        CONCERN_FOLLOW_UP,
        CRISIS_FOLLOW_UP,
        acknowledge_follow_up,
        follow_up_message,
    )
    from companion.core.store.safety_records import record_safety_event

    assert follow_up_message(db, NOW) is None
    record_safety_event(db, "concern", "journal", ["hopelessness"], now=NOW - timedelta(days=2))
    assert follow_up_message(db, NOW) == CONCERN_FOLLOW_UP
    record_safety_event(db, "crisis", "chat", ["suicidal_intent"], now=NOW - timedelta(days=1))
    assert follow_up_message(db, NOW) == CRISIS_FOLLOW_UP
    acknowledge_follow_up(db, NOW)
    assert follow_up_message(db, NOW + timedelta(hours=1)) is None
    assert follow_up_message(db, NOW + timedelta(days=30)) is None


def test_no_follow_up_for_old_events(db) -> None:  # type: ignore[no-untyped-def]
    from companion.core.safety.followup import follow_up_message
    from companion.core.store.safety_records import record_safety_event

    record_safety_event(db, "crisis", "chat", ["goodbye"], now=NOW - timedelta(days=10))
    assert follow_up_message(db, NOW) is None
