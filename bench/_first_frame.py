"""Run the TUI headless until Home has drawn its first frame, then exit (for bench timing).

Prints the seconds from interpreter start-up to the first frame.
"""

from __future__ import annotations

import time as _time

STARTED = _time.perf_counter()

import sys
import time

from companion.ui.tui.app import CompanionApp
from companion.ui.tui.screens.home import HomeScreen


class FirstFrameApp(CompanionApp):
    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self._check)

    def _check(self) -> None:
        if isinstance(self.screen, HomeScreen):
            self.screen.call_after_refresh(self._done)
        else:
            self.call_after_refresh(self._check)

    def _done(self) -> None:
        self.first_frame = time.perf_counter()
        self.exit(0)


if __name__ == "__main__":
    import os

    os.environ.setdefault("TERM", "xterm-256color")
    app = FirstFrameApp(skip_first_run=True)
    app.run(headless=True, size=(80, 24))
    print(f"{getattr(app, 'first_frame', time.perf_counter()) - STARTED:.6f}")
    sys.exit(0)
