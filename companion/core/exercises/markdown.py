"""An exercise record as Markdown: every answer in a literal block (``store.markdown_export``)."""

from __future__ import annotations

from datetime import datetime

from companion.core.clock import iso, utc_now
from companion.core.exercises.model import Definition
from companion.core.exercises.render import answer_lines
from companion.core.store.exercise_records import ExerciseRecord
from companion.core.store.markdown_export import escape_inline, literal_block, when


def exercise_markdown(
    record: ExerciseRecord, definition: Definition | None, *, now: datetime | None = None
) -> str:
    """An exercise record with every answer, in step order."""
    title = definition.title if definition is not None else record.type.replace("_", " ")
    status = "complete" if record.status == "complete" else "not finished yet"
    out = [
        f"# {escape_inline(title)}, {record.local_date}",
        "",
        f"An exercise in companion ({status}). Exported {when(iso(now or utc_now()))}.",
    ]
    if record.follow_up_date:
        out += ["", f"Follow-up due {record.follow_up_date}."]
    if definition is None:
        out += ["", literal_block(repr(record.data))]
        return "\n".join(out) + "\n"
    answers = answer_lines(definition, record.data)
    if not answers:
        out += ["", "No answers yet."]
    for prompt, answer in answers:
        out += ["", f"## {escape_inline(prompt)}", "", literal_block(answer)]
    return "\n".join(out) + "\n"
