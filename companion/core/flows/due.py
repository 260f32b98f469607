"""What Home lists as coming up, in order: unfinished drafts, unfinished exercises, follow-ups
that are due and questionnaires due again, each a typed ``DueItem`` that says where it leads."""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from companion.core.config import Settings
from companion.core.flows.drafts import DraftKey, DraftKind
from companion.core.insights.reminders import DueItem, DueKind, Target, due_reminders

#: At most this many drafts and this many unfinished exercises (the panel is small).
SHOWN = 3
#: A draft under a key this version does not know (a newer version wrote it): listed, opens nothing.
_UNKNOWN = DueItem(DueKind.DRAFT, None, "An unfinished draft", "An unfinished draft")


def due_items(db: Database, settings: Settings, today: date) -> list[DueItem]:
    """Everything due on ``today``; empty when nothing is."""
    from companion.core.exercises import due_follow_ups, exercise_title
    from companion.core.store import drafts
    from companion.core.store import exercise_records as records

    items: list[DueItem] = []
    keys = [DraftKey.parse(draft["key"]) for draft in drafts.list_drafts(db)]
    # an exercise's field drafts belong to their record, listed below as an unfinished exercise
    own = [key for key in keys if key is None or key.kind is not DraftKind.EXERCISE]
    items += [_UNKNOWN if key is None else key.due_item() for key in own[:SHOWN]]
    for record in records.list_exercises(db, status="draft", limit=SHOWN):
        line = f"Unfinished exercise: {exercise_title(record.type)}"
        target = Target("exercise_run", record_id=record.id)
        items.append(DueItem(DueKind.EXERCISE, target, line, line))
    for follow_up in due_follow_ups(db, today):
        target = Target("exercise_run", record_id=follow_up.record_id)
        items.append(DueItem(DueKind.FOLLOW_UP, target, follow_up.line, follow_up.line))
    items += due_reminders(db, settings, today)
    return items
