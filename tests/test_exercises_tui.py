"""Pilot tests: every exercise completed start to finish by keyboard alone, drafts kept as the
person types, a crisis answer opening Help now, suggestions accepted, follow-ups due."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import OptionList

from companion.core.exercises import load_definitions
from companion.core.store import drafts
from companion.core.store import exercise_records as records
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.screens.crisis import CrisisScreen
from companion.ui.tui.screens.exercise_run import ExerciseRunScreen
from companion.ui.tui.screens.exercises import ExerciseListScreen
from companion.ui.tui.screens.home import HomeScreen
from tests.fitness_helpers import allow_model_features
from tests.tui_helpers import FIXED_NOW, make_app

SIZE = (100, 32)


def _keys_for(screen: ExerciseRunScreen) -> list[str]:
    """What a person types for the step on screen (Enter on one-line fields, ctrl+n on areas)."""
    if screen.intro:
        return ["enter"]
    session = screen.session
    assert session is not None
    step = session.current
    assert step is not None
    kind = step.type
    if kind == "text":
        return [*"Some words", "ctrl+n" if step.multiline else "enter"]
    if kind == "list":
        lines = ["one", "two", "three"][: max(step.min_items, 2)][: step.max_items]
        keys: list[str] = []
        for number, line in enumerate(lines):
            keys += ([] if number == 0 else ["enter"]) + list(line)
        return [*keys, "ctrl+n"]
    if kind in ("rating10", "rating100"):
        return ["5", "enter"]
    if kind == "rated_list":
        prefilled = session.initial_answer(step)
        return ["ctrl+n"] if prefilled else [*"calm 40", "ctrl+n"]
    if kind == "multichoice":
        return ["space", "ctrl+n"]
    if kind == "pros_cons":
        count = len(session.options(step))
        return [*"quick", "enter", *"slow", "enter"] + ["enter", "enter"] * (count - 1)
    if kind == "quiz":
        return ["enter", "enter"]
    return ["enter"]  # choice, date (+1), timed, paced, info, review


async def _complete(pilot: Pilot[Any], app: CompanionApp, limit: int = 40) -> None:
    for _ in range(limit):
        screen = app.screen
        if not isinstance(screen, ExerciseRunScreen):
            return
        await pilot.press(*_keys_for(screen))
        await pilot.pause()
        error = str(screen.query_one("#ex-error").render()) if screen.is_attached else ""
        assert not error, error
    raise AssertionError("the exercise did not finish")


EXPECTED_KEYS = {
    "thought_record": {"situation", "emotions", "hot_thought", "belief_before", "emotions_after"},
    "distortions_guide": {"browse", "practice_1", "practice_4", "own_example"},
    "behavioural_activation": {"activity", "mood", "values", "predicted_enjoyment"},
    "behavioural_experiment": {"belief", "prediction_rating", "plan", "follow_up_date"},
    "exposure_ladder": {"ladder", "rung", "suds_before", "suds_peak", "suds_after"},
    "worry_time": {"worries", "worry_period", "worry_timer", "solvable", "to_solve"},
    "problem_solving": {"problem", "options", "pros_cons", "chosen", "plan", "review_date"},
    "paced_breathing": {"before", "pattern", "breathing", "after"},
    "grounding": {"see", "touch", "hear", "smell", "taste"},
    "three_good_things": {"good_things", "why"},
    "self_compassion": {"difficulty", "common_humanity", "kindness", "distress_after"},
}


def test_every_builtin_exercise_is_covered() -> None:
    assert set(EXPECTED_KEYS) == set(load_definitions())


@pytest.mark.parametrize("name", sorted(EXPECTED_KEYS))
async def test_complete_each_exercise_by_keyboard(name: str) -> None:
    app = make_app(start=("exercise", name))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, ExerciseRunScreen)
        await _complete(pilot, app)
        if name == "worry_time":  # offered a hand-off to problem solving: not now
            await pilot.press("n")
            await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        record = records.list_exercises(app.db, exercise_type=name)[0]
        assert record.status == "complete"
        assert EXPECTED_KEYS[name] <= set(record.data), set(record.data)
        assert drafts.list_drafts(app.db) == []


async def test_worry_time_hands_off_to_problem_solving_by_keyboard() -> None:
    app = make_app(start=("exercise", "worry_time"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _complete(pilot, app)
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseRunScreen) and screen.session is not None
        assert screen.session.definition.name == "problem_solving"
        assert screen.session.data["problem"] == "one"
        await _complete(pilot, app)
        done = records.list_exercises(app.db, exercise_type="problem_solving")[0]
        assert "one" in done.data["problem"] and done.follow_up_date is not None


async def test_follow_up_due_tomorrow_is_listed_and_done_from_the_menu() -> None:
    app = make_app(start=("exercise", "behavioural_experiment"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await _complete(pilot, app)
        record = records.list_exercises(app.db)[0]
    tomorrow = FIXED_NOW.astimezone().date() + timedelta(days=1)
    assert record.follow_up_date == tomorrow.isoformat()

    later = make_app(clock=lambda: FIXED_NOW + timedelta(days=1))
    async with later.run_test(size=SIZE) as pilot:
        await pilot.pause()
        due = later.screen.query_one("#due", OptionList)
        shown = [str(due.get_option_at_index(n).prompt) for n in range(due.option_count)]
        assert any("Behavioural experiment to review" in line for line in shown), shown
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(later.screen, ExerciseListScreen)
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = later.screen
        assert isinstance(screen, ExerciseRunScreen) and screen.session is not None
        assert screen.session.phase == "follow_up"
        await _complete(pilot, later)
        done = records.get_exercise(later.db, record.id)
        assert done.follow_up_date is None and "outcome" in done.data


async def test_typing_is_kept_and_a_draft_resumes_from_the_menu() -> None:
    app = make_app(start=("exercise", "thought_record"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", *"Bus [b]late[/b]", "ctrl+n", *"half typed")
        await pilot.pause(0.7)  # saved within a second of typing (DraftSaver's quiet time)
        record = records.list_exercises(app.db)[0]
        assert record.data == {"situation": "Bus [b]late[/b]"}
        assert drafts.load_draft(app.db, f"exercise:{record.id}:emotions") == "half typed"
    # a new run of the app (as after a kill): the draft is offered and the typing is back
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        screen = again.screen
        assert isinstance(screen, ExerciseRunScreen) and screen.session is not None
        assert screen.session.current is not None
        assert screen.session.current.id == "emotions"
        assert screen.step_widget is not None
        assert screen.step_widget.value() == [{"name": "half typed", "rating": None}]
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert "rating for 'half typed'" in str(screen.query_one("#ex-error").render())
        await pilot.press("ctrl+b")
        await pilot.pause()
        assert screen.session.current.id == "situation"


async def test_a_crisis_answer_is_saved_and_opens_help_now() -> None:
    app = make_app(start=("exercise", "self_compassion"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", *"I want to kill myself", "ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        record = records.list_exercises(app.db)[0]
        assert record.data["difficulty"] == "I want to kill myself"


class FakeEngine:
    def __init__(self) -> None:
        self.prompts: list[str] = []

    def complete(self, messages: Any, **options: Any) -> str:
        prompt = messages[-1]["content"]
        self.prompts.append(prompt)
        if "balanced alternative thought" in prompt:
            return '"I may be late, and that happens to everyone."'
        return '[{"name": "Fortune-telling", "reason": "It predicts the future."}]'


async def test_suggestions_are_labelled_and_can_be_accepted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    engine = FakeEngine()
    monkeypatch.setattr(
        "companion.ui.tui.widgets.step_ai.load_engine_once", lambda settings: engine
    )
    allow_model_features(monkeypatch)
    app = make_app(start=("exercise", "thought_record"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", *"Late train", "ctrl+n", *"anxious 70", "ctrl+n")
        await pilot.press(*"I'll be fired and they think I'm useless", "ctrl+n", "enter")
        await pilot.press("8", "0", "enter")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExerciseRunScreen)
        shown = str(screen.query_one("#ex-ai").render())
        assert "Suggestions (rule-based" in shown and "mind reading" in shown
        assert "Suggestions from the local model" in shown and "fortune-telling" in shown
        await pilot.press("ctrl+o", "ctrl+n")
        await pilot.pause()
        record = records.list_exercises(app.db)[0]
        assert {"mind reading", "fortune-telling"} <= set(record.data["distortions"])
        await pilot.press(*"none", "ctrl+n", *"some", "ctrl+n", "ctrl+g")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert "A suggested wording" in str(screen.query_one("#ex-ai").render())
        await pilot.press("ctrl+o", "ctrl+n")
        await pilot.pause()
        record = records.list_exercises(app.db)[0]
        assert record.data["balanced_thought"] == "I may be late, and that happens to everyone."
        assert "I'll be fired" in engine.prompts[0]


async def test_breathing_and_grounding_screens() -> None:
    from companion.ui.tui.screens.breathing import BreathingScreen
    from companion.ui.tui.screens.grounding import GroundingScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(BreathingScreen("4-7-8"))
        await pilot.pause()
        guide = app.screen.query_one("#breathing-guide")
        assert "Breathe in" in str(guide.render())
        await pilot.press("1")
        assert guide.pattern == "4-4-4-4"  # type: ignore[attr-defined]
        await pilot.press("escape")
        app.push_screen(GroundingScreen())
        await pilot.pause()
        assert "5 things you can see" in str(app.screen.query_one("#ex-prompt").render())
        await _complete(pilot, app)
        assert records.list_exercises(app.db, exercise_type="grounding")[0].status == "complete"


def test_breathing_phases_follow_the_pattern() -> None:
    from companion.core.exercises.breathing import PatternError, parse_pattern, state_at

    phases = parse_pattern("4-7-8")
    assert [(p.label, p.seconds) for p in phases] == [
        ("Breathe in", 4),
        ("Hold", 7),
        ("Breathe out", 8),
    ]
    assert state_at(phases, 5).phase.label == "Hold"
    assert state_at(phases, 20).cycle == 1
    with pytest.raises(PatternError):
        parse_pattern("4")


async def test_breathing_guide_animates_with_the_clock() -> None:
    from textual.app import App, ComposeResult

    from companion.ui.tui.widgets.step_paced import BAR_WIDTH, BreathingGuide

    now = [100.0]

    class Harness(App[None]):
        def compose(self) -> ComposeResult:
            yield BreathingGuide("4-7-8", cycles=2, clock=lambda: now[0], id="guide")

    app = Harness()
    async with app.run_test(size=(80, 12)):
        guide = app.query_one("#guide", BreathingGuide)
        start = str(guide.render())
        now[0] += 2  # half-way through breathing in: the bar is half full
        half = str(guide.render())
        now[0] += 4  # holding: full
        held = str(guide.render())
        now[0] += 12.9  # nearly done breathing out: almost empty
        out = str(guide.render())
        now[0] += 19 * 2  # two cycles done
        done = str(guide.render())
    assert start.startswith("Breathe in") and start.count("█") == 0
    assert half.count("█") == BAR_WIDTH // 2
    assert held.startswith("Hold") and held.count("█") == BAR_WIDTH
    assert out.startswith("Breathe out") and out.count("█") <= 1
    assert "2 cycles done" in done and guide.cycles_done == 2


async def test_a_broken_own_definition_is_named_in_the_menu(companion_home: Any) -> None:
    folder = companion_home / "exercises"
    folder.mkdir(parents=True)
    (folder / "mine.toml").write_text('name = "mine"\n', encoding="utf-8")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("e")
        await pilot.pause()
        problems = str(app.screen.query_one("#exercise-problems").render())
        assert "mine.toml" in problems and "needs at least one [[steps]]" in problems
        listing = app.screen.query_one("#exercise-list", OptionList)
        assert listing.option_count > 10  # the built-in ones still load
