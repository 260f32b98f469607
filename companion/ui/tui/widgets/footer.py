"""The footer, with the "Help now" key always first so it is never cut off at 80 columns.

Below 100 columns the keys close up (Textual's compact footer), so a screen's own keys still fit
beside Help now at 80 columns (Journal's "t Tags", Insights' "y Calendar").
"""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Footer

HELP_ACTIONS = ("help_now", "app.help_now")
COMPACT_BELOW = 100  # columns


class CompanionFooter(Footer):
    DEFAULT_CSS = """
    CompanionFooter .help-now { background: $error-darken-1; }
    CompanionFooter .help-now .footer-key--key { background: $error; color: $text; }
    /* compact, Textual gives the right-docked palette key a right margin, and the last column
       then shows whatever key has scrolled under it */
    CompanionFooter.-compact FooterKey.-command-palette { margin-right: 0; padding-right: 1; }
    """

    def compose(self) -> ComposeResult:
        widgets: list[Widget] = list(super().compose())
        urgent = [w for w in widgets if getattr(w, "action", None) in HELP_ACTIONS]
        for widget in urgent:
            widget.add_class("help-now")
        yield from urgent
        yield from (w for w in widgets if w not in urgent)

    def on_resize(self, event: events.Resize) -> None:
        self.compact = event.size.width < COMPACT_BELOW
