"""Mood check-ins: a mood from 0 to 10, optional emotions with 0-100 intensities, a note.

Plain SQL through ``Conn``, so `companion checkin` need not import sqlite-utils.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from companion.core.clock import iso, local_date, utc_now
from companion.core.store._util import Conn, clean_text, dumps, loads

_COLUMNS = "id, created_utc, local_date, mood, emotions, note"


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


def _row(row: Any) -> CheckIn:
    checkin_id, created, day, mood, emotions, note = tuple(row)
    return CheckIn(
        id=int(checkin_id),
        created_utc=str(created),
        local_date=str(day),
        mood=int(mood),
        emotions={str(k): int(v) for k, v in loads(str(emotions or "{}"), {}).items()},
        note=str(note or ""),
    )


def add_checkin(
    db: Conn,
    mood: int,
    emotions: dict[str, int] | None = None,
    note: str = "",
    *,
    now: datetime | None = None,
) -> CheckIn:
    moment = now or utc_now()
    cursor = db.execute(
        "insert into checkins (created_utc, local_date, mood, emotions, note) "
        "values (?, ?, ?, ?, ?)",
        [
            iso(moment),
            local_date(moment),
            validate_mood(mood),
            dumps(validate_emotions(emotions or {})),
            clean_text(note),
        ],
    )
    if cursor.lastrowid is None:
        raise RuntimeError("No check-in was inserted.")
    return get_checkin(db, int(cursor.lastrowid))


def get_checkin(db: Conn, checkin_id: int) -> CheckIn:
    row = db.execute(f"select {_COLUMNS} from checkins where id = ?", [checkin_id]).fetchone()
    if row is None:
        raise KeyError(f"There is no check-in {checkin_id}.")
    return _row(row)


def list_checkins(db: Conn, *, since: str | None = None, limit: int | None = None) -> list[CheckIn]:
    """Newest first; ``since`` is a local date (YYYY-MM-DD)."""
    where = " where local_date >= ?" if since else ""
    rows = db.execute(
        f"select {_COLUMNS} from checkins{where} order by created_utc desc, id desc limit ?",
        [*([since] if since else []), -1 if limit is None else limit],
    ).fetchall()
    return [_row(row) for row in rows]


def checkins_on(db: Conn, day: str) -> list[CheckIn]:
    rows = db.execute(
        f"select {_COLUMNS} from checkins where local_date = ? order by created_utc desc, id desc",
        [day],
    ).fetchall()
    return [_row(row) for row in rows]
