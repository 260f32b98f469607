"""The person's safety plan and the record of safety events (never the text itself)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core.clock import iso, utc_now
from companion.core.store._util import Conn, clean_text, dumps, loads, table

if TYPE_CHECKING:
    from sqlite_utils import Database


@dataclass(frozen=True)
class SosView:
    """What `companion sos` shows from the store: the safety plan (section key -> items) and
    the country the person set ("" when none)."""

    plan: dict[str, list[str]] = field(default_factory=dict)
    country: str = ""


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
    """Replace the given sections (others are kept) in one transaction."""
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


def _plan_rows(rows: list[tuple[object, object]]) -> dict[str, list[str]]:
    return {str(key): [str(item) for item in loads(str(items), [])] for key, items in rows}


def sos_view(db: Conn) -> SosView:
    """The safety plan and the stored country, read with two plain queries."""
    plan = _plan_rows(db.execute("select section, items from safety_plan").fetchall())
    found = db.execute("select value from settings where key = 'country'").fetchone()
    stored = loads(str(found[0]), "") if found else ""
    return SosView(plan, stored if isinstance(stored, str) else "")


def read_sos_view(path: Path) -> SosView | None:
    """``sos_view`` straight from the file, read-only, without migrations or sqlite-utils (so
    `companion sos` starts fast and works on a full or read-only disk). An empty view when
    there is no database yet; None when the file is not a plain readable companion database
    (encrypted, say: then open it through ``open_db``)."""
    import sqlite3

    from companion.core.store import files

    header = files.header(path)
    if header.kind == "missing":
        return SosView()
    if header.kind != "sqlite":
        return None
    release = files.track(path, "sqlite3", header)
    try:
        connection = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=2)
        try:
            return sos_view(connection)
        finally:
            connection.close()
    except (sqlite3.Error, ValueError, TypeError):
        return None
    finally:
        release()
