"""Save some Markdown to a file: the path is suggested (Documents, or home) and can be changed;
Enter writes it (0600, never over an existing file) and the screen dismisses with the path."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from companion.core.store.markdown_export import MarkdownExportError, save_markdown


class SaveMarkdownScreen(ModalScreen[Path | None]):
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="save_md_cancel")]
    CSS_PATH = "modals.tcss"

    def __init__(self, what: str, text: str, suggested: Path) -> None:
        super().__init__()
        self.what = what
        self.text = text
        self.suggested = suggested

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                f"Save {self.what} as Markdown to (Enter saves, Esc cancels):", markup=False
            )
            yield Input(str(self.suggested), id="save-md-path")
            yield Static("", id="save-md-error", markup=False)

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted, "#save-md-path")
    def _save(self, event: Input.Submitted) -> None:
        value = event.value.strip()
        if not value:
            self.query_one("#save-md-error", Static).update("Type where to save the file.")
            return
        try:
            path = save_markdown(self.text, Path(value))
        except MarkdownExportError as error:
            self.query_one("#save-md-error", Static).update(str(error))
            return
        self.dismiss(path)

    def action_cancel(self) -> None:
        self.dismiss(None)


def saved_message(path: Path | None) -> str | None:
    """The notice after saving (None when cancelled)."""
    return None if path is None else f"Saved to {path} (readable only by you)."
