"""Journal entries: add, read, list, edit, delete.

Plain SQL through ``Conn`` (a sqlite-utils ``Database`` or a ``sqlite3.Connection``), so
`companion journal add/list` need not import sqlite-utils (see ``companion.core.store.quick``).
Tags written in the text (``#work``, ``@sam``) are read on every save (``store.tags``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from companion.core.clock import iso, local_date, utc_now
from companion.core.store._util import Conn, clean_text, dumps, loads
from companion.core.store.tags import merge_tags, tag_filter

MAX_BODY_CHARS = 5_000_000
_COLUMNS = "id, created_utc, updated_utc, local_date, body, tags"


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


def _row_to_entry(row: tuple[Any, ...]) -> JournalEntry:
    entry_id, created, updated, day, body, tags = row
    return JournalEntry(
        id=int(entry_id),
        created_utc=str(created),
        updated_utc=str(updated),
        local_date=str(day),
        body=str(body),
        tags=[str(tag) for tag in loads(str(tags or "[]"), [])],
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
    db: Conn, body: str, tags: list[str] | None = None, *, now: datetime | None = None
) -> JournalEntry:
    """Save a new entry and return it. Its tags are ``tags`` plus those written in the text
    (``#work``, ``@sam``). Raises EmptyEntryError for blank text."""
    moment = now or utc_now()
    body = _validate(body)
    cursor = db.execute(
        "insert into journal_entries (created_utc, updated_utc, local_date, body, tags) "
        "values (?, ?, ?, ?, ?)",
        [iso(moment), iso(moment), local_date(moment), body, dumps(merge_tags(body, tags or []))],
    )
    if cursor.lastrowid is None:
        raise RuntimeError("No journal entry was inserted.")
    return get_entry(db, int(cursor.lastrowid))


def get_entry(db: Conn, entry_id: int) -> JournalEntry:
    """Raises KeyError when there is no such entry."""
    row = db.execute(f"select {_COLUMNS} from journal_entries where id = ?", [entry_id]).fetchone()
    if row is None:
        raise KeyError(f"There is no journal entry {entry_id}.")
    return _row_to_entry(tuple(row))


def update_entry(
    db: Conn,
    entry_id: int,
    body: str,
    tags: list[str] | None = None,
    *,
    now: datetime | None = None,
) -> JournalEntry:
    """Change an entry's text. Its tags are read from the new text again, keeping the ones
    given explicitly before (or ``tags`` when given) that the text does not contain."""
    old = get_entry(db, entry_id)
    body = _validate(body)
    explicit = tags if tags is not None else [t for t in old.tags if t not in _text_tags(old)]
    db.execute(
        "update journal_entries set body = ?, updated_utc = ?, tags = ? where id = ?",
        [body, iso(now or utc_now()), dumps(merge_tags(body, explicit)), entry_id],
    )
    return get_entry(db, entry_id)


def _text_tags(entry: JournalEntry) -> set[str]:
    return set(merge_tags(entry.body))


def delete_entry(db: Conn, entry_id: int) -> None:
    """Delete an entry; the FTS triggers remove it from the search index too."""
    get_entry(db, entry_id)
    db.execute("delete from journal_entries where id = ?", [entry_id])


def list_entries(
    db: Conn,
    *,
    limit: int = 50,
    offset: int = 0,
    since: str | None = None,
    tags: list[str] | None = None,
) -> list[JournalEntry]:
    """Newest first. ``since`` is a local date (YYYY-MM-DD) to start from; ``tags`` keeps
    the entries carrying every one of them."""
    clauses: list[str] = []
    params: list[object] = []
    if since:
        clauses.append("local_date >= ?")
        params.append(since)
    if tags:
        clause, tag_params = tag_filter(tags)
        clauses.append(clause)
        params.extend(tag_params)
    where = f" where {' and '.join(clauses)}" if clauses else ""
    rows = db.execute(
        f"select {_COLUMNS} from journal_entries{where} "
        "order by created_utc desc, id desc limit ? offset ?",
        [*params, limit, offset],
    ).fetchall()
    return [_row_to_entry(tuple(row)) for row in rows]


def count_entries(db: Conn) -> int:
    return int(db.execute("select count(*) from journal_entries").fetchone()[0])
