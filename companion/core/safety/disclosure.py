"""Honest disclosure: what this app is and is not, when to show it, and break suggestions."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from companion.core.clock import parse_aware

if TYPE_CHECKING:
    from sqlite_utils import Database


DISCLOSURE_TITLE = "Before you start"
DISCLOSURE_TEXT = (
    "This is an AI-assisted self-help tool for practising CBT skills. It is not a person, "
    "it is not therapy, and it cannot help in an emergency.\n\n"
    "Replies in chat are written by a small language model running on this computer. They can "
    "be wrong. You decide what is useful.\n\n"
    "Everything you write stays on this machine: nothing is sent anywhere.\n\n"
    "If you are in danger or thinking about ending your life, contact your local emergency "
    "number or a crisis line now. Press F1 at any time for people who can help."
)
HUMAN_ANSWER = (
    "You are talking to an AI program running on this computer, not a person and not a "
    "therapist. If you would like to talk to a person, press F1 for helplines you can call or "
    "text, or reach out to someone you trust."
)
BREAK_MESSAGE = (
    "We have been talking for a while. This might be a good moment for a short break: a glass "
    "of water, a stretch, a few slow breaths. You could also reach out to someone you trust. "
    "I'll be here when you come back."
)

SEEN_KEY = "disclosure_seen_utc"
LAST_VISIT_KEY = "last_visit_utc"
AWAY_DAYS = 7


def needs_disclosure(db: Database, now: datetime) -> bool:
    """True on first run, or when the last visit was ``AWAY_DAYS`` (7) or more days ago.

    Reads the settings "disclosure_seen_utc" and "last_visit_utc" (ISO 8601, UTC). ``now`` must
    be timezone-aware.
    """
    from companion.core.store.app_state import get_setting

    seen = parse_aware(get_setting(db, SEEN_KEY))
    if seen is None:
        return True
    last = parse_aware(get_setting(db, LAST_VISIT_KEY)) or seen
    return now - last >= timedelta(days=AWAY_DAYS)


def mark_disclosure_seen(db: Database, now: datetime) -> None:
    """Remember that the disclosure was shown now (and count it as a visit)."""
    from companion.core.clock import iso
    from companion.core.store.app_state import set_setting

    with db.atomic():
        set_setting(db, SEEN_KEY, iso(now))
        set_setting(db, LAST_VISIT_KEY, iso(now))


def record_visit(db: Database, now: datetime) -> None:
    """Remember the time of this visit (call after deciding whether to show the disclosure)."""
    from companion.core.clock import iso
    from companion.core.store.app_state import set_setting

    set_setting(db, LAST_VISIT_KEY, iso(now))


def break_due(started_utc: datetime, now: datetime, minutes: int) -> bool:
    """True when a chat that began at ``started_utc`` has lasted ``minutes`` or more.

    ``minutes`` <= 0 turns the suggestion off.
    """
    if minutes <= 0:
        return False
    return now - started_utc >= timedelta(minutes=minutes)
