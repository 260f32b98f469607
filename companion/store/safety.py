"""The person's safety plan and the record of safety events (never the text itself)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from companion.clock import iso, utc_now
from companion.store._util import Conn, clean_text, dumps, loads, table

if TYPE_CHECKING:
    from sqlite_utils import Database


def get_safety_plan(db: Database) -> dict[str, list[str]]:
    """Section key -> items, for every section the person has written."""
    return {
        str(row["section"]): [str(item) for item in loads(row["items"], [])]
        for row in table(db, "safety_plan").rows
    }


def set_safety_plan_section(
    db: Database, section: str, items: list[str], *, now: datetime | None = None
) -> None:
    cleaned = [clean_text(item).strip() for item in items if clean_text(item).strip()]
    table(db, "safety_plan").upsert(
        {"section": section, "items": dumps(cleaned), "updated_utc": iso(now or utc_now())},
        pk="section",
    )


def set_safety_plan(db: Database, plan: dict[str, list[str]]) -> None:
    with db.atomic():
        for section, items in plan.items():
            set_safety_plan_section(db, section, items)


def record_safety_event(
    db: Conn, level: str, source: str, reasons: list[str], *, now: datetime | None = None
) -> int:
    """Record that text from ``source`` was assessed at ``level`` (never the text). Plain SQL,
    so `companion journal add` records it without importing sqlite-utils."""
    cursor = db.execute(
        "insert into safety_events (created_utc, level, source, reasons) values (?, ?, ?, ?)",
        [iso(now or utc_now()), level, source, dumps(list(reasons))],
    )
    if cursor.lastrowid is None:
        raise RuntimeError("No safety event was inserted.")
    return int(cursor.lastrowid)


def list_safety_events(db: Database, *, limit: int | None = None) -> list[dict[str, object]]:
    """Newest first: id, created_utc, level, source, reasons."""
    return [
        {**row, "reasons": loads(row["reasons"], [])}
        for row in table(db, "safety_events").rows_where(
            order_by="created_utc desc, id desc", limit=limit
        )
    ]
