"""The typed key of every draft: what is being written, and where going on with it leads.

Drafts are stored under a text key (``companion.core.store.drafts``); ``DraftKey`` is the one
place that builds and reads those keys, so the editor, the questionnaire, the check-in and
Home agree without spelling strings: ``str(DraftKey.journal(None))`` is "journal:new",
``DraftKey.parse("assessment:phq9").target`` leads to the PHQ-9 screen.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from companion.core.insights.questionnaires import INSTRUMENTS
from companion.core.insights.reminders import DueItem, DueKind, Target


class DraftKind(StrEnum):
    """What a draft holds (the part of its key before the first colon)."""

    JOURNAL = "journal"  # name: "new" or the id of the entry being edited
    ASSESSMENT = "assessment"  # name: the questionnaire ("phq9", "gad7"); answers as JSON
    CHECKIN = "checkin"  # name: "note", the check-in's note
    CHAT = "chat"  # name: "composer", the message being written
    SAFETY_PLAN = "safety-plan"  # name: "editor", text left in $EDITOR
    EXERCISE = "exercise"  # name: "<record id>:<step id>", the field being typed


@dataclass(frozen=True)
class DraftKey:
    kind: DraftKind
    name: str

    def __str__(self) -> str:
        return f"{self.kind}:{self.name}"

    @classmethod
    def journal(cls, entry_id: int | None) -> DraftKey:
        return cls(DraftKind.JOURNAL, "new" if entry_id is None else str(entry_id))

    @classmethod
    def assessment(cls, instrument: str) -> DraftKey:
        return cls(DraftKind.ASSESSMENT, instrument)

    @classmethod
    def exercise(cls, record_id: int, step_id: str) -> DraftKey:
        return cls(DraftKind.EXERCISE, f"{record_id}:{step_id}")

    @classmethod
    def parse(cls, key: str) -> DraftKey | None:
        """The key stored as ``key``; None for one this version does not know."""
        kind, sep, name = key.partition(":")
        if not sep or kind not in DraftKind.__members__.values():
            return None
        return cls(DraftKind(kind), name)

    @property
    def entry_id(self) -> int | None:
        """The entry being edited (journal drafts of an existing entry), else None."""
        if self.kind is DraftKind.JOURNAL and self.name.isdigit():
            return int(self.name)
        return None

    @property
    def title(self) -> str:
        """How the draft is named in a list of unfinished things."""
        if self.kind is DraftKind.JOURNAL:
            if self.entry_id is not None:
                return f"Unsaved changes to journal entry {self.entry_id}"
            return "Unfinished journal entry"
        if self.kind is DraftKind.ASSESSMENT:
            spec = INSTRUMENTS.get(self.name)
            return f"Unfinished {spec.name if spec else 'questionnaire'} questionnaire"
        return _TITLES.get(self.kind, "An unfinished draft")

    @property
    def target(self) -> Target | None:
        """Where going on with this draft leads (None: nowhere in the app)."""
        if self.kind is DraftKind.JOURNAL:
            if self.entry_id is not None:
                return Target("entry_editor", entry_id=self.entry_id)
            return Target("new_entry")
        if self.kind is DraftKind.ASSESSMENT:
            return Target(self.name)
        return _ROUTES.get(self.kind)

    def due_item(self) -> DueItem:
        return DueItem(DueKind.DRAFT, self.target, self.title, self.title)


CHECKIN_NOTE = DraftKey(DraftKind.CHECKIN, "note")
CHAT_COMPOSER = DraftKey(DraftKind.CHAT, "composer")
SAFETY_PLAN_EDITOR = DraftKey(DraftKind.SAFETY_PLAN, "editor")

_TITLES = {
    DraftKind.CHECKIN: "An unfinished check-in note",
    DraftKind.CHAT: "An unsent chat message",
    DraftKind.SAFETY_PLAN: "Safety plan text from your editor: `companion safety-plan edit`",
}
_ROUTES = {DraftKind.CHECKIN: Target("checkin"), DraftKind.CHAT: Target("chat")}
