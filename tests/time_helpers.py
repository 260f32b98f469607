"""Building known moments for tests."""

from __future__ import annotations

from datetime import UTC, date, datetime


def at(day: date, hour: int = 12) -> datetime:
    """``day`` at ``hour`` o'clock UTC."""
    return datetime(day.year, day.month, day.day, hour, tzinfo=UTC)
