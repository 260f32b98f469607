"""A kind check-in after a hard moment: the app remembers safety events (never the text) and,
next time, can ask gently how the person is doing.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from companion.core.clock import parse_aware

if TYPE_CHECKING:
    from sqlite_utils import Database

ACK_KEY = "safety_followup_ack_utc"
FOLLOW_UP_DAYS = 7

CRISIS_FOLLOW_UP = (
    "Last time you were here, things sounded really hard. How are you doing now? If it helps, "
    "your safety plan and people you can call are one key away (F1)."
)
CONCERN_FOLLOW_UP = (
    "Last time you were here, you mentioned some heavy feelings. How are you doing today? "
    "Your safety plan and helplines are always one key away (F1)."
)


def follow_up_message(db: Database, now: datetime, days: int = FOLLOW_UP_DAYS) -> str | None:
    """A gentle check-in when a concern or crisis event happened in the last ``days`` days and
    has not been acknowledged since; None otherwise. ``now`` must be timezone-aware."""
    from companion.core.store.app_state import get_setting
    from companion.core.store.safety_records import list_safety_events

    acknowledged = parse_aware(get_setting(db, ACK_KEY))
    since = now - timedelta(days=days)
    if acknowledged is not None and acknowledged > since:
        since = acknowledged
    levels = set()
    for event in list_safety_events(db, limit=50):
        when = parse_aware(event.get("created_utc"))
        if when is None or when <= since or when > now:
            continue
        levels.add(str(event.get("level")))
    if "crisis" in levels:
        return CRISIS_FOLLOW_UP
    if "concern" in levels:
        return CONCERN_FOLLOW_UP
    return None


def acknowledge_follow_up(db: Database, now: datetime) -> None:
    """Remember that the check-in was shown, so it is not repeated for the same events."""
    from companion.core.clock import iso
    from companion.core.store.app_state import set_setting

    set_setting(db, ACK_KEY, iso(now))
