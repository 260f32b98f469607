"""Palette entries for a screen's own actions: a screen lists them in ``PALETTE`` as
(title, help, action name) and sets ``COMMANDS = {ScreenActions}``; ctrl+p then offers them
while that screen is open, beside the app's own commands."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.command import DiscoveryHit, Hit, Hits, Provider


class ScreenActions(Provider):
    def _items(self) -> list[tuple[str, str, Callable[[], Any]]]:
        screen = self.screen
        items = []
        for title, help_text, action in getattr(screen, "PALETTE", ()):
            method = getattr(screen, f"action_{action}", None)
            if callable(method):
                items.append((title, help_text, method))
        return items

    async def discover(self) -> Hits:
        for title, help_text, method in self._items():
            yield DiscoveryHit(title, method, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, method in self._items():
            score = matcher.match(title)
            if score > 0:
                yield Hit(score, matcher.highlight(title), method, help=help_text)
