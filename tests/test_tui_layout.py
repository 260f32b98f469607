"""Layout (issue 15): at 80x24 the keys a screen offers are on screen (Help now, Esc, Quit and Keys
always) and nothing a person must press is out of reach; at 120x50 panels use the room they have
(exercise history side by side, the mood calendar's key and month bars beside it)."""

from __future__ import annotations

import io
from datetime import timedelta
from typing import Any

import pytest
from rich.console import Console
from sqlite_utils import Database
from textual.widgets import Button

from companion.core.insights.mood_calendar import LEVELS, MONTHS, mood_calendar
from companion.core.llm.context import PersonalContext
from companion.core.store import checkins, open_db
from companion.core.store import exercise_records as records
from companion.ui.tui.modals.chat_context import PersonalContextScreen
from companion.ui.tui.widgets.footer import CompanionFooter, key_cells
from companion.ui.tui.widgets.mood_calendar import columns_text, key_text, months_text
from tests.tui_helpers import FIXED_NOW, make_app

SMALL = (80, 24)
WIDE = (120, 50)


def _footer_keys_in_view(app: Any) -> list[str]:
    """The footer keys whose whole label is left of the palette key (not cut off, not under
    it)."""
    palette = app.screen.query_one("FooterKey.-command-palette")
    shown = []
    for key in app.screen.query("FooterKey"):
        region = key.region
        if key is not palette and region.width and region.right <= palette.region.x:
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


# -- the app's own keys are never cut off ------------------------------------------------------


@pytest.mark.parametrize(
    "route", ["home", "journal", "chat", "insights", "new_entry", "exercises", "thought_record"]
)
async def test_help_now_quit_keys_and_esc_are_in_view_at_80x24(route: str) -> None:
    start = ("exercise", route) if route == "thought_record" else None
    app = make_app(start=start)
    async with app.run_test(size=SMALL) as pilot:
        await _settle(pilot)
        if route not in ("home", "thought_record"):
            app.action_open(route)
        await _settle(pilot)
        keys = _footer_keys_in_view(app)
        offered = [binding.key for (_, binding, _, _) in app.screen.active_bindings.values()]
    assert {"f1", "ctrl+q", "f2"} <= set(keys)
    assert "escape" in keys or "escape" not in offered


async def test_the_footer_leaves_out_keys_only_when_short_of_room() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("j")
        await _settle(pilot)
        assert {"t", "e", "d", "escape", "ctrl+q", "f2"} <= set(_footer_keys_in_view(app))
        await pilot.resize_terminal(*SMALL)
        await _settle(pilot)
        keys = _footer_keys_in_view(app)
        assert {"t", "escape", "ctrl+q", "f2"} <= set(keys) and "d" not in keys
        await pilot.press("f2")  # what the footer leaves out is still in the key list
        await _settle(pilot)
        out = io.StringIO()
        Console(width=80, file=out).print(app.screen.query_one("KeyPanel BindingsTable").render())
        assert "Delete" in out.getvalue()


@pytest.mark.parametrize("size", [SMALL, (100, 30), WIDE])
async def test_the_footer_measures_its_keys_as_textual_draws_them(size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.press("j")
        await _settle(pilot)
        footer = app.screen.query_one(CompanionFooter)
        drawn = 0
        for key in footer.query("FooterKey"):
            margin = key.styles.margin
            width = key.region.width + margin.left + margin.right
            assert key_cells(key, footer.compact) == width, str(key.render())
            drawn += width
        assert drawn <= size[0]


# -- exercise history: side by side when wide ---------------------------------------------------


def _two_records() -> None:
    db = open_db()
    done = records.start_exercise(db, "three_good_things", now=FIXED_NOW - timedelta(days=1))
    things = ["sunshine [bold]not bold[/bold]", "tea", "a long call with a friend " * 6]
    records.complete_exercise(db, done.id, {"good_things": things}, now=FIXED_NOW)
    draft = records.start_exercise(db, "thought_record", now=FIXED_NOW)
    records.save_draft(db, draft.id, {"situation": "At work\n" * 40}, 1, now=FIXED_NOW)
    db.close()


async def _open_history(pilot: Any) -> None:
    pilot.app.action_open("exercises")
    await _settle(pilot)
    await pilot.press("h")
    await _settle(pilot)


async def test_history_sits_beside_its_answers_at_120x50() -> None:
    _two_records()
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await _open_history(pilot)
        listing = app.screen.query_one("#history-list").region
        answers = app.screen.query_one("#history-detail").region
        assert answers.x >= listing.right and answers.y == listing.y
        assert listing.height == answers.height >= WIDE[1] - 4  # header, footer, two borders
        assert answers.width > listing.width


async def test_history_stacks_at_80x24_and_its_answers_scroll_literally() -> None:
    _two_records()
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await _open_history(pilot)
        listing = app.screen.query_one("#history-list").region
        detail = app.screen.query_one("#history-detail")
        assert detail.region.y >= listing.bottom and detail.region.width == listing.width
        assert detail.max_scroll_y > 0  # forty lines of situation: the answers scroll
        await pilot.press("down")
        await _settle(pilot)
        assert "[bold]not bold[/bold]" in str(app.screen.query_one("#history-answers").render())


# -- the mood calendar uses the width ------------------------------------------------------------


def _year_of_checkins() -> None:
    db = open_db()
    for day in range(70):
        if day % 4 != 3:
            checkins.add_checkin(db, (day * 3) % 11, now=FIXED_NOW - timedelta(days=day))
    db.close()


async def _open_calendar(pilot: Any) -> None:
    pilot.app.action_open("mood_calendar")
    await _settle(pilot)


async def test_mood_calendar_fills_120x50_with_days_down_and_a_key_beside() -> None:
    _year_of_checkins()
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await _open_calendar(pilot)
        screen = app.screen
        assert not screen.query_one("#calendar-grid").display
        columns = screen.query_one("#calendar-columns").region
        side = screen.query_one("#calendar-side").region
        assert columns.height == 32  # a header and 31 days
        assert side.x >= columns.right and side.right > WIDE[0] // 2 + 20
        key = str(screen.query_one("#calendar-key").render())
        months = str(screen.query_one("#calendar-months").render())
        assert "8-10 very good" in key and "no check-in" in key
        assert "Mar " in months and "█" in months and "Apr    -" in months
        assert not screen.query_one("#calendar-legend").display


def test_wide_calendar_texts_colour_only_their_cells(db: Database) -> None:
    _year_of_checkins()
    data = mood_calendar(db, 2026, until=FIXED_NOW.date())
    grid = columns_text(data)
    lines = grid.plain.splitlines()
    assert len(lines) == 32 and max(len(line) for line in lines) == 3 + 12 * 4 - 1
    assert lines[1].startswith(" 1 ") and lines[0].split() == list(MONTHS)
    for text in (grid, key_text(data), months_text(data)):
        assert not text.style  # no base style: "dim" or "bold" would dull every colour
    colours = {str(span.style) for span in grid.spans}
    assert {level.colour for level in LEVELS} & colours


async def test_mood_calendar_keeps_month_rows_and_words_below_at_80x24() -> None:
    _year_of_checkins()
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await _open_calendar(pilot)
        screen = app.screen
        grid = screen.query_one("#calendar-grid").region
        assert grid.height == 13 and grid.right <= SMALL[0]
        assert not screen.query_one("#calendar-columns").display
        assert not screen.query_one("#calendar-key").display
        assert screen.query_one("#calendar-side").region.y >= grid.bottom
        assert "Average mood by month" in str(screen.query_one("#calendar-month-words").render())
