"""Layout at 80x24 (issue 15): the keys a screen offers are on screen, and nothing a person must
press is out of reach."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button

from companion.core.llm.context import PersonalContext
from companion.ui.tui.modals.chat_context import PersonalContextScreen
from tests.tui_helpers import make_app

SMALL = (80, 24)


def _footer_keys_in_view(app: Any) -> list[str]:
    """The footer keys whose whole label is inside the terminal (not cut off at the right)."""
    width = app.size.width
    shown = []
    for key in app.screen.query("FooterKey"):
        region = key.region
        if region.width and region.right <= width - len("^p palette"):
            shown.append(key.key)
    return shown


async def _settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_journal_shows_t_for_tags_and_esc_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("j")
        await _settle(pilot)
        keys = _footer_keys_in_view(app)
    assert "t" in keys and "escape" in keys and "f1" in keys


async def test_insights_shows_y_for_the_calendar_and_esc_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("i")
        await _settle(pilot)
        keys = _footer_keys_in_view(app)
    assert "y" in keys and "escape" in keys and "f1" in keys


async def test_checkin_save_button_is_in_view_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("m")
        await _settle(pilot)
        save = app.screen.query_one("#save", Button)
        footer_top = app.size.height - 1
        assert save.region.height == 3 and save.region.bottom <= footer_top


async def test_personal_context_buttons_are_reachable_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        app.push_screen(PersonalContextScreen(PersonalContext(), "a preview " * 30))
        await _settle(pilot)
        box = app.screen.query_one("PersonalContextScreen > Vertical")
        assert box.region.bottom <= app.size.height  # the dialog fits; its inside scrolls
        save = app.screen.query_one("#context-save", Button)
        save.focus()
        await _settle(pilot)
        assert box.region.contains_region(save.region)
