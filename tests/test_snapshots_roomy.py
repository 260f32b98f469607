"""What a person sees at 120x50 on the screens that had only an 80x24 snapshot (or none):
the check-in, the exercise list, a writing step, Insights, the mood calendar (days down, months
across, a colour key and month bars beside it) and the exercise history (list and answers side by
side).

At 45 rows and more the app gives screens the "-roomy" class: Insights draws taller charts and
the writing steps get taller boxes. Update after an intended change with `uv run pytest
tests/test_snapshots_roomy.py --snapshot-update`, and look at the report before committing.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from companion.core.store import checkins, open_db
from companion.core.store import exercise_records as records
from tests.tui_helpers import FIXED_NOW, make_app

ROOMY = (120, 50)


def _fill() -> None:
    db = open_db()
    for day in range(80):
        if day % 4 != 3:  # some days without a check-in
            mood = 3 + (day * 7) % 6
            checkins.add_checkin(db, mood, {"calm": 40}, now=FIXED_NOW - timedelta(days=day))
    db.close()


async def _open_insights(pilot: Any) -> None:
    """Insights, once its figures are in (its worker starts after the first frame)."""
    await pilot.press("i")
    for _ in range(500):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        if getattr(pilot.app.screen, "data", None) is not None:
            break
    await pilot.pause()
    assert pilot.app.screen.data is not None


def test_checkin_120x50(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), press=["m", "6", "tab", *"anxious 40"], terminal_size=ROOMY)


def test_exercise_list_120x50(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), press=["e"], terminal_size=ROOMY)


def test_writing_step_120x50(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = make_app(start=("exercise", "thought_record"))
    keys = ["enter", *"Friend cancelled dinner"]
    assert snap_compare(app, press=keys, terminal_size=ROOMY)


def test_insights_120x50(snap_compare) -> None:  # type: ignore[no-untyped-def]
    _fill()

    assert snap_compare(make_app(), terminal_size=ROOMY, run_before=_open_insights)


def test_mood_calendar_120x50(snap_compare) -> None:  # type: ignore[no-untyped-def]
    _fill()

    async def run_before(pilot: Any) -> None:
        await _open_insights(pilot)
        await pilot.press("y")
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=ROOMY, run_before=run_before)


def test_exercise_history_120x50(snap_compare) -> None:  # type: ignore[no-untyped-def]
    db = open_db()
    for day in range(6):
        moment = FIXED_NOW - timedelta(days=day)
        record = records.start_exercise(db, "three_good_things", now=moment)
        things = [f"a walk on day {day}", "tea with [bold]Sam[/bold]", "finished the chapter"]
        records.complete_exercise(db, record.id, {"good_things": things}, now=moment)
    draft = records.start_exercise(db, "thought_record", now=FIXED_NOW)
    records.save_draft(db, draft.id, {"situation": "The meeting ran late again"}, 1, now=FIXED_NOW)
    db.close()

    async def run_before(pilot: Any) -> None:
        pilot.app.action_open("exercises")
        await pilot.pause()
        await pilot.press("h", "down")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=ROOMY, run_before=run_before)
