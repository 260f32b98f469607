"""What ``ChatSession.send`` / ``regenerate`` yield, and the two refusals they raise: small
dataclasses a front end reads (the CLI prints them, the TUI worker forwards them)."""

from __future__ import annotations

from dataclasses import dataclass

from companion.core.llm.backend import GenerationStats
from companion.core.safety.flow import SafetyDecision
from companion.core.store.conversations import Message


class EmptyMessage(ValueError):
    """Nothing to send."""


class NothingToRegenerate(ValueError):
    """There is no model reply to write again."""


@dataclass(frozen=True)
class UserSaved:
    """The person's message was screened and stored; ``decision`` is the safety flow's."""

    message: Message
    decision: SafetyDecision

    @property
    def level(self) -> str:
        return str(self.decision.level)


@dataclass(frozen=True)
class Summarising:
    """Older turns are being folded into the summary (takes a few seconds)."""


@dataclass(frozen=True)
class ReplyStarted:
    """The prompt is ready; ``prompt_tokens`` of ``n_ctx`` are in use."""

    prompt_tokens: int
    n_ctx: int


@dataclass(frozen=True)
class ReplyPiece:
    """A piece of the reply as the model writes it."""

    text: str


@dataclass(frozen=True)
class ReplyReplaced:
    """The reply failed the output guard and was replaced by ``text``."""

    reason: str
    text: str


@dataclass(frozen=True)
class ReplyDone:
    """The reply is stored (``message`` is None when it was stopped before any text)."""

    message: Message | None
    stats: GenerationStats


@dataclass(frozen=True)
class SafetyNotice:
    """A scripted reply from the app, not the model (``kind`` names it: "crisis", "suspended",
    "medication", "carried_on"...). Front ends show ``text`` and open Help now when asked."""

    kind: str
    text: str
    message: Message
    open_help_now: bool = False
    offers_carry_on: bool = False


ChatEvent = (
    UserSaved | Summarising | ReplyStarted | ReplyPiece | ReplyReplaced | ReplyDone | SafetyNotice
)
