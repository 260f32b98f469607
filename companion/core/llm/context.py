"""What the model sees of a conversation: the system prompt, a short personal context the person
controls, a summary of older turns and as many recent turns as fit.

The rendered history is byte-stable between turns (the personal context is fixed when a session
starts, the summary changes only when a block of old turns is folded into it), so llama.cpp's
prefix reuse only evaluates the new turn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from sqlite_utils import Database

from companion.core.llm.prompts import render_prompt
from companion.core.store.conversations import Message

CONTEXT_KEY = "chat.personal_context"
CLIP_MARK = "\n[... part of this long message is left out ...]\n"


@dataclass(frozen=True)
class PersonalContext:
    """What the person chose to let the companion know; every part can be seen and turned off."""

    share_mood: bool = True
    goals: str = ""
    notes: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {"share_mood": self.share_mood, "goals": self.goals, "notes": self.notes}


def get_personal_context(db: Database) -> PersonalContext:
    from companion.core.store.app_state import get_setting

    raw = get_setting(db, CONTEXT_KEY, {}) or {}
    return PersonalContext(
        share_mood=bool(raw.get("share_mood", True)),
        goals=str(raw.get("goals", "")),
        notes=str(raw.get("notes", "")),
    )


def set_personal_context(db: Database, context: PersonalContext) -> None:
    from companion.core.store.app_state import set_setting

    set_setting(db, CONTEXT_KEY, context.to_dict())


def mood_trend(db: Database, today: date | None = None) -> str:
    """One sentence on the last 7 days of check-ins, with the same figures and words as
    Insights (this week's average against the week before), or "" when there are none."""
    from companion.core.insights.sentences import fmt, plural
    from companion.core.insights.trends import mean_mood

    today = today or date.today()
    week_start = today - timedelta(days=6)
    mean, count = mean_mood(db, week_start.isoformat(), today.isoformat())
    if mean is None:
        return ""
    before, _ = mean_mood(
        db,
        (week_start - timedelta(days=7)).isoformat(),
        (week_start - timedelta(days=1)).isoformat(),
    )
    text = (
        f"Their average mood over the last 7 days was {fmt(mean)} out of 10 "
        f"({plural(count, 'check-in')})"
    )
    if before is not None:
        if round(mean, 1) > round(before, 1):
            text += f", up from {fmt(before)} the week before"
        elif round(mean, 1) < round(before, 1):
            text += f", down from {fmt(before)} the week before"
        else:
            text += ", the same as the week before"
    latest = db.execute(
        "select mood from checkins order by created_utc desc, id desc limit 1"
    ).fetchone()
    return text + (f"; the latest was {latest[0]}." if latest else ".")


def personal_context_text(db: Database) -> str:
    """The personal context exactly as the model will see it ("" when nothing is shared)."""
    context = get_personal_context(db)
    lines = []
    if context.share_mood:
        trend = mood_trend(db)
        if trend:
            lines.append(trend)
    if context.goals.strip():
        lines.append(f"Their current goals: {context.goals.strip()}")
    if context.notes.strip():
        lines.append(f"Things they chose to share: {context.notes.strip()}")
    return "\n".join(lines)


def system_text(personal: str, summary: str) -> str:
    """The system message: the prompt, then the personal context, then the summary."""
    parts = [render_prompt("system")]
    if personal.strip():
        parts.append("What the person chose to share with you:\n" + personal.strip())
    if summary.strip():
        parts.append("Summary of your earlier conversation:\n" + summary.strip())
    return "\n\n".join(parts)


def model_turns(history: Sequence[Message]) -> list[Message]:
    """The messages the model sees: user and assistant turns, without the turns the safety flow
    answered with a scripted reply (``meta["scripted"]``: the model never saw them, and must not
    answer them later), crisis exchanges, the app's notices and failed replies."""
    turns = []
    for message in history:
        if message.role not in ("user", "assistant") or message.status == "error":
            continue
        meta = message.meta
        if meta.get("safety") == "crisis" or meta.get("kind") or meta.get("scripted"):
            continue
        if not message.content.strip():
            continue
        turns.append(message)
    return turns


def clip(text: str, max_tokens: int, count: Callable[[str], int]) -> str:
    """``text`` cut in the middle to at most ``max_tokens`` tokens (start and end kept)."""
    if max_tokens <= 0:
        return ""
    tokens = count(text)
    if tokens <= max_tokens:
        return text
    keep = max(16, int(len(text) * max_tokens / tokens * 0.9) - len(CLIP_MARK))
    while keep > 16:
        head, tail = text[: keep * 2 // 3], text[len(text) - keep // 3 :]
        candidate = head + CLIP_MARK + tail
        if count(candidate) <= max_tokens:
            return candidate
        keep = int(keep * 0.8)
    return text[:16] + CLIP_MARK


@dataclass
class Budget:
    """Token limits for one prompt."""

    n_ctx: int
    reply_tokens: int
    margin: int = 16
    per_message_cap: int = 0
    counts: dict[int, int] = field(default_factory=dict)

    @property
    def prompt_limit(self) -> int:
        return self.n_ctx - self.reply_tokens - self.margin

    def message_cap(self) -> int:
        return self.per_message_cap or max(64, self.prompt_limit // 3)
