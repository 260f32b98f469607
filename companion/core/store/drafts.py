"""Editor drafts, saved as the person types so that a kill loses nothing."""

from __future__ import annotations

from datetime import datetime

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from companion.core.clock import iso, utc_now
from companion.core.store._util import clean_text, table


def save_draft(db: Database, key: str, body: str, *, now: datetime | None = None) -> None:
    """Keep ``body`` under ``key`` (e.g. "journal:new" or "journal:12"); blank text clears it."""
    if not body.strip():
        discard_draft(db, key)
        return
    table(db, "drafts").upsert(
        {"key": key, "body": clean_text(body), "updated_utc": iso(now or utc_now())}, pk="key"
    )


def load_draft(db: Database, key: str) -> str | None:
    try:
        return str(table(db, "drafts").get(key)["body"])
    except NotFoundError:
        return None


def discard_draft(db: Database, key: str) -> None:
    table(db, "drafts").delete_where("key = ?", [key])


def list_drafts(db: Database) -> list[dict[str, str]]:
    return [
        {"key": str(r["key"]), "body": str(r["body"]), "updated_utc": str(r["updated_utc"])}
        for r in table(db, "drafts").rows_where(order_by="updated_utc desc")
    ]
