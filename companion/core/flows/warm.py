"""Load the safety check before the first save needs it.

The crisis check's learned layer loads its weights on first use (about 0.3-0.5 s); a screen
that saves text starts ``warm_up`` in a thread worker when it opens (only while ``needed()``),
so pressing save does not freeze the screen while it loads.
"""

from __future__ import annotations

import threading

_done = threading.Event()


def needed() -> bool:
    """Whether this process has not warmed the check yet (screens skip the worker after)."""
    return not _done.is_set()


def warm_up() -> None:
    """Run the safety check once on a neutral sentence (nothing is recorded). Never raises."""
    if _done.is_set():
        return
    from companion.core.safety.flow import Source, decide

    try:
        decide("Today I wrote a few lines.", Source.JOURNAL)
    except Exception:  # warming up is an optimisation; the real check reports its own problems
        return
    _done.set()
