"""Reading one journal entry, exactly as written, with edit and delete."""

from __future__ import annotations

from rich.text import Text
from sqlite_utils import Database
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static, TextArea

from companion.core.store import journal
from companion.core.textfmt import one_line, visible
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.footer import CompanionFooter


class EntryViewScreen(Screen[None]):
    app = getters.app(CompanionApp)

    CSS_PATH = "entry.tcss"
    BINDINGS = [
        Binding("e", "edit", "Edit", id="entry_edit"),
        Binding("d", "delete", "Delete", id="entry_delete"),
        Binding("escape", "app.pop_screen", "Back", id="entry_back"),
    ]

    def __init__(self, entry_id: int) -> None:
        super().__init__()
        self.entry_id = entry_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="entry-meta")
        # A read-only TextArea draws only the visible lines, so a 1 MB entry opens at once,
        # and it never interprets markup.
        yield TextArea(id="entry-body", read_only=True, soft_wrap=True, show_cursor=False)
        yield CompanionFooter()

    def on_mount(self) -> None:
        self.show_entry()
        self.query_one("#entry-body").focus()

    def show_entry(self) -> None:
        try:
            entry = journal.get_entry(self.app.db, self.entry_id)
        except KeyError:
            self.dismiss(None)
            return
        meta = Text(f"Entry {entry.id} · {entry.local_date}", style="bold")
        if entry.updated_utc != entry.created_utc:
            meta.append(f" · edited {entry.updated_utc[:10]}", style="dim")
        self.query_one("#entry-meta", Static).update(meta)
        self.query_one("#entry-body", TextArea).load_text(visible(entry.body))

    def action_edit(self) -> None:
        from companion.ui.tui.screens.entry_editor import EntryEditorScreen

        self.app.push_screen(EntryEditorScreen(self.entry_id), callback=lambda _: self.show_entry())

    def action_delete(self) -> None:
        from companion.ui.tui.modals.confirm import ConfirmScreen

        def done(confirmed: bool | None) -> None:
            if confirmed:
                delete_entry_everywhere(self.app, self.entry_id)
                self.notify("Entry deleted.")
                self.dismiss(None)

        question = delete_question(self.app.db, self.entry_id)
        self.app.push_screen(ConfirmScreen(question), callback=done)


def delete_question(db: Database, entry_id: int) -> Text:
    """The delete dialog names the entry: its date and how it begins, shown literally."""
    entry = journal.get_entry(db, entry_id)
    begins = one_line(visible(entry.body), 50)
    return Text.assemble(
        "Delete the entry of ", (entry.local_date, "bold"), f' ("{begins}") for good?'
    )


def delete_entry_everywhere(app: CompanionApp, entry_id: int) -> None:
    """Delete an entry now, then scrub its text from the index, the WAL and free pages in the
    background (a VACUUM of a large journal takes seconds)."""
    journal.delete_entry(app.db, entry_id)
    app.scrub_in_background()
