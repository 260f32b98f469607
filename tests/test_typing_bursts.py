"""Keys typed with no pause after Enter or ctrl+n land in the next field, in order.

Pilot's ``press`` waits for the app to be idle after every key, which hides the race a person
hits when typing fast (check-in: "sad 40", Enter, "long day" gave "sad 40long day"). These tests
queue every key at once, as a terminal delivers them.
"""

from __future__ import annotations

from typing import Any

from textual import events
from textual.keys import _character_to_key
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from companion.core.store import checkins
from companion.core.store import exercise_records as records
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.screens.checkin import CheckInScreen
from companion.ui.tui.screens.exercise_run import ExerciseRunScreen
from tests.tui_helpers import make_app


def burst(app: CompanionApp, *keys: str) -> None:
    """Queue every key at once through the driver, as a terminal delivers them (what Pilot's
    ``press`` does, without waiting after each key). "\n" is Enter; a longer string is a key
    name such as ``ctrl+n``."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        if key == "\n":
            event = events.Key("enter", "\r")
        elif len(key) == 1:
            event = events.Key(key if key.isalnum() else _character_to_key(key), key)
        else:
            event = events.Key(key, "\t" if key == "tab" else None)
        event.set_sender(app)
        driver.send_message(event)


async def settle(pilot: Pilot[Any]) -> None:
    for _ in range(5):
        await pilot.pause()


async def test_checkin_text_after_enter_goes_to_the_note() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open("checkin")
        await settle(pilot)
        assert isinstance(app.screen, CheckInScreen)
        screen = app.screen
        burst(app, "6", "tab", *"sad 40, tired 20", "\n", *"long day")
        await settle(pilot)
        assert screen.query_one("#emotions", Input).value == "sad 40, tired 20"
        assert screen.query_one("#note", Input).value == "long day"
        burst(app, *", really", "ctrl+s")  # ctrl+s right after typing keeps every letter
        await settle(pilot)
        saved = checkins.list_checkins(app.db)[0]
        assert (saved.mood, saved.emotions, saved.note) == (
            6,
            {"sad": 40, "tired": 20},
            "long day, really",
        )


async def test_exercise_steps_typed_without_pauses_keep_every_answer() -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.start_exercise("behavioural_experiment")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExerciseRunScreen)
        # intro (Enter), a text area (ctrl+n), a rating (Enter), a text area again
        burst(app, "\n", *"They will laugh", "ctrl+n", *"70", "\n", *"Nobody laughs")
        await settle(pilot)
        assert screen.session is not None
        assert screen.session.data["belief"] == "They will laugh"
        assert screen.session.data["belief_rating"] == 70
        assert screen.step_widget is not None and screen.session.current is not None
        assert screen.session.current.id == "prediction"
        area = screen.step_widget.query_one(TextArea)
        assert area.text == "Nobody laughs" and area.has_focus
        record = records.get_exercise(app.db, screen.session.record.id)
        assert record.data["belief_rating"] == 70


async def test_journal_entry_saved_right_after_typing_keeps_every_letter() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open("new_entry")
        await settle(pilot)
        burst(app, *"Walked by the river", "ctrl+s")
        await settle(pilot)
        from companion.core.store import journal

        assert [e.body for e in journal.list_entries(app.db)] == ["Walked by the river"]


async def test_journal_search_enter_then_a_key_goes_to_the_results() -> None:
    from companion.core.store import journal
    from companion.ui.tui.screens.entry_editor import EntryEditorScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        journal.add_entry(app.db, "Walked by the river")
        app.action_open("journal")
        await settle(pilot)
        screen = app.screen
        burst(app, "slash", *"river", "\n", "e")  # e: edit the highlighted result
        await settle(pilot)
        assert screen.query_one("#journal-search", Input).value == "river"
        assert isinstance(app.screen, EntryEditorScreen)


async def test_pros_and_cons_typed_without_pauses_stay_in_their_fields() -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.push_screen(
            ExerciseRunScreen(
                exercise_type="problem_solving",
                prefill={"problem": "Rent", "options": ["move", "ask"]},
            )
        )
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExerciseRunScreen) and screen.session is not None
        burst(app, "\n", "ctrl+n", "ctrl+n")  # intro, the problem, the options: to pros/cons
        await settle(pilot)
        assert screen.session.current is not None
        assert screen.session.current.type == "pros_cons"
        burst(app, *"cheaper", "\n", *"far", "\n", *"easy", "\n", *"awkward", "\n", *"x")
        await settle(pilot)
        assert screen.session.data["pros_cons"] == {
            "move": {"pros": "cheaper", "cons": "far"},
            "ask": {"pros": "easy", "cons": "awkward"},
        }
        assert screen.session.current is not None and screen.session.current.id == "chosen"
