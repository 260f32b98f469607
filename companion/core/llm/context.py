"""What the model sees of a conversation: the system prompt, a short personal context the person
controls, a summary of older turns and as many recent turns as fit.

The rendered history is byte-stable between turns (the personal context is fixed when a session
starts, the summary changes only when a block of old turns is folded into it), so llama.cpp's
prefix reuse only evaluates the new turn.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
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


def personal_context_text(db: Database, mood_line: str = "") -> str:
    """The personal context exactly as the model will see it ("" when nothing is shared).

    ``mood_line`` is the sentence on the person's mood trend, built a layer up
    (``companion.core.flows.chat_context``, which uses insights' figures and words) and passed
    down; it is shown only while the person shares their mood."""
    context = get_personal_context(db)
    lines = []
    if context.share_mood and mood_line.strip():
        lines.append(mood_line.strip())
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
