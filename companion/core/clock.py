"""Time in one place, so tests can inject a clock and rows agree on formats."""

from __future__ import annotations

from datetime import UTC, date, datetime


def utc_now() -> datetime:
    return datetime.now(UTC)


def iso(moment: datetime) -> str:
    """ISO 8601 text in UTC, the format every timestamp column uses."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def local_date(moment: datetime) -> str:
    """The person's local calendar date for a moment, as YYYY-MM-DD."""
    if moment.tzinfo is None:
        moment = moment.astimezone()
    return moment.astimezone().date().isoformat()


def parse_aware(value: object) -> datetime | None:
    """A stored timestamp as an aware datetime, or None for anything else (never raises)."""
    if not isinstance(value, str):
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError:
        return None
    return parsed if parsed.tzinfo is not None else None


def today() -> date:
    return datetime.now().astimezone().date()
