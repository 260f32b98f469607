"""Rows for option lists: a journal entry on one line, and a quiet 'nothing here' line."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from companion.core.store.journal import JournalEntry
from companion.core.textfmt import literal, one_line


def entry_option(entry: JournalEntry, width: int) -> Option:
    """Date, then the first line of the entry (literal, cut to ``width``); id ``entry-<id>``."""
    label = Text(f"{entry.local_date}  ", style="dim", no_wrap=True, overflow="ellipsis")
    label.append_text(literal(one_line(entry.first_line, width)))
    return Option(label, id=f"entry-{entry.id}")


def empty_option(message: str) -> Option:
    """A dim, unselectable line saying there is nothing (yet) and what to do."""
    return Option(Text(message, style="dim"), id="empty", disabled=True)
