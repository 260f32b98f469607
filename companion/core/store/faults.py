"""Fault injection for the tests and bench/integrity.py: die at a named step of an operation.

Its own module, below everything that calls it (``files`` and the journaled operations), so
none of them has to import another at call time.
"""

from __future__ import annotations

import os

KILL_ENV = "COMPANION_KILL_AT"  # fault injection for tests and bench/integrity.py


def kill_point(name: str) -> None:
    """Die here (SIGKILL) when COMPANION_KILL_AT names this step: how the tests and
    bench/integrity.py interrupt an operation at an exact step, in a real process."""
    if os.environ.get(KILL_ENV) == name:
        import signal

        os.kill(os.getpid(), signal.SIGKILL)
