"""Writing or editing a journal entry; the text is kept as a draft while you type."""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Header, Static, TextArea

from companion.core.flows import warm
from companion.core.flows.drafts import DraftKey
from companion.core.flows.errors import NotSaved
from companion.core.flows.journal import save_entry
from companion.core.store import drafts, journal
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.draft_saver import DraftSaver
from companion.ui.tui.widgets.focus import settle_typing
from companion.ui.tui.widgets.footer import CompanionFooter


class EntryEditorScreen(Screen[int | None]):
    """Dismisses with the saved entry's id, or None when left without saving (draft kept)."""

    app = getters.app(CompanionApp)

    CSS_PATH = "entry.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="editor_save", priority=True),
        # "Back": the line above the text says Esc keeps a draft, and at 80 columns the footer
        # then has room for Discard draft beside Quit and Keys
        Binding("escape", "leave", "Back", id="editor_leave"),
        # F8, not ctrl+d: the text area takes ctrl+d (delete right) before the screen sees it
        Binding("f8", "discard", "Discard draft", id="editor_discard"),
    ]

    def __init__(self, entry_id: int | None = None) -> None:
        super().__init__()
        self.entry_id = entry_id
        self.draft_key = str(DraftKey.journal(entry_id))
        self.drafts = DraftSaver(self, self.save_draft)
        self._text = ""  # the editor's text as of its last change (saved by ``drafts``)
        self._finished = False  # saved or discarded: no draft may be written after this

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="editor-status")
        yield TextArea(id="editor", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        yield CompanionFooter()

    def on_mount(self) -> None:
        db = self.app.db
        draft = drafts.load_draft(db, self.draft_key)
        area = self.query_one(TextArea)
        if draft is not None:
            area.load_text(draft)
            self._status("Draft restored. Ctrl+S saves the entry; Esc keeps it as a draft.")
        elif self.entry_id is not None:
            area.load_text(journal.get_entry(db, self.entry_id).body)
            self._status(f"Editing entry {self.entry_id}. Ctrl+S saves; Esc goes back.")
        else:
            self._status("Write freely. Ctrl+S saves; Esc keeps what you wrote as a draft.")
        area.move_cursor(area.document.end)
        area.focus()
        # the crisis check loads on first use: load it now, not when ctrl+s is pressed
        if warm.needed():
            self.run_worker(warm.warm_up, thread=True, group="safety-warm-up", exit_on_error=False)

    def on_unmount(self) -> None:
        self.drafts.flush()  # quitting the app with the editor open keeps the last keys too

    def _status(self, message: str) -> None:
        self.query_one("#editor-status", Static).update(Text(message, style="dim"))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._finished:  # a change event that arrives after saving must not revive a draft
            return
        self._text = event.text_area.text
        self.drafts.changed()

    def save_draft(self) -> None:
        """Write the text as it was last changed; a kill after this loses nothing."""
        text = self._text
        db = self.app.db
        original = journal.get_entry(db, self.entry_id).body if self.entry_id else ""
        if text == original or not text.strip():  # keep no draft with nothing in it
            drafts.discard_draft(db, self.draft_key)
        else:
            drafts.save_draft(db, self.draft_key, text)

    async def action_save(self) -> None:
        await settle_typing(self)  # the keys typed just before ctrl+s are part of the entry
        text = self.query_one(TextArea).text
        db = self.app.db
        try:
            saved = save_entry(db, text, entry_id=self.entry_id, now=self.app.clock())
        except NotSaved as error:
            self.notify(str(error), severity="warning")
            if error.decision is not None:
                self.app.show_safety(error.decision)
            return
        self._finished = True
        self.drafts.cancel()
        drafts.discard_draft(db, self.draft_key)
        if saved.edited:  # the old words leave the search index and free pages
            self.app.scrub_in_background()
        self.notify("Entry saved.")
        self.app.show_safety(saved.decision)
        self.dismiss(saved.entry_id)

    def action_leave(self) -> None:
        self.drafts.flush()
        self.dismiss(None)

    def action_discard(self) -> None:
        """Throw away what was written here since the last save, after asking."""
        from companion.ui.tui.modals.confirm import ConfirmScreen

        def answered(discard: bool | None) -> None:
            if not discard:
                return
            self._finished = True
            self.drafts.cancel()
            drafts.discard_draft(self.app.db, self.draft_key)
            self.notify("Draft discarded.")
            self.dismiss(None)

        what = "this new entry" if self.entry_id is None else "your changes to this entry"
        question = f"Discard {what}? What you wrote since the last save will be gone."
        self.app.push_screen(ConfirmScreen(question, yes="Discard", no="Keep"), answered)
