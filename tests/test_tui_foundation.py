"""Pilot tests of the foundation screens: home, journal, editor drafts, check-in, keys."""

from __future__ import annotations

import pytest
from textual.command import CommandPalette
from textual.widgets import OptionList, TextArea

from companion.core.emotions import parse_emotions
from companion.core.store import checkins, drafts, journal, open_db
from companion.ui.tui.screens.checkin import CheckInScreen
from companion.ui.tui.screens.crisis import CrisisScreen
from companion.ui.tui.screens.entry_view import EntryViewScreen
from companion.ui.tui.screens.exercise_run import ExerciseRunScreen
from companion.ui.tui.screens.home import HomeScreen
from companion.ui.tui.screens.journal import JournalScreen
from tests.tui_helpers import FIXED_NOW, make_app


async def test_home_shows_invitation_then_checkin() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        text = str(app.screen.query_one("#today-checkin").render())
        assert "No check-in yet today" in text
        await pilot.press("m", "7", "tab", *"anxious 60, calm", "enter", *"[b]fine[/b]", "enter")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        saved = checkins.list_checkins(app.db)[0]
        assert (saved.mood, saved.emotions, saved.note) == (
            7,
            {"anxious": 60, "calm": 50},
            "[b]fine[/b]",
        )
        assert "Mood today: 7/10" in str(app.screen.query_one("#today-checkin").render())


async def test_checkin_needs_a_mood_and_valid_emotions() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("m", "ctrl+s")
        assert "Choose a mood" in str(app.screen.query_one("#checkin-error").render())
        await pilot.press("right", "tab", *"sad 300", "ctrl+s")
        assert "0-100" in str(app.screen.query_one("#checkin-error").render())
        assert checkins.list_checkins(app.db) == []


def test_parse_emotions() -> None:
    assert parse_emotions("Anxious 60, sad:30 ,calm=5") == {"anxious": 60, "sad": 30, "calm": 5}
    assert parse_emotions("") == {}
    with pytest.raises(ValueError):
        parse_emotions("sad 1 2")


async def test_write_save_find_and_view_an_entry_literally() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"[bold]Exam[/bold] nerves today", "ctrl+s")
        await pilot.pause()
        entry = journal.list_entries(app.db)[0]
        assert entry.body == "[bold]Exam[/bold] nerves today"
        assert entry.local_date == FIXED_NOW.astimezone().date().isoformat()
        await pilot.press("j", "slash", *"nerv")
        await pilot.pause(0.4)
        listing = app.screen.query_one("#journal-list", OptionList)
        assert listing.option_count == 1
        await pilot.press("enter")  # from the search box to the list
        await pilot.press("enter")  # open the highlighted entry
        await pilot.pause()
        assert isinstance(app.screen, EntryViewScreen)
        assert (
            app.screen.query_one("#entry-body", TextArea).text == "[bold]Exam[/bold] nerves today"
        )


async def test_editor_keeps_a_draft_while_typing_and_restores_it() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"half a thought")
        await pilot.pause(0.6)
        # written to disk while typing: another connection (another process) sees it
        other = open_db(app.db_path)
        assert drafts.load_draft(other, "journal:new") == "half a thought"
        other.close()
        await pilot.press("escape")
        await pilot.press("n")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "half a thought"
        await pilot.press("ctrl+s")
        assert drafts.load_draft(app.db, "journal:new") is None
        assert journal.list_entries(app.db)[0].body == "half a thought"


async def test_edit_and_delete_with_confirmation() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        entry = journal.add_entry(app.db, "original text")
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("e", "end", *" plus more", "ctrl+s")
        await pilot.pause()
        assert journal.get_entry(app.db, entry.id).body == "original text plus more"
        await pilot.press("d")
        await pilot.pause()
        await pilot.press("n")  # keep it
        assert journal.count_entries(app.db) == 1
        await pilot.press("d", "y")
        await pilot.pause()
        assert journal.count_entries(app.db) == 0


async def test_command_palette_lists_every_action() -> None:
    from companion.ui.tui.routes import ROUTES

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Help now", "Quit"} | {route.title for route in ROUTES.values()} <= titles
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_help_now_key_works_from_a_text_field() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"typing")
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "typing"


async def test_a_one_megabyte_entry_opens_edits_and_saves_whole() -> None:
    from companion.ui.tui.screens.entry_view import EntryViewScreen

    big = ("lorem ipsum dolor sit amet " * 40 + "\n") * 950
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        entry = journal.add_entry(app.db, big)
        app.push_screen(EntryViewScreen(entry.id))
        await pilot.pause()
        assert len(app.screen.query_one("#entry-body", TextArea).text) == len(big)
        await pilot.press("e", "ctrl+end", *"THE END", "ctrl+s")
        await pilot.pause()
        assert journal.get_entry(app.db, entry.id).body == big + "THE END"


async def test_control_characters_rtl_and_emoji_are_shown_visibly() -> None:
    from companion.ui.tui.screens.entry_view import EntryViewScreen

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        entry = journal.add_entry(app.db, "bell\x07 esc\x1b[31m שלום 🙂 [link=x]y[/link]")
        app.push_screen(EntryViewScreen(entry.id))
        await pilot.pause()
        shown = app.screen.query_one("#entry-body", TextArea).text
        assert shown == "bell\\x07 esc\\x1b[31m שלום 🙂 [link=x]y[/link]"
        assert journal.get_entry(app.db, entry.id).body.startswith("bell\x07")


async def test_experiment_due_tomorrow_shows_on_home_tomorrow_and_opens() -> None:
    from datetime import timedelta

    from companion.core.store import exercise_records as exercises

    db = open_db()
    record = exercises.start_exercise(db, "behavioural_experiment", now=FIXED_NOW)
    tomorrow = (FIXED_NOW + timedelta(days=1)).astimezone().date().isoformat()
    exercises.complete_exercise(
        db,
        record.id,
        {"belief": "If I speak up in the meeting, people will laugh"},
        follow_up_date=tomorrow,
        now=FIXED_NOW,
    )
    db.close()

    def lines(app: object) -> list[str]:
        due = app.screen.query_one("#due", OptionList)  # type: ignore[attr-defined]
        return [str(due.get_option_at_index(i).prompt) for i in range(due.option_count)]

    today_app = make_app()
    async with today_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not any("to review" in line for line in lines(today_app))

    tomorrow_app = make_app(clock=lambda: FIXED_NOW + timedelta(days=1))
    async with tomorrow_app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        due_lines = lines(tomorrow_app)
        assert any("to review" in line and "people will laugh" in line for line in due_lines)
        tomorrow_app.screen.query_one("#due").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(tomorrow_app.screen, ExerciseRunScreen)


async def test_unfinished_journal_draft_is_offered_on_home() -> None:
    db = open_db()
    drafts.save_draft(db, "journal:new", "half-written")
    db.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        due = app.screen.query_one("#due", OptionList)
        assert "Unfinished journal entry" in str(due.get_option_at_index(0).prompt)
        due.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.query_one(TextArea).text == "half-written"


async def test_quick_actions_open_with_enter_and_mouse() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.screen.query_one("#actions").focus()
        await pilot.press("down", "enter")  # the second action: Journal
        await pilot.pause()
        assert isinstance(app.screen, JournalScreen)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#actions", offset=(5, 3))  # third row: Mood check-in
        await pilot.pause()
        assert isinstance(app.screen, CheckInScreen)


async def test_saving_an_entry_that_sounds_like_a_crisis_opens_help_now() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("n", *"I am going to kill myself tonight", "ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, CrisisScreen)
        assert app.screen.detected is True
        assert journal.count_entries(app.db) == 1  # the entry is kept
