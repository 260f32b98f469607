"""What a person sees: SVG snapshots of the foundation screens at 80x24 and 120x40.

Update after an intended change with `uv run pytest tests/test_snapshots_foundation.py
--snapshot-update`, and look at the report before committing.
"""

from __future__ import annotations

from datetime import timedelta

import pytest

from companion.core.store import checkins, journal, open_db
from tests.tui_helpers import FIXED_NOW, make_app

SIZES = [(80, 24), (120, 40)]


def _fill() -> None:
    db = open_db()
    for day in range(20):
        moment = FIXED_NOW - timedelta(days=day)
        checkins.add_checkin(db, 3 + (day * 3) % 7, {"calm": 40}, now=moment)
    journal.add_entry(
        db, "[bold]Not bold[/bold]: markup stays literal", now=FIXED_NOW - timedelta(hours=1)
    )
    journal.add_entry(
        db, "Walked by the river; felt a bit lighter afterwards.", now=FIXED_NOW - timedelta(days=1)
    )
    journal.add_entry(
        db, "Exam worries again. Wrote a thought record.", now=FIXED_NOW - timedelta(days=2)
    )
    db.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    _fill()
    assert snap_compare(make_app(), terminal_size=size)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_journal_search(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    _fill()
    assert snap_compare(
        make_app(), press=["j", "slash", *"river", "enter"], terminal_size=size, run_before=None
    )


def test_empty_home(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), terminal_size=(80, 24))


def test_checkin(snap_compare) -> None:  # type: ignore[no-untyped-def]
    assert snap_compare(make_app(), press=["m", "6", "tab", *"anxious 40"], terminal_size=(80, 24))
