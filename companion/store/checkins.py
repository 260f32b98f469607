"""Mood check-ins: a mood from 0 to 10, optional emotions with 0-100 intensities, a note."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from companion.clock import iso, local_date, utc_now
from companion.store._util import clean_text, dumps, last_id, loads, table


@dataclass(frozen=True)
class CheckIn:
    id: int
    created_utc: str
    local_date: str
    mood: int
    emotions: dict[str, int] = field(default_factory=dict)
    note: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "created_utc": self.created_utc,
            "local_date": self.local_date,
            "mood": self.mood,
            "emotions": dict(self.emotions),
            "note": self.note,
        }


def validate_mood(mood: int) -> int:
    if not 0 <= mood <= 10:
        raise ValueError(f"Mood is a number from 0 to 10, not {mood}.")
    return mood


def validate_emotions(emotions: dict[str, int]) -> dict[str, int]:
    cleaned: dict[str, int] = {}
    for name, intensity in emotions.items():
        label = clean_text(name).strip().lower()
        if not label:
            raise ValueError("An emotion needs a name.")
        if not 0 <= intensity <= 100:
            raise ValueError(f"The intensity of {label!r} must be 0-100, not {intensity}.")
        cleaned[label] = intensity
    return cleaned


def _row(row: dict[str, object]) -> CheckIn:
    return CheckIn(
        id=int(str(row["id"])),
        created_utc=str(row["created_utc"]),
        local_date=str(row["local_date"]),
        mood=int(str(row["mood"])),
        emotions={str(k): int(v) for k, v in loads(str(row["emotions"] or "{}"), {}).items()},
        note=str(row["note"] or ""),
    )


def add_checkin(
    db: Database,
    mood: int,
    emotions: dict[str, int] | None = None,
    note: str = "",
    *,
    now: datetime | None = None,
) -> CheckIn:
    moment = now or utc_now()
    checkins = table(db, "checkins")
    checkins.insert(
        {
            "created_utc": iso(moment),
            "local_date": local_date(moment),
            "mood": validate_mood(mood),
            "emotions": dumps(validate_emotions(emotions or {})),
            "note": clean_text(note),
        }
    )
    return get_checkin(db, last_id(checkins))


def get_checkin(db: Database, checkin_id: int) -> CheckIn:
    try:
        return _row(table(db, "checkins").get(checkin_id))
    except NotFoundError:
        raise KeyError(f"There is no check-in {checkin_id}.") from None


def list_checkins(
    db: Database, *, since: str | None = None, limit: int | None = None
) -> list[CheckIn]:
    """Newest first; ``since`` is a local date (YYYY-MM-DD)."""
    rows = table(db, "checkins").rows_where(
        "local_date >= ?" if since else None,
        [since] if since else [],
        order_by="created_utc desc, id desc",
        limit=limit,
    )
    return [_row(row) for row in rows]


def checkins_on(db: Database, day: str) -> list[CheckIn]:
    rows = table(db, "checkins").rows_where(
        "local_date = ?", [day], order_by="created_utc desc, id desc"
    )
    return [_row(row) for row in rows]


def delete_checkin(db: Database, checkin_id: int) -> None:
    get_checkin(db, checkin_id)
    table(db, "checkins").delete(checkin_id)
