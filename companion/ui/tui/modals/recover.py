"""Shown at start when the database cannot be read: offer the latest good backup.

``RecoverScreen(error)`` (a ``CorruptDatabaseError``) looks for the newest backup that passes
its integrity check (in a thread worker), then offers to restore it, to start with an empty
journal, or to quit and leave everything as it is. Restoring or starting afresh first sets the
damaged file aside under a new name (``companion.db.corrupt-<time>``): it is never overwritten
or deleted. Dismisses with True when a usable database is in place, False to quit.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.worker import Worker, WorkerState

from companion.core.store.db import CorruptDatabaseError


@dataclass
class BackupFound(Message):
    """The search for a good backup finished; ``path`` is None when there is none."""

    path: Path | None


class RecoverScreen(ModalScreen[bool]):
    """Offer to restore the latest good backup of an unreadable database."""

    CSS_PATH = "modals.tcss"
    BINDINGS = [Binding("escape", "leave", "Quit", id="recover_quit")]

    def __init__(self, error: CorruptDatabaseError, passphrase: str | None = None) -> None:
        super().__init__()
        self.error = error
        self.passphrase = passphrase
        self.backup: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="recover-box"):
            yield Static("The journal database cannot be read", id="recover-title")
            yield Static(Text(self.error.detail), id="recover-detail")
            yield Static(
                "The damaged file will be kept aside under a new name, never overwritten.",
                id="recover-note",
            )
            yield Static("Looking for the latest good backup…", id="recover-status")
            with Horizontal(id="recover-buttons"):
                yield Button("Quit", id="recover-quit")
                yield Button("Start empty", id="recover-fresh")
                yield Button("Restore backup", id="recover-restore", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#recover-restore", Button).display = False
        self.query_one("#recover-quit", Button).focus()
        self.find_backup()

    @work(thread=True, exclusive=True, group="recover", exit_on_error=False)
    def find_backup(self) -> None:
        from companion.core.store.backup import latest_good_backup

        self.post_message(BackupFound(latest_good_backup(self.passphrase)))

    @on(Worker.StateChanged)
    def _lookup_failed(self, event: Worker.StateChanged) -> None:
        """The search itself raised (an unreadable backups folder, say): say so, never leave
        "Looking…" on screen; starting empty or quitting still work."""
        if event.worker.group != "recover" or event.state is not WorkerState.ERROR:
            return
        kind = type(event.worker.error).__name__
        self.query_one("#recover-status", Static).update(
            Text(
                f"The backups could not be searched ({kind}). You can start with an empty "
                "journal or quit; the damaged file is kept either way."
            )
        )

    @on(BackupFound)
    def _found(self, message: BackupFound) -> None:
        from companion.core.store.backup import backup_time

        self.backup = message.path
        status = self.query_one("#recover-status", Static)
        if message.path is None:
            status.update(Text("No good backup was found."))
            return
        made = backup_time(message.path)
        when = made.strftime("%Y-%m-%d %H:%M UTC") if made else "an unknown time"
        status.update(Text(f"The latest good backup was made {when} ({message.path.name})."))
        restore = self.query_one("#recover-restore", Button)
        restore.display = True
        restore.focus()

    @on(Button.Pressed, "#recover-restore")
    def _restore(self) -> None:
        from companion.core.store.backup import BackupError, restore, set_aside_corrupt

        if self.backup is None:
            return
        try:
            set_aside_corrupt(self.error.path)
            restore(self.backup, path=self.error.path, passphrase=self.passphrase)
        except (BackupError, OSError) as problem:
            self.query_one("#recover-status", Static).update(Text(f"Restore failed: {problem}"))
            return
        self.dismiss(True)

    @on(Button.Pressed, "#recover-fresh")
    def _fresh(self) -> None:
        from companion.core.store.backup import set_aside_corrupt

        try:
            set_aside_corrupt(self.error.path)
        except OSError as problem:
            self.query_one("#recover-status", Static).update(
                Text(f"Could not set the file aside: {problem}")
            )
            return
        self.dismiss(True)

    @on(Button.Pressed, "#recover-quit")
    def action_leave(self) -> None:
        self.dismiss(False)
