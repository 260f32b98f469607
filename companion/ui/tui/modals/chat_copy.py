"""A modal to pick one message of the conversation and copy it (newest first, the model's
latest reply highlighted)."""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion.core.textfmt import visible

PREVIEW = 200  # characters of each message shown in the list (the whole text is copied)


@dataclass(frozen=True)
class CopyChoice:
    """The message picked, and whether to save it to a file instead of copying it."""

    text: str
    save: bool = False


@dataclass(frozen=True)
class Copyable:
    """One message that can be copied: who wrote it and its whole text."""

    who: str
    text: str


def _prompt(item: Copyable) -> Text:
    first = " ".join(item.text.split())
    if len(first) > PREVIEW:
        first = first[: PREVIEW - 1] + "…"
    line = Text(f"{item.who}: ", style="bold")
    line.append(visible(first))  # the person's words literally, control characters made visible
    return line


class CopyScreen(ModalScreen[CopyChoice | None]):
    """Dismisses with the message picked, or None when cancelled. ``items`` are oldest first."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="copy_cancel"),
        Binding("s", "save", "Save to a file", id="copy_save"),
    ]
    CSS_PATH = "modals.tcss"

    def __init__(self, items: list[Copyable]) -> None:
        super().__init__()
        self.items = list(reversed(items))  # newest first

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(
                "Copy which message? (Enter copies, s saves it to a file, Esc cancels)",
                markup=False,
            )
            yield OptionList(
                *(Option(_prompt(item), id=str(i)) for i, item in enumerate(self.items)),
                id="copy-options",
            )

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        newest_reply = next(
            (i for i, item in enumerate(self.items) if item.who == "Companion"),
            0 if self.items else None,
        )
        options.highlighted = newest_reply
        options.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(CopyChoice(self.items[event.option_index].text))

    def action_save(self) -> None:
        index = self.query_one(OptionList).highlighted
        if index is not None:
            self.dismiss(CopyChoice(self.items[index].text, save=True))

    def action_cancel(self) -> None:
        self.dismiss(None)
