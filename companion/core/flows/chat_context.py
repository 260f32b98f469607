"""What the model is told about the person: the personal context with the mood line.

The mood sentence uses insights' figures and words (this week's average against the week
before), and insights sits above the model in the layer order, so the sentence is built here and
passed down to ``companion.core.llm.context.personal_context_text``.
"""

from __future__ import annotations

from datetime import date

from sqlite_utils import Database

from companion.core.insights.sentences import week_mood
from companion.core.llm import context
from companion.core.store.stats import latest_mood


def mood_trend(db: Database, today: date | None = None) -> str:
    """One sentence on the last 7 days of check-ins, with the same figures and words as
    Insights (this week's average against the week before), or "" when there are none."""
    week = week_mood(db, today or date.today())
    if week.mean is None:
        return ""
    text = f"Their average mood over the last 7 days was {week.figures}{week.change}"
    latest = latest_mood(db)
    return text + (f"; the latest was {latest}." if latest is not None else ".")


def personal_context_text(db: Database) -> str:
    """The personal context exactly as the model will see it ("" when nothing is shared), the
    mood line included while the person shares their mood."""
    shared = context.get_personal_context(db)
    return context.personal_context_text(db, mood_trend(db) if shared.share_mood else "")
