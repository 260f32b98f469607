"""A modal to see and change what the model is told about the person (the personal context)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Static

from companion.core.llm.context import PersonalContext


class PersonalContextScreen(ModalScreen[PersonalContext | None]):
    """Dismisses with the edited context, or None when cancelled."""

    BINDINGS = [Binding("escape", "cancel", "Cancel", id="context_cancel")]
    CSS_PATH = "modals.tcss"

    def __init__(self, context: PersonalContext, preview: str) -> None:
        super().__init__()
        self.context = context
        self.preview = preview

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "What the model is told about you (only you can change this)", markup=False
            )
            yield Checkbox(
                "Share my recent mood trend from check-ins",
                self.context.share_mood,
                id="context-mood",
            )
            yield Static("My current goals:", markup=False)
            yield Input(self.context.goals, id="context-goals", max_length=300)
            yield Static("Things I choose to share:", markup=False)
            yield Input(self.context.notes, id="context-notes", max_length=500)
            yield Static(Text("Now: " + (self.preview or "nothing"), style="dim"))
            yield Static(Text("Changes apply to the next conversation you open.", style="dim"))
            with Horizontal():
                yield Button("Cancel", id="context-cancel")
                yield Button("Save", id="context-save", variant="primary")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "context-save":
            self.dismiss(
                PersonalContext(
                    share_mood=self.query_one("#context-mood", Checkbox).value,
                    goals=self.query_one("#context-goals", Input).value.strip(),
                    notes=self.query_one("#context-notes", Input).value.strip(),
                )
            )
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)
