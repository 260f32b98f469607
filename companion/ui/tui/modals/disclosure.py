"""First run (and after 7 days away): what this app is and is not, and the person's country.

Dismisses with the chosen two-letter country code.
"""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Select, Static

from companion.core.safety.disclosure import DISCLOSURE_TEXT, DISCLOSURE_TITLE
from companion.core.safety.helplines import country_names, guess_country, resolve_country
from companion.ui.tui.app import CompanionApp


class DisclosureScreen(ModalScreen[str]):
    """An honest statement of what companion is, with a country picker for helplines."""

    app = getters.app(CompanionApp)

    CSS_PATH = "modals.tcss"
    BINDINGS = [
        Binding("escape", "accept", "Continue", id="disclosure_continue"),
    ]

    def __init__(self, country: str | None = None) -> None:
        super().__init__()
        self.initial = (country or "").upper()

    def _default_country(self) -> str:
        if self.initial:
            return self.initial
        try:
            return resolve_country(self.app.db)
        except Exception:
            return guess_country()

    def compose(self) -> ComposeResult:
        names = country_names()
        default = self._default_country()
        options = [(Text(f"{name} ({code})"), code) for code, name in names.items()]
        with Vertical(id="disclosure-dialog"):
            yield Static(Text(DISCLOSURE_TITLE, style="bold"), id="disclosure-title")
            with VerticalScroll(id="disclosure-scroll"):
                yield Static(DISCLOSURE_TEXT, id="disclosure-text", markup=False)
                yield Static("Your country (for helplines you can reach):")
                yield Select(
                    options,
                    value=default if default in names else "US",
                    allow_blank=False,
                    id="disclosure-country",
                )
            yield Button("I understand", id="disclosure-ok", variant="primary")

    def on_mount(self) -> None:
        self.query_one("#disclosure-ok", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "disclosure-ok":
            self.action_accept()

    def action_accept(self) -> None:
        value = self.query_one("#disclosure-country", Select).value
        self.dismiss(value if isinstance(value, str) else self._default_country())
