"""What a person in crisis sees: SVG snapshots of Help now, the plan editor and the disclosure.

Update after an intended change with `uv run pytest tests/test_safety_snapshots.py
--snapshot-update`, and look at the report before committing.
"""

from __future__ import annotations

import pytest

from companion.core.store import open_db
from companion.core.store.app_state import set_setting
from companion.core.store.safety_records import set_safety_plan_section
from tests.tui_helpers import make_app

SIZES = [(80, 24), (120, 40)]


def _fill() -> None:
    db = open_db()
    set_setting(db, "country", "GB")
    set_safety_plan_section(db, "people_to_ask", ["Mum 07700 900123", "[b]Sam[/b] next door"])
    set_safety_plan_section(db, "reasons_for_living", ["my cat", "seeing spring again"])
    db.close()


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_now(snap_compare, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    _fill()
    assert snap_compare(make_app(), press=["f1"], terminal_size=size)


def test_safety_plan_editor(snap_compare) -> None:  # type: ignore[no-untyped-def]
    _fill()

    async def open_plan(pilot) -> None:  # type: ignore[no-untyped-def]
        pilot.app.action_open("safety_plan")
        await pilot.pause()

    assert snap_compare(make_app(), run_before=open_plan, terminal_size=(80, 24))


def test_first_run_disclosure(snap_compare) -> None:  # type: ignore[no-untyped-def]
    _fill()
    assert snap_compare(make_app(skip_first_run=False), terminal_size=(80, 24))
