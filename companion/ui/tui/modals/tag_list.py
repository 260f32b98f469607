"""Every journal tag with its count; choosing one dismisses with the tag (the journal then
searches for ``#tag``)."""

from __future__ import annotations

from rich.text import Text
from sqlite_utils import Database
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion.core.store.tags import tag_counts
from companion.core.textfmt import visible


class TagListScreen(ModalScreen[str | None]):
    BINDINGS = [Binding("escape", "close", "Close", id="tags_close")]
    CSS_PATH = "modals.tcss"

    def __init__(self, counts: list[tuple[str, int]]) -> None:
        super().__init__()
        self.counts = counts

    def compose(self) -> ComposeResult:
        with Vertical():
            if not self.counts:
                yield Static("No tags yet. Write #work or @sam in an entry to tag it.")
            else:
                yield Static("Tags (Enter shows the entries, Esc closes):")
                width = max(len(str(count)) for _, count in self.counts)
                yield OptionList(
                    *[
                        Option(Text(visible(f"{count:>{width}}  #{tag}")), id=f"tag-{tag}")
                        for tag, count in self.counts
                    ],
                    id="tag-list",
                    markup=False,
                )

    def on_mount(self) -> None:
        if self.counts:
            self.query_one(OptionList).focus()

    @on(OptionList.OptionSelected, "#tag-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        self.dismiss((event.option.id or "").removeprefix("tag-") or None)

    def action_close(self) -> None:
        self.dismiss(None)


def tag_list_screen(db: Database) -> TagListScreen:
    """The screen for the tags in ``db`` now."""
    return TagListScreen(tag_counts(db))
