"""Keys typed fast must land where the person meant them, in the order typed.

Textual sends each key to the widget focused when the key arrives, and that widget handles it
later, in its own queue. So two things go wrong when typing fast:

- ``Widget.focus()`` waits its turn too: keys typed right after Enter still reach the old field
  ("sad 40", Enter, "long day" gave "sad 40long day"). ``focus_now`` moves the focus at once,
  which is right inside a priority binding (it runs when its key arrives).
- A priority binding (ctrl+s, ctrl+n) runs before the focused field has handled the keys typed
  just before it, so it would read the text without its last letters. ``settle_typing`` waits
  until the focused widget has handled every key already sent to it.
"""

from __future__ import annotations

import asyncio
from typing import Any

from textual.screen import Screen
from textual.widget import Widget


def focus_now(widget: Widget) -> None:
    """Focus ``widget`` before the next key is handled (``Widget.focus`` waits its turn)."""
    widget.screen.set_focus(widget)


async def settle_typing(screen: Screen[Any]) -> None:
    """Wait until the focused widget has handled the keys already sent to it."""
    widget = screen.focused
    if widget is None or not widget.is_attached:
        return
    handled = asyncio.Event()
    widget.call_later(handled.set)  # queued behind those keys
    await handled.wait()
