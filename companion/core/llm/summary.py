"""Summaries of older turns: when a small model's summary is usable, and the plain one used
when it is not."""

from __future__ import annotations

from collections.abc import Callable

from companion.core.store.conversations import Message

SUMMARY_TOKENS = 200
SAID_CHARS = 120


def usable_summary(text: str, count: Callable[[str], int], limit: int = SUMMARY_TOKENS) -> bool:
    """Small models sometimes echo the transcript or run on; such output is not a summary."""
    if not text.strip() or count(text) >= limit:
        return False
    lowered = text.lower()
    return "person:" not in lowered and "companion:" not in lowered


def extractive_summary(previous: str, folded: list[Message]) -> str:
    """A plain fallback summary: the earlier summary plus the start of each thing the person said."""
    said = []
    for message in folded:
        if message.role == "user":
            first = " ".join(message.content.split())[:SAID_CHARS]
            said.append(first if len(message.content) <= SAID_CHARS else first + "...")
    parts = [previous.strip()] if previous.strip() else []
    if said:
        parts.append("Earlier the person said: " + " / ".join(said))
    return " ".join(parts)
