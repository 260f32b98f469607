"""The footer, with the "Help now" key always first and the keys that must never be cut off
always in view, at any width.

Below 100 columns the keys close up (Textual's compact footer). When a screen offers more keys
than the row holds, the footer:

1. switches to the screen's short footer labels (``labels``, by binding id: "m Mood" for the
   F2 key list's "m Mood check-in"), so that at 80 columns a screen keeps the keys it names on
   screen;
2. keeps Help now, the screen's Esc key and the app's own keys (^q Quit, f2 Keys);
3. fills the rest of the row with the keys the screen names first (``first``, by binding id: the
   keys its own text tells a person to press), then the others in the order they are declared,
   leaving out those that do not fit (they stay in F2's key list and the command palette).

The keys are always shown in the order they are declared, whatever order they were kept in.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

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
    if key.has_class("-command-palette"):  # docked right: "▏^p palette", wide "▏^p palette "
        return label + description + (2 if compact else 3)
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
       then shows whatever key has scrolled under it: the key ends at the right edge instead */
    CompanionFooter.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 0; }
    """

    _composed_width = 0

    def __init__(
        self, *, labels: Mapping[str, str] | None = None, first: Iterable[str] = ()
    ) -> None:
        """``labels``: shorter footer labels by binding id, used when the row is short of
        room (F2 and the palette keep the binding's description); ``first``: the ids of the
        bindings to keep before the others when not all fit."""
        super().__init__()
        self.labels: Mapping[str, str] = dict(labels or {})
        self.first: tuple[str, ...] = tuple(first)

    def relabel(self, binding_id: str, label: str) -> None:
        """Change one short label: for a key whose meaning follows the screen's state."""
        if self.labels.get(binding_id) != label:
            self.labels = {**self.labels, binding_id: label}
            if self.is_mounted:  # a message to the footer: it recomposes as itself
                self.call_later(self.recompose)

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        palette = [w for w in widgets if w.has_class("-command-palette")]
        keys = [w for w in widgets if w not in palette]
        urgent = [w for w in keys if getattr(w, "action", None) in HELP_ACTIONS]
        for widget in urgent:
            widget.add_class("help-now")
        ordered = urgent + [w for w in keys if w not in urgent]
        self._composed_width = self.app.size.width
        kept = self._fitting(ordered, palette)
        if len(kept) < len(ordered) and self._shorten(ordered):
            kept = self._fitting(ordered, palette)
        yield from kept
        yield from palette

    def _binding_id(self, widget: Widget) -> str | None:
        found = self.screen.active_bindings.get(getattr(widget, "key", ""))
        return None if found is None else found.binding.id

    def _shorten(self, keys: list[Widget]) -> bool:
        """Give each key its short label, if the screen has one; whether any changed."""
        changed = False
        for widget in keys:
            label = self.labels.get(self._binding_id(widget) or "") if is_key(widget) else None
            description = getattr(widget, "description", label)
            if label is not None and label != description:
                widget.description = label  # type: ignore[attr-defined]  # a FooterKey
                widget.tooltip = widget.tooltip or description  # the mouse still finds it
                changed = True
        return changed

    def _required(self, widget: Widget) -> bool:
        if not is_key(widget):
            return True  # a binding group: not measured, never dropped
        key = getattr(widget, "key", "")
        if getattr(widget, "action", None) in HELP_ACTIONS or key in ALWAYS_KEYS:
            return True
        found = self.screen.active_bindings.get(key)
        return found is not None and found[0] is self.app  # ^q Quit, f2 Keys

    def _fitting(self, ordered: list[Widget], palette: list[Widget]) -> list[Widget]:
        """The keys that fit beside the palette key: the required ones, then the screen's
        ``first`` ones, then the others in order as long as each fits (display order stays
        the order given)."""
        width = self.app.size.width
        compact = width < COMPACT_BELOW

        def cells(widget: Widget) -> int:
            return key_cells(widget, compact) if is_key(widget) else 0

        # compact, the last key's one-column margin may lie under the palette key's border
        room = width + (1 if compact and palette else 0) - sum(cells(w) for w in palette)
        kept = [w for w in ordered if self._required(w)]
        spent = sum(cells(w) for w in kept)
        rank = {binding_id: n for n, binding_id in enumerate(self.first)}
        candidates = [w for w in ordered if w not in kept]
        candidates.sort(key=lambda w: rank.get(self._binding_id(w) or "", len(rank)))
        for widget in candidates:  # a stable sort: the rest stay in declaration order
            if spent + cells(widget) <= room:
                kept.append(widget)
                spent += cells(widget)
        return [w for w in ordered if w in kept]

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
        if self.app.size.width != self._composed_width:
            self.call_after_refresh(self.recompose)
