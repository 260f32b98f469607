"""What a person sees when the model in use did not pass the checks a feature needs: the
deterministic version, and one line saying so with how to get a model that can (the shipped
fitness result of the embedded model, companion/core/llm/fitness_embedded.json)."""

from __future__ import annotations

from typing import Any

import pytest

from companion.ui.tui.screens.exercise_run import ExerciseRunScreen
from tests.tui_helpers import make_app

SIZE = (100, 40)


async def test_socratic_help_with_an_unfit_model_shows_template_questions(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(*_: Any) -> Any:
        raise AssertionError("an unfit model must not be loaded for this")

    monkeypatch.setattr("companion.ui.tui.widgets.step_ai.load_engine_once", never)
    app = make_app(start=("exercise", "thought_record"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", *"Late train", "ctrl+n", *"anxious 70", "ctrl+n")
        await pilot.press("ctrl+g")  # on "What went through your mind?"
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseRunScreen)
        shown = str(screen.query_one("#ex-ai").render())
    assert "Questions to consider" in shown and "from the local model" not in shown
    assert "What were you afraid might happen?" in shown
    lines = [line for line in shown.splitlines() if "did not pass" in line]
    assert len(lines) == 1 and "companion model recommend" in lines[0]


async def test_the_weekly_reflection_with_an_unfit_model_uses_the_figures_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from tests.test_insights_tui import fill, open_insights, text_of

    def never(*_: Any, **__: Any) -> Any:
        raise AssertionError("an unfit model must not be loaded for this")

    fill()
    monkeypatch.setattr("companion.core.llm.shared.shared_engine", never)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_insights(app, pilot)
        await pilot.press("r")
        await app.workers.wait_for_complete()
        await pilot.pause()
        reflection = text_of(app, "#reflection-text")
    assert "Reflection from the figures alone (no model)" in reflection
    assert "Your average mood this week was" in reflection
    assert "did not pass the faithfulness" in " ".join(reflection.split())
