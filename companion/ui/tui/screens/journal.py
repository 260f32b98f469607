"""The journal: newest entries first, and search as you type with highlighted snippets."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import getters, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Header, Input, OptionList
from textual.widgets.option_list import Option

from companion.core.store import journal, search
from companion.core.store.tags import split_query
from companion.core.textfmt import highlighted_snippet
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.screen_commands import ScreenActions
from companion.ui.tui.widgets.focus import focus_now, settle_typing
from companion.ui.tui.widgets.footer import CompanionFooter
from companion.ui.tui.widgets.rows import empty_option, entry_option

PAGE = 100
SEARCH_PAGE = 25  # best matches shown while typing; Enter on the search box keeps them
SEARCH_DELAY = 0.15


class JournalScreen(Screen[None]):
    app = getters.app(CompanionApp)

    CSS_PATH = "journal.tcss"
    BINDINGS = [
        Binding("n", "new", "New entry", id="journal_new"),
        # priority, so the letters typed right after / land in the box (a "/" typed in the
        # box itself stays a "/")
        Binding("slash", "focus_search", "Search", id="journal_search", priority=True),
        # most important first: at 80 columns the footer leaves out the last that do not fit
        Binding("t", "tags", "Tags", id="journal_tags"),
        Binding("e", "edit", "Edit", id="journal_edit"),
        Binding("d", "delete", "Delete", id="journal_delete"),
        Binding("escape", "back", "Back", id="journal_back"),
        # priority: Down in the search box must reach the screen before the Input sees it
        Binding(
            "down,enter",
            "into_results",
            "To the results",
            id="journal_down",
            show=False,
            priority=True,
        ),
    ]
    FOOTER_LABELS: ClassVar[dict[str, str]] = {"journal_new": "New"}  # e Edit fits at 80
    COMMANDS = {ScreenActions}
    PALETTE = [("Journal tags", "Every #tag with its count; choose one to filter", "tags")]

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None
        self._shown = 0

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="Search your journal (/), #tag to filter", id="journal-search")
        yield OptionList(id="journal-list", markup=False)
        yield CompanionFooter(labels=self.FOOTER_LABELS)

    def on_mount(self) -> None:
        self.query_one("#journal-list").border_title = "Entries, newest first"
        self.show_recent()
        self.query_one("#journal-list").focus()

    def on_screen_resume(self) -> None:
        self._refresh()

    def _refresh(self) -> None:
        query = self.query_one(Input).value
        if query.strip():
            self.show_results(query)
        else:
            self.show_recent()

    def show_recent(self, more: bool = False) -> None:
        listing = self.query_one("#journal-list", OptionList)
        if not more:
            listing.clear_options()
            self._shown = 0
        else:
            listing.remove_option("more")
        entries = journal.list_entries(self.app.db, limit=PAGE, offset=self._shown)
        self._shown += len(entries)
        if not entries and self._shown == 0:
            listing.add_option(empty_option("No entries yet. Press n to write your first."))
            return
        for entry in entries:
            listing.add_option(entry_option(entry, 300))
        if len(entries) == PAGE:
            listing.add_option(Option(Text("… more (Enter)", style="italic"), id="more"))
        if listing.highlighted is None:
            listing.highlighted = 0

    def show_results(self, query: str) -> None:
        listing = self.query_one("#journal-list", OptionList)
        listing.clear_options()
        hits = search.search(self.app.db, query, kinds=("journal",), limit=SEARCH_PAGE)
        parts = split_query(query)
        if parts.tags and not parts.words:
            listing.border_title = f"{len(hits)} tagged, newest first"
        elif len(hits) == SEARCH_PAGE:
            listing.border_title = f"Best {SEARCH_PAGE} matches"
        else:
            listing.border_title = f"{len(hits)} match{'es' if len(hits) != 1 else ''}" + (
                " (best first)" if hits else ""
            )
        if not hits:
            listing.add_option(empty_option("Nothing matches. Try fewer or other words."))
            return
        for hit in hits:
            label = Text(
                f"{hit.created_utc[:10]}  ", style="dim", no_wrap=True, overflow="ellipsis"
            )
            label.append_text(highlighted_snippet(hit.parts()))
            listing.add_option(Option(label, id=f"entry-{hit.id}"))
        listing.highlighted = 0

    @on(Input.Changed, "#journal-search")
    def _typed(self, event: Input.Changed) -> None:
        if self._timer is not None:
            self._timer.stop()
        if not event.value.strip():
            self.query_one("#journal-list").border_title = "Entries, newest first"
            self.show_recent()
            return
        self._timer = self.set_timer(SEARCH_DELAY, lambda: self.show_results(event.value))

    @on(Input.Submitted, "#journal-search")
    def _submitted(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._refresh()
        self.query_one("#journal-list").focus()

    @on(OptionList.OptionSelected, "#journal-list")
    def _open(self, event: OptionList.OptionSelected) -> None:
        option_id = event.option.id or ""
        if option_id == "more":
            self.show_recent(more=True)
        elif option_id.startswith("entry-"):
            from companion.ui.tui.screens.entry_view import EntryViewScreen

            self.app.push_screen(EntryViewScreen(int(option_id.removeprefix("entry-"))))

    def _highlighted_id(self) -> int | None:
        listing = self.query_one("#journal-list", OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id or ""
        return int(option_id.removeprefix("entry-")) if option_id.startswith("entry-") else None

    def action_new(self) -> None:
        from companion.ui.tui.screens.entry_editor import EntryEditorScreen

        self.app.push_screen(EntryEditorScreen())

    async def action_into_results(self) -> None:
        """Down or Enter in the search box moves into the results, at once (what is typed
        next goes to the list, not the box); Enter also shows the results without waiting."""
        search_box = self.query_one(Input)
        if self.focused is not search_box:  # (has_focus follows a moment later)
            raise SkipAction()
        await settle_typing(self)  # the query includes the letters typed just before
        if self._timer is not None:
            self._timer.stop()
        self._refresh()
        focus_now(self.query_one("#journal-list", OptionList))

    def action_focus_search(self) -> None:
        search_box = self.query_one(Input)
        if self.focused is search_box:
            raise SkipAction()
        focus_now(search_box)

    def action_edit(self) -> None:
        entry_id = self._highlighted_id()
        if entry_id is not None:
            from companion.ui.tui.screens.entry_editor import EntryEditorScreen

            self.app.push_screen(EntryEditorScreen(entry_id), callback=self._edited)

    def _edited(self, saved_id: int | None) -> None:
        """After saving an edit, show the entry that was edited (Esc comes back here)."""
        if saved_id is not None:
            from companion.ui.tui.screens.entry_view import EntryViewScreen

            self.app.push_screen(EntryViewScreen(saved_id))

    def action_delete(self) -> None:
        entry_id = self._highlighted_id()
        if entry_id is None:
            return
        from companion.ui.tui.modals.confirm import ConfirmScreen
        from companion.ui.tui.screens.entry_view import delete_entry_everywhere, delete_question

        def done(confirmed: bool | None) -> None:
            if confirmed:
                delete_entry_everywhere(self.app, entry_id)
                self.notify("Entry deleted.")
                self._refresh()

        question = delete_question(self.app.db, entry_id)
        self.app.push_screen(ConfirmScreen(question), callback=done)

    def action_tags(self) -> None:
        """Choose a tag from the list: the search box then shows its entries (#tag)."""
        from companion.ui.tui.modals.tag_list import tag_list_screen

        def chosen(tag: str | None) -> None:
            if tag:
                search_box = self.query_one(Input)
                search_box.value = f"#{tag}"
                self.show_results(search_box.value)
                self.query_one("#journal-list").focus()

        self.app.push_screen(tag_list_screen(self.app.db), callback=chosen)

    def action_back(self) -> None:
        search_box = self.query_one(Input)
        if search_box.has_focus and search_box.value:
            search_box.value = ""
            return
        self.dismiss(None)
