"""Save a journal entry: the safety flow on the text first, then the entry (new or edited)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from companion.core.flows.errors import NotSaved
from companion.core.store import journal
from companion.core.store.journal import JournalEntry

if TYPE_CHECKING:
    from companion.core.safety.flow import SafetyDecision
    from companion.core.store._util import Conn


@dataclass(frozen=True)
class EntrySaved:
    """The saved entry, whether it was an edit (its old words want scrubbing), and the safety
    flow's decision on its text (render it; ``decision.reply`` is None when there is nothing
    to say)."""

    entry: JournalEntry
    edited: bool
    decision: SafetyDecision

    @property
    def entry_id(self) -> int:
        return self.entry.id


def save_entry(
    db: Conn,
    text: str,
    *,
    entry_id: int | None = None,
    tags: list[str] | None = None,
    now: datetime | None = None,
) -> EntrySaved:
    """Respond to ``text`` (the safety event is recorded, never the text), then add it as a new
    entry or, with ``entry_id``, as that entry's new text. Raises ``NotSaved`` (with the
    decision) when the text cannot be saved, e.g. blank or over the length limit; ``KeyError``
    when ``entry_id`` does not exist."""
    from companion.core.safety.flow import Source, respond

    decision = respond(db, text, Source.JOURNAL)
    try:
        if entry_id is None:
            entry = journal.add_entry(db, text, tags or [], now=now)
        else:
            entry = journal.update_entry(db, entry_id, text, tags, now=now)
    except ValueError as error:
        raise NotSaved(str(error), "text", decision) from error
    return EntrySaved(entry, entry_id is not None, decision)
