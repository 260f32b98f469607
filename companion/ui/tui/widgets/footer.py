"""The footer, with the "Help now" key always first and the keys that must never be cut off
always in view, at any width.

Below 100 columns the keys close up (Textual's compact footer). When a screen offers more keys
than the row holds, the footer keeps Help now, the screen's Esc key and the app's own keys
(^q Quit, f2 Keys) and fills the rest of the row with the screen's keys in the order they are
declared, most important first, leaving out those that do not fit (they stay in F2's key list
and the command palette). So at 80 columns Journal still shows "t Tags" and Insights
"y Calendar" beside Quit and Keys.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

HELP_ACTIONS = ("help_now", "app.help_now")
COMPACT_BELOW = 100  # columns
ALWAYS_KEYS = ("escape",)  # a screen's way back is never left out


def is_key(widget: Widget) -> bool:
    """A FooterKey (Textual keeps the class in a private module, so by what it has)."""
    return isinstance(getattr(widget, "key_display", None), str)


def key_cells(key: Widget, compact: bool) -> int:
    """The columns a key takes in the footer (Textual's FooterKey padding and margins)."""
    label = cell_len(getattr(key, "key_display", ""))
    description = cell_len(getattr(key, "description", ""))
    if key.has_class("-command-palette"):  # docked right: "▏^p palette " either way
        return label + description + 3
    if not description:
        return label + (1 if compact else 2)
    if compact:  # "k description" and a one-column margin
        return label + 1 + description + 1
    return 1 + label + 1 + description + 1  # " k description "


class CompanionFooter(Footer):
    DEFAULT_CSS = """
    CompanionFooter .help-now { background: $error-darken-1; }
    CompanionFooter .help-now .footer-key--key { background: $error; color: $text; }
    /* compact, Textual gives the right-docked palette key a right margin, and the last column
       then shows whatever key has scrolled under it */
    CompanionFooter.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """

    _composed_width = 0

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        palette = [w for w in widgets if w.has_class("-command-palette")]
        keys = [w for w in widgets if w not in palette]
        urgent = [w for w in keys if getattr(w, "action", None) in HELP_ACTIONS]
        for widget in urgent:
            widget.add_class("help-now")
        ordered = urgent + [w for w in keys if w not in urgent]
        self._composed_width = self.app.size.width
        yield from self._fitting(ordered, palette)
        yield from palette

    def _required(self, widget: Widget) -> bool:
        if not is_key(widget):
            return True  # a binding group: not measured, never dropped
        key = getattr(widget, "key", "")
        if getattr(widget, "action", None) in HELP_ACTIONS or key in ALWAYS_KEYS:
            return True
        found = self.screen.active_bindings.get(key)
        return found is not None and found[0] is self.app  # ^q Quit, f2 Keys

    def _fitting(self, ordered: list[Widget], palette: list[Widget]) -> list[Widget]:
        """The keys that fit beside the palette key: the required ones, then the others in
        order as long as each fits (display order stays the order given)."""
        width = self.app.size.width
        compact = width < COMPACT_BELOW

        def cells(widget: Widget) -> int:
            return key_cells(widget, compact) if is_key(widget) else 0

        spent = sum(cells(w) for w in palette)
        kept = [w for w in ordered if self._required(w)]
        spent += sum(cells(w) for w in kept)
        for widget in ordered:
            if widget in kept:
                continue
            if spent + cells(widget) <= width:
                kept.append(widget)
                spent += cells(widget)
        return [w for w in ordered if w in kept]

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        if self.app.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
