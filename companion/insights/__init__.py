"""Progress: PHQ-9/GAD-7 scoring, mood trends, patterns, reminders, the report, reflection.

Headless and deterministic: the CLI, the TUI and the tests call the same functions. Never
imports Textual.
"""

from companion.insights.reminders import due_reminders
from companion.insights.sentences import EMPTY_MESSAGE, insight_sentences
from companion.insights.trends import mood_series

__all__ = ["EMPTY_MESSAGE", "due_reminders", "insight_sentences", "mood_series"]
