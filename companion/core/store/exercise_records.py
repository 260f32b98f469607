"""Exercise records: drafts saved after every step, completed records kept as structured data."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from companion.core.clock import iso, local_date, utc_now
from companion.core.store._util import Conn, clean_text, dumps, last_id, loads, table

if TYPE_CHECKING:
    from sqlite_utils import Database

DRAFT = "draft"
COMPLETE = "complete"


@dataclass(frozen=True)
class ExerciseRecord:
    id: int
    type: str
    status: str
    data: dict[str, Any] = field(default_factory=dict)
    step: int = 0
    started_utc: str = ""
    updated_utc: str = ""
    completed_utc: str | None = None
    local_date: str = ""
    follow_up_date: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "type": self.type,
            "status": self.status,
            "data": self.data,
            "step": self.step,
            "started_utc": self.started_utc,
            "updated_utc": self.updated_utc,
            "completed_utc": self.completed_utc,
            "local_date": self.local_date,
            "follow_up_date": self.follow_up_date,
        }


def _row(row: dict[str, Any]) -> ExerciseRecord:
    return ExerciseRecord(
        id=int(row["id"]),
        type=str(row["type"]),
        status=str(row["status"]),
        data=dict(loads(row["data"], {})),
        step=int(row["step"] or 0),
        started_utc=str(row["started_utc"]),
        updated_utc=str(row["updated_utc"]),
        completed_utc=row["completed_utc"],
        local_date=str(row["local_date"]),
        follow_up_date=row.get("follow_up_date"),
    )


def search_text_of(data: Any) -> str:
    """All the free text inside an answer structure, one piece per line, for search."""
    parts: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if value.strip():
                parts.append(value)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)
        elif isinstance(value, list | tuple):
            for item in value:
                walk(item)

    walk(data)
    return clean_text("\n".join(parts))  # NUL would make the row un-importable


def start_exercise(
    db: Database, exercise_type: str, *, now: datetime | None = None
) -> ExerciseRecord:
    moment = now or utc_now()
    records = table(db, "exercises")
    records.insert(
        {
            "type": exercise_type,
            "status": DRAFT,
            "data": "{}",
            "step": 0,
            "started_utc": iso(moment),
            "updated_utc": iso(moment),
            "completed_utc": None,
            "local_date": local_date(moment),
            "search_text": "",
            "follow_up_date": None,
        }
    )
    return get_exercise(db, last_id(records))


def save_draft(
    db: Database,
    record_id: int,
    data: dict[str, Any],
    step: int,
    *,
    now: datetime | None = None,
) -> ExerciseRecord:
    """Persist the answers so far (called after every step)."""
    table(db, "exercises").update(
        record_id,
        {
            "data": dumps(data),
            "step": step,
            "updated_utc": iso(now or utc_now()),
            "search_text": search_text_of(data),
        },
    )
    return get_exercise(db, record_id)


def complete_exercise(
    db: Database,
    record_id: int,
    data: dict[str, Any],
    *,
    follow_up_date: str | None = None,
    now: datetime | None = None,
) -> ExerciseRecord:
    moment = now or utc_now()
    table(db, "exercises").update(
        record_id,
        {
            "data": dumps(data),
            "status": COMPLETE,
            "updated_utc": iso(moment),
            "completed_utc": iso(moment),
            "search_text": search_text_of(data),
            "follow_up_date": follow_up_date,
        },
    )
    return get_exercise(db, record_id)


def get_exercise(db: Database, record_id: int) -> ExerciseRecord:
    from sqlite_utils.db import NotFoundError

    try:
        return _row(table(db, "exercises").get(record_id))
    except NotFoundError:
        raise KeyError(f"There is no exercise record {record_id}.") from None


def list_exercises(
    db: Database,
    *,
    exercise_type: str | None = None,
    status: str | None = None,
    since: str | None = None,
    limit: int | None = None,
) -> list[ExerciseRecord]:
    """Newest first, optionally filtered by type, status and local start date."""
    clauses: list[str] = []
    params: list[object] = []
    if exercise_type:
        clauses.append("type = ?")
        params.append(exercise_type)
    if status:
        clauses.append("status = ?")
        params.append(status)
    if since:
        clauses.append("local_date >= ?")
        params.append(since)
    rows = table(db, "exercises").rows_where(
        " and ".join(clauses) or None, params, order_by="updated_utc desc, id desc", limit=limit
    )
    return [_row(row) for row in rows]


@dataclass(frozen=True)
class CompletedAnswers:
    """The answers of one completed exercise record (what insights reads)."""

    id: int
    local_date: str
    data: dict[str, Any]


def completed_answers(db: Conn, exercise_type: str) -> list[CompletedAnswers]:
    """Every completed record of one type, oldest first; a record whose answers are not a JSON
    object (damaged, or imported from elsewhere) is left out."""
    rows = db.execute(
        "select id, local_date, data from exercises where type = ? and status = 'complete' "
        "order by local_date, id",
        [exercise_type],
    ).fetchall()
    result = []
    for record_id, day, text in rows:
        data = loads(text or "{}", None)
        if isinstance(data, dict):
            result.append(CompletedAnswers(int(record_id), str(day), data))
    return result


def due_follow_ups(db: Database, today: str) -> list[ExerciseRecord]:
    """Completed exercises whose follow-up date has come (on or before ``today``)."""
    rows = table(db, "exercises").rows_where(
        "follow_up_date is not null and follow_up_date <= ?",
        [today],
        order_by="follow_up_date, id",
    )
    return [_row(row) for row in rows]


def due_follow_up_types(db: Conn, today: str) -> list[tuple[int, str, str]]:
    """(id, type, follow-up date) of the exercises whose follow-up has come, oldest first;
    plain SQL, for `companion today`."""
    rows = db.execute(
        "select id, type, follow_up_date from exercises "
        "where follow_up_date is not null and follow_up_date <= ? order by follow_up_date, id",
        [today],
    ).fetchall()
    return [(int(row[0]), str(row[1]), str(row[2])) for row in rows]


def delete_exercise(db: Database, record_id: int) -> None:
    """Delete a record and the text typed on its steps (its ``exercise:ID:`` drafts)."""
    get_exercise(db, record_id)
    with db.atomic():
        table(db, "exercises").delete(record_id)
        db.execute("delete from drafts where key like ?", [f"exercise:{record_id}:%"])
