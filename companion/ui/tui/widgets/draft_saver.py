"""Save text being typed soon after it changes, even while the typing never pauses.

A plain debounce (restart a timer on every key) never fires during continuous typing, so a kill
loses everything typed since the last pause. ``DraftSaver`` saves ``quiet`` seconds after the
last change, but never later than ``max_wait`` seconds after the first change not yet saved:
whatever the typing speed, a kill loses at most the last ``max_wait`` seconds of text.

Every editor (journal entry, exercise steps, safety plan) uses it, so the rule is one place.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from textual.message_pump import MessagePump
from textual.timer import Timer

QUIET = 0.4  # seconds without a key before the text is saved
MAX_WAIT = 1.0  # seconds at most between a change and its save, however fast the typing


def now() -> float:
    """The clock DraftSaver reads (tests replace it to type "for minutes" in a moment)."""
    return time.monotonic()


class DraftSaver:
    """Calls ``save`` at most ``max_wait`` seconds after an unsaved change (and ``quiet``
    seconds after the last one). ``clock`` defaults to ``now`` (looked up at each call)."""

    def __init__(
        self,
        owner: MessagePump,
        save: Callable[[], None],
        *,
        quiet: float = QUIET,
        max_wait: float = MAX_WAIT,
        clock: Callable[[], float] | None = None,
    ) -> None:
        self._owner = owner
        self._save = save
        self.quiet = quiet
        self.max_wait = max_wait
        self._clock = clock or (lambda: now())
        self._timer: Timer | None = None
        self._unsaved_since: float | None = None

    @property
    def pending(self) -> bool:
        """Whether there is a change not saved yet."""
        return self._unsaved_since is not None

    def changed(self) -> None:
        """The text changed: save now if the oldest unsaved change is ``max_wait`` old, else
        (re)arm the timer so it fires after ``quiet`` seconds, never past the max wait."""
        now = self._clock()
        if self._unsaved_since is None:
            self._unsaved_since = now
        waited = now - self._unsaved_since
        if waited >= self.max_wait:
            self.flush()
            return
        self._stop_timer()
        delay = min(self.quiet, self.max_wait - waited)
        self._timer = self._owner.set_timer(delay, self.flush)

    def flush(self) -> None:
        """Save now if anything is unsaved (leaving a screen or a step calls this)."""
        self._stop_timer()
        if self._unsaved_since is None:
            return
        self._unsaved_since = None
        self._save()

    def cancel(self) -> None:
        """Forget the unsaved change (the text was saved for good or discarded)."""
        self._stop_timer()
        self._unsaved_since = None

    def _stop_timer(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
