"""Stored questionnaire results (PHQ-9, GAD-7); scoring lives in companion.core.insights."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlite_utils import Database

from companion.core.clock import iso, local_date, utc_now
from companion.core.store._util import dumps, last_id, loads, table


@dataclass(frozen=True)
class QuestionnaireResult:
    id: int
    instrument: str
    answers: list[int] = field(default_factory=list)
    total: int = 0
    band: str = ""
    created_utc: str = ""
    local_date: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "instrument": self.instrument,
            "answers": list(self.answers),
            "total": self.total,
            "band": self.band,
            "created_utc": self.created_utc,
            "local_date": self.local_date,
        }


def _row(row: dict[str, object]) -> QuestionnaireResult:
    return QuestionnaireResult(
        id=int(str(row["id"])),
        instrument=str(row["instrument"]),
        answers=[int(a) for a in loads(str(row["answers"]), [])],
        total=int(str(row["total"])),
        band=str(row["band"]),
        created_utc=str(row["created_utc"]),
        local_date=str(row["local_date"]),
    )


def add_questionnaire_result(
    db: Database,
    instrument: str,
    answers: list[int],
    total: int,
    band: str,
    *,
    now: datetime | None = None,
) -> QuestionnaireResult:
    moment = now or utc_now()
    rows = table(db, "assessments")
    rows.insert(
        {
            "instrument": instrument,
            "answers": dumps(list(answers)),
            "total": total,
            "band": band,
            "created_utc": iso(moment),
            "local_date": local_date(moment),
        }
    )
    return _row(rows.get(last_id(rows)))


def list_questionnaire_results(
    db: Database, *, instrument: str | None = None, since: str | None = None
) -> list[QuestionnaireResult]:
    """Oldest first (the natural order for a chart or a table over time)."""
    clauses, params = [], []
    if instrument:
        clauses.append("instrument = ?")
        params.append(instrument)
    if since:
        clauses.append("local_date >= ?")
        params.append(since)
    rows = table(db, "assessments").rows_where(
        " and ".join(clauses) or None, params, order_by="created_utc, id"
    )
    return [_row(row) for row in rows]
