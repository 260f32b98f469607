"""Pilot tests: the crisis screen (F1 from anywhere), the safety plan editor, the disclosure."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Select, Static, TextArea

from companion.core.store import open_db
from companion.core.store.app_state import get_setting, set_setting
from companion.core.store.safety_records import get_safety_plan, set_safety_plan_section
from companion.ui.tui.modals.disclosure import DisclosureScreen
from companion.ui.tui.screens.breathing import BreathingScreen
from companion.ui.tui.screens.crisis import CrisisScreen
from companion.ui.tui.screens.grounding import GroundingScreen
from companion.ui.tui.screens.home import HomeScreen
from companion.ui.tui.screens.safety_plan import SafetyPlanScreen
from tests.tui_helpers import FIXED_NOW, make_app


def _text(app, selector: str) -> str:  # type: ignore[no-untyped-def]
    return str(app.screen.query_one(selector, Static).render())


def _prepare(country: str = "GB", plan: dict[str, list[str]] | None = None) -> None:
    db = open_db()
    try:
        set_setting(db, "country", country)
        for key, items in (plan or {}).items():
            set_safety_plan_section(db, key, items)
    finally:
        db.close()


async def test_f1_opens_help_now_with_helplines_and_the_persons_plan() -> None:
    _prepare("GB", {"people_to_ask": ["Mum [bold]07700 900123[/bold]"]})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert "999 or 112" in _text(app, "#crisis-emergency")
        helplines = _text(app, "#crisis-helplines")
        assert "Samaritans" in helplines and "116 123" in helplines and "24/7" in helplines
        assert "findahelpline.com" in _text(app, "#crisis-findahelpline")
        assert "Mum [bold]07700 900123[/bold]" in _text(app, "#crisis-plan-text")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_f1_works_from_another_screen_and_does_not_stack() -> None:
    _prepare("AU")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_open("safety_plan")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        depth = len(app.screen_stack)
        await pilot.press("f1")
        await pilot.pause()
        assert len(app.screen_stack) == depth
        assert "000" in _text(app, "#crisis-emergency")
        assert "13 11 14" in _text(app, "#crisis-helplines")


async def test_empty_plan_gets_an_invitation_and_p_opens_the_editor() -> None:
    _prepare("US")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "haven't written a safety plan" in _text(app, "#crisis-plan-text")
        await pilot.press("p")
        await pilot.pause()
        assert isinstance(app.screen, SafetyPlanScreen)
        await pilot.press(*"feeling numb")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert "feeling numb" in _text(app, "#crisis-plan-text")


async def test_breathing_opens_from_help_now() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("b")
        await pilot.pause()
        assert isinstance(app.screen, BreathingScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)


async def test_grounding_opens_from_help_now() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GroundingScreen)


async def test_inline_grounding_when_the_exercise_screens_are_missing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from companion.ui.tui.screens import crisis

    def broken(name: str) -> object:
        raise ImportError(name)

    monkeypatch.setattr(crisis, "import_screen_module", broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert "5 things you can see" in _text(app, "#crisis-inline-grounding")


async def test_changing_country_updates_helplines_and_is_remembered() -> None:
    _prepare("US")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "988" in _text(app, "#crisis-helplines")
        app.screen.query_one("#crisis-country", Select).value = "NZ"
        await pilot.pause()
        assert "1737" in _text(app, "#crisis-helplines")
        assert "111" in _text(app, "#crisis-emergency")
        assert get_setting(app.db, "country") == "NZ"


async def test_help_now_shows_helplines_even_when_the_store_fails(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import companion.core.store.safety_records as store_safety

    _prepare("IE")

    def broken(db: object) -> dict[str, list[str]]:
        raise RuntimeError("disk error")

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        monkeypatch.setattr(store_safety, "get_safety_plan", broken)
        await pilot.press("f1")
        await pilot.pause()
        assert "116 123" in _text(app, "#crisis-helplines")


async def test_safety_plan_saves_every_change_one_item_per_line() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_open("safety_plan")
        await pilot.pause()
        await pilot.press(*"[b]not sleeping[/b]", "enter", "enter", *"skipping meals")
        await pilot.pause(0.7)  # saved within a second of typing (DraftSaver's quiet time)
        assert get_safety_plan(app.db)["warning_signs"] == [
            "[b]not sleeping[/b]",
            "skipping meals",
        ]
        await pilot.press("tab", *"a walk")
        await pilot.pause(0.7)
        assert get_safety_plan(app.db)["coping_strategies"] == ["a walk"]


async def test_safety_plan_shows_what_was_saved() -> None:
    _prepare(plan={"reasons_for_living": ["my cat", "[red]spring[/red]"]})
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_open("safety_plan")
        await pilot.pause()
        area = app.screen.query_one("#plan-reasons_for_living", TextArea)
        assert area.text == "my cat\n[red]spring[/red]"


async def test_disclosure_on_first_run_sets_country_and_seen() -> None:
    app = make_app(skip_first_run=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisclosureScreen)
        text = _text(app, "#disclosure-text")
        assert "not a person" in text and "not therapy" in text
        assert "stays on this machine" in text and "emergency" in text
        app.screen.query_one("#disclosure-country", Select).value = "CA"
        await pilot.pause()
        await pilot.click("#disclosure-ok")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert get_setting(app.db, "country") == "CA"
        assert get_setting(app.db, "disclosure_seen_utc")


async def test_disclosure_not_shown_again_within_a_week_but_after_seven_days() -> None:
    app = make_app(skip_first_run=False)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
    soon = FIXED_NOW + timedelta(days=2)
    app = make_app(skip_first_run=False, clock=lambda: soon)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
    later = soon + timedelta(days=7)
    app = make_app(skip_first_run=False, clock=lambda: later)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DisclosureScreen)


async def test_safety_plan_lists_recorded_moments_without_the_words() -> None:
    from companion.core.safety import screen_user_text

    db = open_db()
    screen_user_text(db, "I want to end my life", "journal")
    db.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.action_open("safety_plan")
        await pilot.pause()
        text = _text(app, "#plan-events")
        assert "journal" in text and "crisis" in text
        assert "end my life" not in text
