"""Load the safety check before the first save needs it.

The crisis check's learned layer loads its weights on first use (about 0.3 s); a screen that
saves text calls ``warm_up`` in a thread worker when it opens, so pressing save does not
freeze the screen while it loads.
"""

from __future__ import annotations


def warm_up() -> None:
    """Run the safety check once on a neutral sentence (nothing is recorded). Never raises."""
    from companion.safety.flow import Source, decide

    try:
        decide("Today I wrote a few lines.", Source.JOURNAL)
    except Exception:  # warming up is an optimisation; the real check reports its own problems
        return
