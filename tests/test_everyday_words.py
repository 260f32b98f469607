"""Words that say what is true (issue 15): counts, names, the keys a front end really has,
and Help now at a tiny terminal keeping the emergency number in view."""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database
from textual.app import App, ComposeResult

from companion.core.exercises.model import Step
from companion.core.exercises.validation import AnswerError, validate_answer
from companion.core.insights.sentences import insight_sentences
from companion.core.safety.compose import CLI
from companion.core.safety.followup import CRISIS_FOLLOW_UP
from companion.core.safety.guard import SAFE_REPLACEMENT
from companion.core.safety.helplines import country_names
from companion.core.safety.replies import ReplyName, render_reply
from companion.ui.cli._common import for_the_shell
from companion.ui.tui.widgets.step_timed import Countdown, TimedStep
from tests.test_insights_data import TODAY, exercise
from tests.tui_helpers import make_app


def test_one_experiment_is_not_one_of_your_one(db: Database) -> None:
    exercise(db, "behavioural_experiment", TODAY, {"prediction": "x", "prediction_came_true": 10})
    sentences = insight_sentences(db, TODAY)
    assert "1 of your 1" not in " ".join(sentences)
    assert (
        "In your one behavioural experiment with an outcome, the feared prediction did not "
        "come true." in sentences
    )


def test_counts_never_say_thing_s() -> None:
    step = Step(id="see", type="list", prompt="Name 5 things", item_label="thing", min_items=5)
    try:
        validate_answer(step, ["a", "b"], {})
    except AnswerError as error:
        assert str(error) == "Please add at least 5 things."
    else:  # pragma: no cover
        raise AssertionError("too few items were accepted")


def test_the_cli_never_says_press_f1() -> None:
    for text in (SAFE_REPLACEMENT, CRISIS_FOLLOW_UP):
        shell = for_the_shell(text)
        assert "F1" not in shell and "companion sos" in shell
    for name in ReplyName:  # the scripted replies, as the CLI renders them
        assert "F1" not in render_reply(name, help=CLI.help, emergency="999"), name


def test_countries_are_listed_by_name() -> None:
    names = list(country_names().values())
    assert names == sorted(names, key=str.casefold)


class _TimedApp(App[None]):
    def compose(self) -> ComposeResult:
        yield TimedStep(Step(id="t", type="timed", prompt="", seconds=900))


async def test_a_timed_step_waits_for_enter() -> None:
    app = _TimedApp()
    async with app.run_test() as pilot:
        countdown = app.query_one(Countdown)
        countdown.focus()
        await pilot.pause()
        assert countdown.started is None
        assert "Press Enter to start the 15-minute timer" in str(countdown.render())
        await pilot.press("enter")
        assert countdown.started is not None
        assert "left" in str(countdown.render())


async def test_help_now_at_40x12_keeps_the_emergency_number_on_screen() -> None:
    app = make_app()
    async with app.run_test(size=(40, 12)) as pilot:
        app.action_help_now()
        for _ in range(4):
            await pilot.pause()
        screen: Any = app.screen
        body = screen.query_one("#crisis-body")
        body.scroll_end(animate=False)  # as after tabbing down to the safety plan
        await pilot.pause()
        emergency = screen.query_one("#crisis-emergency")
        assert "Emergency" in str(emergency.render())
        assert emergency.region.y >= 0 and emergency.region.bottom <= 12
        assert emergency.region.height >= 1
