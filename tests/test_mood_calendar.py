"""The mood calendar: computed headless, drawn in the TUI at 80x24, and in the HTML report."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlite_utils import Database

from companion.core.insights.mood_calendar import LEVELS, Cell, level_of, mood_calendar
from companion.core.store import checkins, open_db
from companion.ui.tui.screens.mood_calendar import MoodCalendarScreen
from tests.tui_helpers import FIXED_NOW, make_app

pytestmark = pytest.mark.usefixtures("utc_zone")


def _moment(day: date, hour: int = 12) -> datetime:
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)


def test_grid_is_twelve_by_thirty_one_and_says_what_each_day_is(db: Database) -> None:
    checkins.add_checkin(db, 2, now=_moment(date(2026, 1, 5), 9))
    checkins.add_checkin(db, 7, now=_moment(date(2026, 1, 5), 20))  # mean 4.5
    checkins.add_checkin(db, 10, now=_moment(date(2026, 2, 28)))
    checkins.add_checkin(db, 9, now=_moment(date(2025, 12, 31)))  # another year
    data = mood_calendar(db, 2026, until=date(2026, 3, 14))
    assert len(data.rows) == 12 and all(len(row) == 31 for row in data.rows)
    jan5 = data.rows[0][4]
    assert jan5.kind is Cell.MOOD and jan5.mood == 4.5 and jan5.level == 2
    assert data.rows[1][27].level == len(LEVELS) - 1  # mood 10 is the top band
    assert data.rows[1][28].kind is Cell.NO_DAY  # 29 February 2026 does not exist
    assert data.rows[0][0].kind is Cell.EMPTY
    assert data.rows[2][13].kind is Cell.EMPTY  # today, no check-in yet
    assert data.rows[2][14].kind is Cell.OUTSIDE  # tomorrow
    assert data.days_with_mood == 2 and data.days_in_range == 31 + 28 + 14
    assert data.summary()[0] == "2026: 2 of 73 days with a check-in (1 middling, 1 very good)."
    assert "Jan 4.5 (1 d)" in data.summary()[1]
    assert jan5.describe() == "2026-01-05: mood 4.5 (4-6 middling)"


def test_since_limits_the_range_and_an_empty_year_says_so(db: Database) -> None:
    checkins.add_checkin(db, 5, now=_moment(date(2026, 1, 5)))
    data = mood_calendar(db, 2026, since=date(2026, 2, 1), until=date(2026, 3, 14))
    assert data.rows[0][4].kind is Cell.OUTSIDE
    assert data.summary() == ["No check-ins in 2026 in this range yet."]


@pytest.mark.parametrize(("mood", "level"), [(0, 0), (1.9, 0), (2, 1), (5.5, 2), (8, 4), (10, 4)])
def test_bands(mood: float, level: int) -> None:
    assert level_of(mood) == level


def _fill_year() -> None:
    db = open_db()
    start = FIXED_NOW.date() - timedelta(days=72)
    for offset in range(73):
        if offset % 4 == 3:
            continue  # some days without a check-in
        day = start + timedelta(days=offset)
        checkins.add_checkin(db, (offset * 3) % 11, now=_moment(day))
    db.close()


def test_calendar_screen_at_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    _fill_year()
    assert snap_compare(make_app(), press=["i", "y"], terminal_size=(80, 24))


async def test_calendar_opens_from_insights_and_moves_between_years() -> None:
    _fill_year()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MoodCalendarScreen)
        assert screen.year == 2026
        words = str(screen.query_one("#calendar-words").render())
        assert "2026: 55 of 73 days with a check-in" in words
        await pilot.press("right")
        assert screen.year == 2026
        await pilot.press("left")
        await pilot.pause()
        assert screen.year == 2025
        assert "No check-ins in 2025" in str(screen.query_one("#calendar-words").render())


def test_report_shows_the_calendar_only_for_its_period(db: Database) -> None:
    from companion.core.insights.report import build_report, render_html, render_markdown

    checkins.add_checkin(db, 2, now=_moment(date(2026, 1, 5)))  # before the period: not shown
    checkins.add_checkin(db, 5, now=_moment(date(2026, 2, 10)))
    data = build_report(db, date(2026, 2, 1), date(2026, 3, 14))
    page = render_html(data)
    assert page.count('<table class="calendar">') == 1
    assert 'class="l2" title="2026-02-10: mood 5.0 (4-6 middling)"' in page
    assert 'title="2026-01-05: not in this range"' in page
    assert "2026-01-05: mood" not in page
    assert 'title="2026-02-11: no check-in"' in page
    assert "no check-in</span>" in page and ".l4 { background: #fde725; }" in page
    assert "2026: 1 of 42 days with a check-in (1 middling)." in page
    markdown = render_markdown(data)
    assert "- 2026: 1 of 42 days with a check-in (1 middling)." in markdown
    assert "3 = 4-6 middling" in markdown and "· = no check-in" in markdown
    grid = markdown.split("```text\n", 1)[1].split("\n```", 1)[0].splitlines()
    assert grid[1] == "Jan"  # before the period: nothing shown, not even the check-in
    assert grid[2] == "Feb ·········3··················"
    assert grid[3] == "Mar ··············"
    across = build_report(db, date(2025, 12, 1), date(2026, 1, 31))
    assert render_html(across).count('<table class="calendar">') == 2


async def test_insights_screen_shows_this_years_calendar() -> None:
    _fill_year()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        box = app.screen.query_one("#insights-calendar")
        for _ in range(200):
            await pilot.pause(0.05)
            if box.display:
                break
        text = str(box.render())
        assert "Mood calendar 2026 (y: full screen, other years)" in text
        assert "2026: 55 of 73 days with a check-in" in text
        assert "Mar " in text and "no check-in" in text


async def test_insights_screen_without_checkins_has_no_calendar() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("i")
        await pilot.pause(0.5)
        assert not app.screen.query_one("#insights-calendar").display
