"""A streamed reply held back until the output guard has read it.

The model's pieces are collected; text is released to the front end only after
``safety.check_output`` has passed the whole reply so far, so nothing the guard would stop is
ever on screen, even for a moment (the TUI and the CLI show only released text). The guard
reads the reply every ``every`` pieces or ``GUARD_CHARS`` characters, whichever comes first:
with chat's sentence-at-a-time decoding that is each sentence, with plain token streams every
few tokens. It costs about 1.5 microseconds a character of reply (bench/chat.py).
"""

from __future__ import annotations

from companion.core import safety

GUARD_CHARS = 40  # characters of unread text after which the guard reads the reply again


class GuardedReply:
    """Feed pieces with ``add``; it returns the text the guard has passed since the last call
    ("" while held back, or once the guard has failed: then ``reason`` says why)."""

    def __init__(self, every: int = 8) -> None:
        self.every = max(1, every)
        self.pieces: list[str] = []
        self.reason: str | None = None
        self._held: list[str] = []
        self._held_chars = 0

    @property
    def text(self) -> str:
        """Everything the model wrote so far (released or not)."""
        return "".join(self.pieces)

    def add(self, piece: str) -> str:
        self.pieces.append(piece)
        self._held.append(piece)
        self._held_chars += len(piece)
        if len(self._held) >= self.every or self._held_chars >= GUARD_CHARS:
            return self.check(self.text)
        return ""

    def check(self, text: str) -> str:
        """Let the guard read ``text`` (the reply so far, or the final reply): the held text
        when it passes, else "" and ``reason`` is set (nothing more is released)."""
        if self.reason is not None:
            return ""
        verdict = safety.check_output(text)  # looked up each time: tests replace it
        if not verdict.ok:
            self.reason = verdict.reason or "guard"
            return ""
        released = "".join(self._held)
        self._held.clear()
        self._held_chars = 0
        return released
