"""The check-in note is a draft while it is typed: closing the app keeps it, it comes back."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from companion.core.flows.drafts import CHECKIN_NOTE
from companion.core.store import checkins, drafts, open_db
from companion.ui.tui.screens.checkin import CheckInScreen
from tests.tui_helpers import make_app

NOTE_KEY = str(CHECKIN_NOTE)


async def test_a_half_typed_note_survives_closing_the_app_and_comes_back() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        await pilot.press("6", "enter", *"calm 20", "enter", *"half a no")
        await pilot.pause(0.6)
        other = open_db(app.db_path)  # written while typing: another process sees it
        assert drafts.load_draft(other, NOTE_KEY) == "half a no"
        other.close()
        await pilot.press(*"te")  # typed just before the app closes: kept on the way out
    db = open_db()
    assert drafts.load_draft(db, NOTE_KEY) == "half a note"
    assert checkins.list_checkins(db) == []
    db.close()

    again = make_app()
    async with again.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        due = again.screen.query_one("#due", OptionList)
        assert "unfinished check-in note" in str(due.get_option_at_index(0).prompt)
        due.focus()
        await pilot.press("enter")  # Home's "Coming up" opens the check-in with the note
        await pilot.pause()
        assert isinstance(again.screen, CheckInScreen)
        assert again.screen.query_one("#note", Input).value == "half a note"
        await pilot.press("7", "ctrl+s")
        await pilot.pause()
        (saved,) = checkins.list_checkins(again.db)
        assert saved.mood == 7 and saved.note == "half a note"
        assert drafts.load_draft(again.db, NOTE_KEY) is None  # saved: the draft is gone


async def test_clearing_the_note_clears_its_draft() -> None:
    db = open_db()
    drafts.save_draft(db, NOTE_KEY, "old words")
    db.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("m")
        await pilot.pause()
        app.screen.query_one("#note").focus()
        await pilot.press("ctrl+u")  # Input: delete to the start of the line
        await pilot.press("escape")
        await pilot.pause()
        assert drafts.load_draft(app.db, NOTE_KEY) is None
