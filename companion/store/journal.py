"""Journal entries: add, read, list, edit, delete."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from companion.clock import iso, local_date, utc_now
from companion.store._util import clean_text, dumps, last_id, loads, table

MAX_BODY_CHARS = 5_000_000


@dataclass(frozen=True)
class JournalEntry:
    id: int
    created_utc: str
    updated_utc: str
    local_date: str
    body: str
    tags: list[str] = field(default_factory=list)

    @property
    def first_line(self) -> str:
        for line in self.body.splitlines():
            if line.strip():
                return line.strip()
        return ""

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "created_utc": self.created_utc,
            "updated_utc": self.updated_utc,
            "local_date": self.local_date,
            "body": self.body,
            "tags": list(self.tags),
        }


class EmptyEntryError(ValueError):
    pass


def _row_to_entry(row: dict[str, object]) -> JournalEntry:
    return JournalEntry(
        id=int(row["id"]),  # type: ignore[call-overload]
        created_utc=str(row["created_utc"]),
        updated_utc=str(row["updated_utc"]),
        local_date=str(row["local_date"]),
        body=str(row["body"]),
        tags=list(loads(str(row.get("tags") or "[]"), [])),
    )


def _validate(body: str) -> str:
    body = clean_text(body)
    if not body.strip():
        raise EmptyEntryError("An entry needs some text.")
    if len(body) > MAX_BODY_CHARS:
        raise ValueError(
            f"That entry is {len(body):,} characters; the limit is {MAX_BODY_CHARS:,}."
        )
    return body


def add_entry(
    db: Database, body: str, tags: list[str] | None = None, *, now: datetime | None = None
) -> JournalEntry:
    """Save a new entry and return it. Raises EmptyEntryError for blank text."""
    moment = now or utc_now()
    row = {
        "created_utc": iso(moment),
        "updated_utc": iso(moment),
        "local_date": local_date(moment),
        "body": _validate(body),
        "tags": dumps(sorted(set(tags or []))),
    }
    entries = table(db, "journal_entries")
    entries.insert(row)
    return get_entry(db, last_id(entries))


def get_entry(db: Database, entry_id: int) -> JournalEntry:
    """Raises KeyError when there is no such entry."""
    try:
        return _row_to_entry(table(db, "journal_entries").get(entry_id))
    except NotFoundError:
        raise KeyError(f"There is no journal entry {entry_id}.") from None


def update_entry(
    db: Database,
    entry_id: int,
    body: str,
    tags: list[str] | None = None,
    *,
    now: datetime | None = None,
) -> JournalEntry:
    get_entry(db, entry_id)
    changes: dict[str, object] = {"body": _validate(body), "updated_utc": iso(now or utc_now())}
    if tags is not None:
        changes["tags"] = dumps(sorted(set(tags)))
    table(db, "journal_entries").update(entry_id, changes)
    return get_entry(db, entry_id)


def delete_entry(db: Database, entry_id: int) -> None:
    """Delete an entry; the FTS triggers remove it from the search index too."""
    get_entry(db, entry_id)
    table(db, "journal_entries").delete(entry_id)


def list_entries(
    db: Database, *, limit: int = 50, offset: int = 0, since: str | None = None
) -> list[JournalEntry]:
    """Newest first. ``since`` is a local date (YYYY-MM-DD) to start from."""
    where = "local_date >= ?" if since else None
    rows = table(db, "journal_entries").rows_where(
        where,
        [since] if since else [],
        order_by="created_utc desc, id desc",
        limit=limit,
        offset=offset,
    )
    return [_row_to_entry(row) for row in rows]


def count_entries(db: Database) -> int:
    return int(db.execute("select count(*) from journal_entries").fetchone()[0])
