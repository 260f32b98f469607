"""Bracketed pastes that contain escape characters arrive whole and in order.

Textual's input parser (8.2) treats an ESC inside a bracketed paste as the start of a key
sequence: the characters after it are read as keys and sent before the paste, which loses the
ESC and reorders the text (``Esc here: \\x1b[31mRED\\x1b[0m done`` was stored as
``^[31mRED^[0m done`` followed by ``Esc here: ``). Terminals such as xterm and Alacritty strip
ESC from pastes themselves; tmux's ``paste-buffer -p`` and others do not.

``PasteSafeParser`` hides each ESC inside a paste behind a noncharacter (U+FDD0, never found in
text people write) before Textual's parser sees it, and the ``Paste`` event carries it as the
four characters ``\x1b``: the text stays whole and in order, and it reads as the CLI shows it.
Not the ESC byte itself: a text area would send it to the terminal, which would act on it
(colours, a window title, even the clipboard through OSC 52). ``install()`` makes the terminal driver use it; this relies on a private Textual
module (``textual._xterm_parser``), and tests/test_paste.py fails if an upgrade changes that.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual import events
from textual._xterm_parser import XTermParser
from textual.message import Message

ESC = "\x1b"
START = "\x1b[200~"
END = "\x1b[201~"
HIDDEN_ESC = "\ufdd0"
SHOWN_ESC = "\\x1b"  # as companion.core.textfmt.visible writes it


def _held_tail(text: str, marker: str, shortest: int) -> int:
    """Length of the end of ``text`` that could be the start of ``marker`` (kept for later)."""
    for size in range(min(len(marker) - 1, len(text)), shortest - 1, -1):
        if marker.startswith(text[-size:]):
            return size
    return 0


class PasteSafeParser(XTermParser):
    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._in_paste = False
        self._held = ""

    def _hide(self, data: str) -> str:
        text, self._held = self._held + data, ""
        out: list[str] = []
        at = 0
        while at < len(text):
            if not self._in_paste:
                found = text.find(START, at)
                if found == -1:
                    # held back until more input or the next tick (a tenth of a second): a
                    # lone ESC may be the Escape key or the start of a paste
                    keep = _held_tail(text[at:], START, 1)
                    out.append(text[at : len(text) - keep])
                    self._held = text[len(text) - keep :] if keep else ""
                    break
                out.append(text[at : found + len(START)])
                at, self._in_paste = found + len(START), True
            else:
                found = text.find(END, at)
                if found == -1:
                    keep = _held_tail(text[at:], END, 1)
                    out.append(text[at : len(text) - keep].replace(ESC, HIDDEN_ESC))
                    self._held = text[len(text) - keep :] if keep else ""
                    break
                out.append(text[at:found].replace(ESC, HIDDEN_ESC) + END)
                at, self._in_paste = found + len(END), False
        return "".join(out)

    @staticmethod
    def _restore(tokens: Iterable[Message]) -> Iterator[Message]:
        for token in tokens:
            if isinstance(token, events.Paste) and HIDDEN_ESC in token.text:
                yield events.Paste(token.text.replace(HIDDEN_ESC, SHOWN_ESC))
            else:
                yield token

    def feed(self, data: str) -> Iterable[Message]:
        if not data:  # the end of input: whatever was held back, then the end itself
            held, self._held = self._held, ""
            tokens = list(super().feed(held)) if held else []
            return self._restore([*tokens, *super().feed("")])
        hidden = self._hide(data)
        return self._restore(super().feed(hidden)) if hidden else iter(())

    def tick(self) -> Iterable[Message]:
        if self._held and not self._in_paste:  # an ESC (or "ESC [") that was only a key
            held, self._held = self._held, ""
            yield from self._restore(super().feed(held))
        yield from super().tick()


def install() -> None:
    """Make Textual's terminal driver parse input with ``PasteSafeParser`` (Linux and macOS)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # Windows: a different driver and input path
        return
    setattr(linux_driver, "XTermParser", PasteSafeParser)  # noqa: B010 - replaces a module global
