"""The InsightsScreen with Pilot: empty states, charts and sentences, the weekly reflection
(with a stand-in model), and snapshots at 80x24."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from textual.widgets import Static

from companion.core.insights import insight_sentences
from companion.core.insights.questionnaires import record_result, score
from companion.core.store import open_db
from companion.core.store.checkins import add_checkin
from companion.core.store.exercise_records import complete_exercise, start_exercise
from companion.ui.tui.screens.insights import InsightsScreen
from companion.ui.tui.screens.questionnaire import QuestionnaireScreen
from tests.fitness_helpers import allow_model_features
from tests.tui_helpers import FIXED_NOW, make_app


def fill() -> None:
    db = open_db()
    for day in range(80):
        if day % 3:
            add_checkin(db, 3 + (day * 7) % 6, now=FIXED_NOW - timedelta(days=day))
    for day, phq in ((60, [2, 2, 1, 1, 1, 1, 0, 0, 0]), (3, [1, 1, 1, 0, 0, 0, 0, 0, 0])):
        record_result(db, score("phq9", phq), now=FIXED_NOW - timedelta(days=day))
        record_result(db, score("gad7", [2, 2, 2, 1, 1, 0, 0]), now=FIXED_NOW - timedelta(days=day))
    for _ in range(3):
        record = start_exercise(db, "thought_record", now=FIXED_NOW)
        data = {"distortions": ["mind reading"], "belief_before": 80, "belief_after": 50}
        complete_exercise(db, record.id, data, now=FIXED_NOW)
    db.close()


def text_of(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def settle(pilot: Any, done: Any) -> None:
    """Let workers run until ``done()`` (the worker starts after the first frame)."""
    for _ in range(500):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        if done():
            break
    await pilot.pause()
    assert done()


async def open_insights(app: Any, pilot: Any) -> None:
    app.push_screen(InsightsScreen())
    await settle(pilot, lambda: isinstance(app.screen, InsightsScreen) and app.screen.data)


async def test_empty_store_says_what_to_do() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_insights(app, pilot)
        screen = app.screen
        assert not screen.query_one("#mood-chart").display
        assert not screen.query_one("#scores-chart").display
        assert "Do a check-in" in text_of(app, "#mood-empty")
        assert "Press a for the PHQ-9" in text_of(app, "#scores-empty")
        assert "Nothing to show yet" in text_of(app, "#insights-sentences")


async def test_charts_and_the_same_sentences_as_the_cli() -> None:
    fill()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_insights(app, pilot)
        screen = app.screen
        assert isinstance(screen, InsightsScreen)
        assert screen.query_one("#mood-chart").display
        assert screen.query_one("#scores-chart").display
        assert not screen.query_one("#mood-empty").display
        shown = text_of(app, "#insights-sentences")
        expected = insight_sentences(open_db(), FIXED_NOW.astimezone().date())
        assert expected and all(line in shown for line in expected)
        assert screen.data is not None
        assert screen.data.days == 90 and len(screen.data.mood) == 90
        await pilot.press("p")
        await settle(pilot, lambda: screen.data is not None and screen.data.days == 365)


async def test_a_new_score_shows_on_return() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_insights(app, pilot)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        await pilot.press(*"1111111", "escape")
        await settle(
            pilot,
            lambda: (
                isinstance(app.screen, InsightsScreen)
                and app.screen.data is not None
                and app.screen.data.has_scores
            ),
        )
        assert isinstance(app.screen, InsightsScreen)
        assert app.screen.query_one("#scores-chart").display


class FakeEngine:
    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.messages: Any = None

    def complete(self, messages: Any, **_: Any) -> str:
        self.messages = messages
        return self.reply

    def close(self) -> None:
        pass


async def test_weekly_reflection_beside_its_figures(monkeypatch: pytest.MonkeyPatch) -> None:
    fill()
    engine = FakeEngine("You checked in 4 times this week. You did 42 exercises! Keep going.")
    monkeypatch.setattr("companion.core.llm.shared.shared_engine", lambda *_, **__: engine)
    monkeypatch.setattr("companion.ui.tui.model_loader._LOADS", {})  # no engine from another test
    allow_model_features(monkeypatch)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_insights(app, pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        figures = text_of(app, "#reflection-figures")
        reflection = text_of(app, "#reflection-text")
    assert "Mood check-ins this week: 4" in figures
    assert "You checked in 4 times this week." in reflection and "Keep going." in reflection
    assert "42" not in reflection and "1 sentence was left out" in reflection
    assert "Mood check-ins this week: 4" in engine.messages[0]["content"]


async def test_reflection_without_a_model_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from companion.core.llm import ModelUnavailable

    def unavailable(*_: Any, **__: Any) -> None:
        raise ModelUnavailable("No model file found: run `companion model pull`.")

    monkeypatch.setattr("companion.core.llm.shared.shared_engine", unavailable)
    monkeypatch.setattr("companion.ui.tui.model_loader._LOADS", {})  # no engine from another test
    allow_model_features(monkeypatch)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_insights(app, pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "No model file found" in text_of(app, "#reflection-text")


def test_snapshot_insights_80x24(snap_compare: Any) -> None:
    fill()

    async def run_before(pilot: Any) -> None:
        await open_insights(pilot.app, pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_snapshot_assessment_80x24(snap_compare: Any) -> None:
    async def run_before(pilot: Any) -> None:
        pilot.app.push_screen(QuestionnaireScreen("phq9"))
        await pilot.pause()
        await pilot.press("1", "2")

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)
