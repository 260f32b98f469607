"""Follow-ups that have come due (behavioural experiments, planned activities), for the home
screen and the CLI."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlite_utils import Database

from companion.core.exercises.loader import load_all
from companion.core.exercises.model import Definition
from companion.core.exercises.render import first_text
from companion.core.store import exercise_records as records


@dataclass(frozen=True)
class FollowUp:
    """One due follow-up: open it with ExerciseRunScreen(record_id=record_id)."""

    record_id: int
    exercise_type: str
    title: str
    due: str  # YYYY-MM-DD
    line: str  # e.g. "Behavioural experiment to review (due 2026-11-23): People will laugh"


def due_follow_ups(
    db: Database, today: date, definitions: dict[str, Definition] | None = None
) -> list[FollowUp]:
    """Every record whose follow-up date is ``today`` or earlier, oldest first."""
    if definitions is None:
        definitions = load_all()[0]
    result: list[FollowUp] = []
    for record in records.due_follow_ups(db, today.isoformat()):
        definition = definitions.get(record.type)
        if definition is None or record.follow_up_date is None:
            continue
        about = first_text(definition, record.data)
        line = f"{definition.title} to review (due {record.follow_up_date})"
        result.append(
            FollowUp(
                record_id=record.id,
                exercise_type=record.type,
                title=definition.title,
                due=record.follow_up_date,
                line=f"{line}: {about}" if about else line,
            )
        )
    return result
