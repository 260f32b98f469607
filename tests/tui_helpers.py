"""Shared helpers for TUI tests: a fixed clock and an app factory."""

from __future__ import annotations

from datetime import UTC, datetime

from companion.ui.tui.app import CompanionApp

FIXED_NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def fixed_clock() -> datetime:
    return FIXED_NOW


def make_app(**kwargs: object) -> CompanionApp:
    """The app as a person gets it, with a fixed clock and the first-run screen skipped."""
    options: dict[str, object] = {"clock": fixed_clock, "skip_first_run": True}
    options.update(kwargs)
    return CompanionApp(**options)  # type: ignore[arg-type]
