"""The passphrase prompt shown at start when the database is encrypted.

``UnlockScreen(path)`` checks the passphrase in a thread worker (the Argon2id key derivation
takes a moment) with ``crypto.unlock``, which keeps the key in memory for this process: from
then on ``open_db(path)`` works on any thread without a passphrase. It dismisses with the
passphrase, or with "" when the person chooses to quit. A wrong passphrase says so and changes nothing; the passphrase is never shown,
logged or written anywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Static
from textual.worker import Worker, WorkerState


@dataclass
class PassphraseChecked(Message):
    """The worker tried a passphrase; ``problem`` is None when it opened the database."""

    passphrase: str
    problem: str | None


class UnlockScreen(ModalScreen[str]):
    """Ask for the passphrase of an encrypted database."""

    CSS_PATH = "modals.tcss"
    BINDINGS = [Binding("escape", "quit_app", "Quit", id="unlock_quit")]

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock-box"):
            yield Static("Your journal is encrypted.", id="unlock-title")
            yield Static(
                "Enter its passphrase to open it. It stays on this computer and is never saved.",
                id="unlock-help",
            )
            yield Input(password=True, placeholder="Passphrase", id="unlock-input")
            yield Static("", id="unlock-error", markup=False)
            with Horizontal(id="unlock-buttons"):
                yield Button("Quit", id="unlock-cancel")
                yield Button("Open", id="unlock-open", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#unlock-input", Input).focus()

    @on(Input.Submitted, "#unlock-input")
    @on(Button.Pressed, "#unlock-open")
    def _try(self) -> None:
        field = self.query_one("#unlock-input", Input)
        if not field.value:
            self._show_error("Type the passphrase first.")
            return
        field.disabled = True
        self.query_one("#unlock-error", Static).update("Checking…")
        self.check(field.value)

    @on(Button.Pressed, "#unlock-cancel")
    def action_quit_app(self) -> None:
        self.dismiss("")

    @work(thread=True, exclusive=True, group="unlock", exit_on_error=False)
    def check(self, passphrase: str) -> None:
        from companion.core.store import crypto

        try:
            crypto.unlock(self.path, passphrase)
        except crypto.PassphraseError as error:
            self.post_message(PassphraseChecked(passphrase, str(error)))
            return
        self.post_message(PassphraseChecked(passphrase, None))

    @on(Worker.StateChanged)
    def _check_failed(self, event: Worker.StateChanged) -> None:
        """The check itself raised (the file unreadable, say): say so, never stay on "Checking"."""
        if event.worker.group == "unlock" and event.state is WorkerState.ERROR:
            kind = type(event.worker.error).__name__
            self._show_error(f"The journal could not be checked ({kind}). Try again, or quit.")

    @on(PassphraseChecked)
    def _checked(self, message: PassphraseChecked) -> None:
        if message.problem is None:
            self.dismiss(message.passphrase)
            return
        self._show_error("That passphrase does not open the journal. Nothing was changed.")

    def _show_error(self, text: str) -> None:
        field = self.query_one("#unlock-input", Input)
        field.disabled = False
        field.value = ""
        field.focus()
        self.query_one("#unlock-error", Static).update(text)
