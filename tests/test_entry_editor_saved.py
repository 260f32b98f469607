"""A saved entry leaves no draft behind, even when the editor's last change event arrives after
the save (a fast ctrl+s): the next new entry starts empty instead of with the saved words."""

from __future__ import annotations

from textual.widgets import TextArea

from companion.core.store import drafts, journal
from tests.tui_helpers import make_app


async def test_ctrl_s_right_after_typing_keeps_no_draft_of_the_saved_text() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        for n in (1, 2, 3):
            app.action_open("new_entry")
            await pilot.pause()
            area = app.screen.query_one(TextArea)
            assert area.text == ""  # no draft of the entry saved before
            area.insert(f"entry {n}")
            await pilot.press("ctrl+s")  # before the Changed event has been handled
            await pilot.pause()
        bodies = sorted(e.body for e in journal.list_entries(app.db, limit=10))
        assert bodies == ["entry 1", "entry 2", "entry 3"]
        assert drafts.load_draft(app.db, "journal:new") is None
