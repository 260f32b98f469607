"""The QuestionnaireScreen with Pilot: keys 0-3, arrows and Enter, going back, the result, and
PHQ-9 item 9 opening the safety flow after saving."""

from __future__ import annotations

import importlib.util
from typing import Any

import pytest
from textual.widgets import Static

from companion.core.store import drafts, open_db
from companion.core.store.questionnaire_results import list_questionnaire_results
from companion.core.store.safety_records import list_safety_events
from companion.ui.tui.screens.crisis import CrisisScreen
from companion.ui.tui.screens.questionnaire import QuestionnaireScreen
from tests.tui_helpers import FIXED_NOW, make_app


def spy_help_now(app: Any) -> list[str]:
    calls: list[str] = []
    original = app.action_help_now

    def spy(detected: bool = False, decision: Any = None) -> None:
        calls.append("help_now" if detected else "help_now (key)")
        original(detected=detected, decision=decision)

    app.action_help_now = spy
    return calls


def result_text(app: Any) -> str:
    return str(app.screen.query_one("#questionnaire-result", Static).render())


async def test_gad7_with_digit_keys() -> None:
    app = make_app()
    calls = spy_help_now(app)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(QuestionnaireScreen("gad7"))
        await pilot.pause()
        assert "Question 1 of 7" in str(
            app.screen.query_one("#questionnaire-progress", Static).render()
        )
        await pilot.press("3", "3", "9", "2")  # 9 is not an answer
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.screen.answers == [3, 3, 2]
        await pilot.press("backspace", "1", "2", "1", "1", "0")
        await pilot.pause()
        text = result_text(app)
        assert "Your GAD-7 score is 11 out of 21: moderate." in text
        assert "not a diagnosis" in text and "professional" in text
    saved = list_questionnaire_results(open_db())
    assert [(a.instrument, a.answers, a.band) for a in saved] == [
        ("gad7", [3, 3, 1, 2, 1, 1, 0], "moderate")
    ]
    assert saved[0].created_utc.startswith(FIXED_NOW.isoformat()[:16])
    assert calls == []


async def test_arrows_and_enter() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(QuestionnaireScreen("gad7"))
        await pilot.pause()
        for _ in range(7):
            await pilot.press("down", "enter")
        await pilot.pause()
        assert "Your GAD-7 score is 7 out of 21: mild." in result_text(app)
        await pilot.press("3")  # ignored once finished
    assert len(list_questionnaire_results(open_db())) == 1


@pytest.mark.parametrize("item9", ["1", "3"])
async def test_phq9_item9_opens_the_safety_flow_after_saving(item9: str) -> None:
    app = make_app()
    calls = spy_help_now(app)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(QuestionnaireScreen("phq9"))
        await pilot.pause()
        await pilot.press(*["0"] * 8, item9)
        await pilot.pause()
        assert calls == ["help_now"]
        if importlib.util.find_spec("companion.ui.tui.screens.crisis") is not None:
            assert isinstance(app.screen, CrisisScreen)
    db = open_db()
    assert [a.total for a in list_questionnaire_results(db)] == [int(item9)]
    assert [e["reasons"] for e in list_safety_events(db)] == [["phq9_item9"]]


async def test_phq9_without_item9_does_not() -> None:
    app = make_app()
    calls = spy_help_now(app)
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(QuestionnaireScreen("phq9"))
        await pilot.pause()
        await pilot.press(*["3"] * 8, "0")
        await pilot.pause()
        assert "24 out of 27: severe" in result_text(app)
    assert calls == [] and list_safety_events(open_db()) == []


async def test_answers_so_far_survive_leaving() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(QuestionnaireScreen("gad7"))
        await pilot.pause()
        await pilot.press("2", "2", "1", "escape")
        await pilot.pause()
        app.push_screen(QuestionnaireScreen("gad7"))
        await pilot.pause()
        progress = str(app.screen.query_one("#questionnaire-progress", Static).render())
        assert isinstance(app.screen, QuestionnaireScreen)
        assert "Question 4 of 7" in progress and app.screen.answers == [2, 2, 1]
        await pilot.press("0", "0", "0", "0")
        await pilot.pause()
        assert "score is 5 out of 21: mild" in result_text(app)
    db = open_db()
    assert drafts.load_draft(db, "assessment:gad7") is None
    assert [a.answers for a in list_questionnaire_results(db)] == [[2, 2, 1, 0, 0, 0, 0]]
