"""Record a mood check-in: one emotions parser, the safety flow on the note, then the save."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from companion.core.emotions import parse_emotions
from companion.core.flows.errors import NotSaved
from companion.core.store import checkins
from companion.core.store.checkins import CheckIn

if TYPE_CHECKING:
    from companion.core.safety.flow import SafetyDecision
    from companion.core.store._util import Conn


@dataclass(frozen=True)
class CheckinInput:
    """A check-in that passed validation, ready to save."""

    mood: int
    emotions: dict[str, int] = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class CheckinSaved:
    """The saved check-in and the safety flow's decision on its note (None: no note)."""

    checkin: CheckIn
    decision: SafetyDecision | None

    @property
    def checkin_id(self) -> int:
        return self.checkin.id


def parse_checkin(mood: int | None, emotions: str = "", note: str = "") -> CheckinInput:
    """Validate what the person gave (``emotions`` as typed: "anxious 60, calm 20"); raises
    ``NotSaved`` naming the field to fix. Touches no store, so it runs before one is opened."""
    if mood is None:
        raise NotSaved("Choose a mood from 0 to 10 first.", "mood")
    try:
        checkins.validate_mood(mood)
    except ValueError as error:
        raise NotSaved(str(error), "mood") from error
    try:
        parsed = checkins.validate_emotions(parse_emotions(emotions))
    except ValueError as error:
        raise NotSaved(str(error), "emotions") from error
    return CheckinInput(mood, parsed, note)


def record_checkin(db: Conn, given: CheckinInput, *, now: datetime | None = None) -> CheckinSaved:
    """Respond to the note (when there is one), then save the check-in. The safety flow is
    imported only for a note: a check-in without one stays as quick as before."""
    decision = None
    if given.note.strip():
        from companion.core.safety.flow import Source, respond

        decision = respond(db, given.note, Source.CHECKIN)
    saved = checkins.add_checkin(db, given.mood, given.emotions, given.note, now=now)
    return CheckinSaved(saved, decision)
