"""The journal screen: typing #tag in search filters; t lists tags and filters by one."""

from __future__ import annotations

from textual.widgets import Input, OptionList

from companion.core.store import journal
from companion.ui.tui.modals.tag_list import TagListScreen
from companion.ui.tui.screens.journal import JournalScreen
from tests.tui_helpers import make_app


async def test_typing_a_tag_filters_and_the_tag_list_filters_too() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        journal.add_entry(app.db, "Deadline stress #work")
        journal.add_entry(app.db, "Lunch with @sam")
        journal.add_entry(app.db, "More #work emails")
        await pilot.press("j")
        await pilot.pause()
        listing = app.screen.query_one("#journal-list", OptionList)
        assert listing.option_count == 3
        await pilot.press("slash", *"#work")
        await pilot.pause(0.4)
        assert listing.option_count == 2
        assert listing.border_title == "2 tagged, newest first"
        await pilot.press("escape")  # clears the search
        await pilot.pause(0.3)
        assert listing.option_count == 3
        await pilot.press("tab")  # to the list, so t is a key and not text
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TagListScreen)
        await pilot.press("down", "enter")  # the list is by count: work (2), then sam (1)
        await pilot.pause(0.3)
        assert isinstance(app.screen, JournalScreen)
        assert app.screen.query_one("#journal-search", Input).value == "#sam"
        assert listing.option_count == 1


async def test_journal_tags_is_in_the_palette() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"journal tags")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, TagListScreen)
