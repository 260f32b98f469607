"""Progress: PHQ-9/GAD-7 scoring, mood trends, patterns, reminders, the report, reflection.

Headless and deterministic: the CLI, the TUI and the tests call the same functions. Never
imports Textual.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from companion.core._lazy import lazy_attributes

if TYPE_CHECKING:
    from companion.core.insights.reminders import due_reminders
    from companion.core.insights.sentences import EMPTY_MESSAGE, insight_sentences
    from companion.core.insights.trends import mood_series

__all__ = ["EMPTY_MESSAGE", "due_reminders", "insight_sentences", "mood_series"]

# Imported on first use, so `companion today` (insights.today) does not load every module.
_LAZY = {
    "EMPTY_MESSAGE": "sentences",
    "due_reminders": "reminders",
    "insight_sentences": "sentences",
    "mood_series": "trends",
}


__getattr__ = lazy_attributes(__name__, _LAZY)
