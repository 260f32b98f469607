"""One way to run work off the UI thread, and one way it fails.

Every worker is started with ``exit_on_error=False`` (a failing model or query never closes the
app), opens its database connection with ``app.worker_db()`` (the passphrase the person unlocked
with; closed after), and a worker that raises anyway ends at ``CompanionApp.worker_failed``: a
crash report without the person's text and one sentence. ``Worker.StateChanged`` does not
bubble, so a screen or widget that runs workers mixes in ``ReportsFailedWorkers`` to pass its
failures on (its own handler may still say more where the work was shown).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual import getters
from textual.message_pump import MessagePump
from textual.worker import Worker, WorkerState

from companion.ui.tui.app import CompanionApp

#: What each worker group does, for the sentence when it fails.
WORK_NAMES = {
    "backup": "The automatic backup",
    "scrub": "Clearing deleted text from the backups",
    "chat-load": "Loading the model",
    "chat-reply": "The chat reply",
    "insights": "Working out the insights",
    "reflection": "The weekly reflection",
    "exercise-ai": "The suggestions",
}


def failure_sentence(worker: Worker[Any], error: BaseException, report: Path | None) -> str:
    """One sentence: what did not happen, that the app carries on, where the details are
    (never the exception's message: it may quote what the person wrote)."""
    what = WORK_NAMES.get(worker.group, "Some work in the background")
    where = (
        f"the details (without anything you wrote) are in {report}"
        if report is not None
        else "no details could be written"
    )
    return (
        f"{what} failed because of an unexpected problem ({type(error).__name__}); "
        f"companion carries on and nothing you saved is lost; {where}."
    )


class ReportsFailedWorkers(MessagePump):
    """Mix into a Screen or Widget (before the Textual class) that runs workers."""

    app = getters.app(CompanionApp)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        if event.state is WorkerState.ERROR:
            self.app.worker_failed(event.worker)
