"""The weekly reflection: figures, the number check, the guard, and one short real-model run."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlite_utils import Database

from companion.core.insights import reflection as refl
from companion.core.insights.questionnaires import record_result, score
from companion.core.store.checkins import add_checkin
from companion.core.store.exercise_records import complete_exercise, start_exercise
from tests.time_helpers import at

TODAY = date(2026, 11, 22)


pytestmark = pytest.mark.usefixtures("utc_zone")


@pytest.fixture
def week(db: Database) -> list[str]:
    for offset, mood in ((0, 7), (1, 6), (3, 5), (9, 3)):
        add_checkin(db, mood, now=at(TODAY - timedelta(days=offset)))
    record = start_exercise(db, "thought_record", now=at(TODAY))
    complete_exercise(db, record.id, {}, now=at(TODAY))
    record_result(db, score("gad7", [1] * 7), now=at(TODAY - timedelta(days=2)))
    return refl.weekly_figures(db, TODAY)


def test_weekly_figures(week: list[str]) -> None:
    assert week == [
        "Week: 2026-11-16 to 2026-11-22",
        "Mood check-ins this week: 3",
        "Average mood this week (0-10): 6",
        "Average mood the week before (0-10): 3 from 1",
        "Exercises completed this week: 1 (1 thought record)",
        "Days in a row with some practice, up to today: 2",
        "Latest GAD-7: 7 (mild) on 2026-11-20",
    ]


def test_unsupported_numbers(week: list[str]) -> None:
    assert refl.unsupported_numbers("Your mood averaged 6.0 from 3 check-ins.", week) == []
    assert refl.unsupported_numbers("Your mood rose by 50% to 6.5 over 12 days.", week) == [
        "12",
        "50",
        "6.5",
    ]


def test_ground_drops_sentences_with_invented_numbers(week: list[str]) -> None:
    text = "You checked in 3 times! Your mood was 8.5 on Tuesday. Try one small walk next week."
    result = refl.ground(text, week)
    assert result.text == "You checked in 3 times! Try one small walk next week."
    assert result.dropped == ["Your mood was 8.5 on Tuesday."]


def test_ground_applies_the_output_guard(week: list[str]) -> None:
    result = refl.ground("As your therapist, I am here. You have depression.", week)
    assert result.text == "" and result.blocked_reason is not None


class Echo:
    def complete(self, messages: Any, **kwargs: Any) -> str:
        decoding = kwargs.pop("decoding")
        assert kwargs == {"max_tokens": refl.MAX_TOKENS, "temperature": 0.0, "seed": 0}
        assert decoding.max_sentences == 5 and decoding.stop_loops  # shaped like a reflection
        return "A steady week. You wrote 99 journal entries."


def test_write_reflection_uses_the_prompt_and_checks(week: list[str]) -> None:
    result = refl.write_reflection(Echo(), week)
    assert result.text == "A steady week."
    assert result.dropped == ["You wrote 99 journal entries."]


def test_real_model_reflection_invents_no_numbers(week: list[str]) -> None:
    from companion.core.llm import ModelUnavailable, load_engine

    try:
        engine = load_engine(n_ctx=512)
    except ModelUnavailable as error:
        pytest.skip(f"the embedded model is not available: {error}")
    try:
        result = refl.write_reflection(engine, week, max_tokens=40)
    finally:
        engine.close()
    assert refl.unsupported_numbers(result.text, week) == []
    for sentence in result.dropped:
        assert refl.unsupported_numbers(sentence, week)


def test_every_backend_is_a_completer() -> None:
    """The backends' one ``complete`` (ChatBackend's) takes ``decoding`` like Completer: mypy
    checks the return below (tests are type-checked), this test the signature at run time."""
    import inspect

    from companion.core.llm.completer import Completer
    from companion.core.llm.engine import Engine
    from companion.core.llm.remote import RemoteEngine

    def as_completers(engine: Engine, remote: RemoteEngine) -> list[Completer]:
        return [engine, remote]

    assert as_completers.__name__
    for backend in (Engine, RemoteEngine):
        assert backend.complete is Engine.complete
        assert "decoding" in inspect.signature(backend.complete).parameters
