"""Showing user text literally (CLI and TUI): never markup, control characters made visible."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from rich.text import Text

#: A search snippet as (text, is_match) pieces (``companion.core.store.search.SearchHit.parts``).
SnippetParts = Sequence[tuple[str, bool]]


def visible(text: str) -> str:
    """Replace control characters (ESC, BEL, NUL, C1...) with visible escapes; keep \\n and \\t."""
    out: list[str] = []
    for char in text:
        code = ord(char)
        if char in "\n\t":
            out.append(char)
        elif code < 32 or code == 127 or 0x80 <= code < 0xA0:
            out.append(f"\\x{code:02x}")
        else:
            out.append(char)
    return "".join(out)


def _is_control(code: int) -> bool:
    return code < 32 or code == 127 or 0x80 <= code < 0xA0


def json_text(value: object, *, indent: int | None = None, sort_keys: bool = False) -> str:
    """JSON with every control character escaped: ``json.dumps`` escapes C0 (ESC becomes
    ``\\u001b``) but leaves DEL and C1 (U+009B, a one-character CSI) raw, and a terminal
    showing the output would act on them. Still exact JSON: a parser reads the same text."""
    import json

    text = json.dumps(value, ensure_ascii=False, indent=indent, sort_keys=sort_keys)
    if not any(_is_control(ord(char)) for char in text):
        return text
    return "".join(
        f"\\u{ord(char):04x}" if _is_control(ord(char)) and char not in "\n" else char
        for char in text
    )


def literal(text: str, style: str = "") -> Text:
    """User text as a Rich Text object: `[bold]` stays `[bold]`."""
    from rich.text import Text

    return Text(visible(text), style=style)


def one_line(text: str, width: int = 60) -> str:
    line = " ".join(visible(text).split())
    return line if len(line) <= width else line[: width - 1] + "…"


def highlighted_snippet(parts: SnippetParts, style: str = "reverse bold") -> Text:
    """A search snippet with its matches styled; the text stays literal."""
    from rich.text import Text

    text = Text()
    for part, match in parts:
        text.append(visible(part.replace("\n", " ")), style=style if match else "")
    return text


_ANSI_MARK = "\x1b[1;7m"  # bold reverse, what highlighted_snippet's default style looks like
_ANSI_BOLD = "\x1b[1m"
_ANSI_RESET = "\x1b[0m"


def wants_color(stream: TextIO) -> bool:
    """Colour for a terminal, none for a pipe or a file, none when NO_COLOR is set or TERM is
    dumb (the rules Rich follows)."""
    import os

    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def plain_snippet_line(prefix: str, parts: SnippetParts, *, color: bool) -> str:
    """A search result line without Rich (whose import costs more than the search, see
    bench/startup.py): ``prefix`` in bold, then the snippet literally (control characters
    escaped) with its matches in bold reverse when ``color``."""
    shown = [(visible(part.replace("\n", " ")), match) for part, match in parts]
    if not color:
        return visible(prefix) + "".join(part for part, _ in shown)
    out = [_ANSI_BOLD, visible(prefix), _ANSI_RESET]
    for part, match in shown:
        out.append(f"{_ANSI_MARK}{part}{_ANSI_RESET}" if match else part)
    return "".join(out)


def bold(text: str) -> str:
    """``text`` in bold for a terminal (the caller decides with ``wants_color``)."""
    return f"{_ANSI_BOLD}{text}{_ANSI_RESET}"


def terminal_width(default: int = 80) -> int:
    """Columns to fit: $COLUMNS, else the terminal's, else ``default`` (what Rich uses)."""
    import shutil

    return shutil.get_terminal_size((default, 24)).columns


def _cells(char: str) -> int:
    import unicodedata

    if unicodedata.combining(char):
        return 0
    return 2 if unicodedata.east_asian_width(char) in "WF" else 1


def fit_cells(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal cells (wide characters take two), ending "…" when
    cut."""
    if len(text) <= width and text.isascii():
        return text
    used = 0
    for index, char in enumerate(text):
        used += _cells(char)
        if used > width:
            out, room = text[:index], width - 1
            while out and sum(map(_cells, out)) > room:
                out = out[:-1]
            return out + "…"
    return text


SPARK_CHARS = "▁▂▃▄▅▆▇█"


def sparkline(values: list[float | None], low: float = 0.0, high: float = 10.0) -> str:
    """One character per value; a gap (space) where there is no value."""
    out: list[str] = []
    span = (high - low) or 1.0
    for value in values:
        if value is None:
            out.append(" ")
            continue
        level = round((min(max(value, low), high) - low) / span * (len(SPARK_CHARS) - 1))
        out.append(SPARK_CHARS[level])
    return "".join(out)
