"""A small typed modal asking for a conversation's new title."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class RenameScreen(ModalScreen[str | None]):
    """Dismisses with the new title, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="rename_cancel")]
    CSS_PATH = "modals.tcss"

    def __init__(self, title: str) -> None:
        super().__init__()
        self.current = title

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static("New title (Enter saves, Esc cancels):", markup=False)
            yield Input(value=self.current, id="rename-input", max_length=120)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value.strip() or None)

    def action_cancel(self) -> None:
        self.dismiss(None)
