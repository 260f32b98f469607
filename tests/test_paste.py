"""A bracketed paste with escape characters in it is kept whole and in order."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st
from textual import events
from textual._xterm_parser import XTermParser

from companion.ui.tui.paste import END, START, PasteSafeParser

PASTED = "Esc here: \x1b[31mRED\x1b[0m done"
SHOWN = "Esc here: \\x1b[31mRED\\x1b[0m done"  # what the text area receives: never a raw ESC


def _events(parser: XTermParser, chunks: list[str]) -> list[object]:
    out: list[object] = []
    for chunk in chunks:
        out += list(parser.feed(chunk))
    out += list(parser.tick())
    return out


def test_textual_alone_reorders_such_a_paste() -> None:
    """The bug this module works around (if this starts failing, Textual fixed it)."""
    got = _events(XTermParser(), [START + PASTED + END])
    pastes = [e.text for e in got if isinstance(e, events.Paste)]
    assert pastes != [PASTED]


def test_the_paste_arrives_whole_and_in_order() -> None:
    got = _events(PasteSafeParser(), [START + PASTED + END])
    assert [e.text for e in got if isinstance(e, events.Paste)] == [SHOWN]
    assert not [e for e in got if isinstance(e, events.Key)]


@given(st.lists(st.integers(1, 40), max_size=6))
def test_however_the_terminal_splits_the_bytes(cuts: list[int]) -> None:
    stream = "a" + START + PASTED + END + "b"
    points = sorted({min(c, len(stream) - 1) for c in cuts})
    chunks = [stream[i:j] for i, j in zip([0, *points], [*points, len(stream)], strict=True)]
    got = _events(PasteSafeParser(), [c for c in chunks if c])
    assert [e.text for e in got if isinstance(e, events.Paste)] == [SHOWN]
    assert [e.character for e in got if isinstance(e, events.Key)] == ["a", "b"]


def test_keys_and_escape_outside_a_paste_are_untouched() -> None:
    parser = PasteSafeParser()
    got = _events(parser, ["x", "\x1b[A"])
    assert [e.key for e in got if isinstance(e, events.Key)] == ["x", "up"]


def test_a_lone_escape_is_still_the_escape_key() -> None:
    import time

    parser = PasteSafeParser()
    got = list(parser.feed("\x1b"))
    for _ in range(50):
        got += list(parser.tick())
        if got:
            break
        time.sleep(0.02)
    assert [e.key for e in got if isinstance(e, events.Key)] == ["escape"]
