"""Patterns compiled on first use, behind a literal prefilter.

Each rule pattern is a ``LazyPattern``: its source is kept, and it is compiled only the first time
a text could match it. "Could match" is decided by trigger strings read off the pattern itself
(``triggers_of``): a set of literal strings such that every match contains at least one of them
(e.g. ``\\b(?:kill|end|off) (?:myself|meself)\\b`` -> {"myself", "meself"}). A text holding none
of them cannot match, so the regex is skipped; that is sound by construction and changes no
answer. Patterns with no useful triggers (a character class, a very short word) always run.

Reading the triggers (``triggers.py``) means parsing the regex, which costs about as much as
compiling it, so the
triggers of the shipped patterns are stored in ``triggers.json`` beside this file, keyed by the
pattern's source (``python bench/safety_speed.py --write-triggers`` rewrites it; a test checks it is
current). A pattern missing from the file (an edited rule) is read at first use: slower, still
correct. The same command writes ``trigger_pieces.json``: for each trigger, the three-letter piece
of it the index files it under (the rarest among all triggers), so that building the index at
start-up is one pass instead of counting every piece of every trigger (10 ms of `journal add`).
A stored piece is used only when it is a piece of its trigger; otherwise one is worked out.
For the shipped patterns the whole index is stored as well (``stored_index``), so a process
builds the index only for patterns that are not in it (``DYNAMIC``).
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Callable, Iterator, Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Generic, TypeVar

from companion.core.safety.compiled import compile_rule
from companion.core.safety.rules import stored_index

TRIGGERS_FILE = Path(__file__).with_name("triggers.json")
PIECES_FILE = Path(__file__).with_name("trigger_pieces.json")
REGISTRY: list[LazyPattern] = []
# The registered patterns that are not in the stored index (``stored_index``): an edited rule, a
# test's own pattern. Their bits come after the shipped patterns' and the index of their
# triggers is built at run time (``_Index``).
DYNAMIC: list[LazyPattern] = []
_registered = 0  # the bits of every registered pattern
_stored: dict[str, list[str] | None] | None = None
_pieces: dict[str, str] | None = None
_UNREAD: tuple[str, ...] = ("\x00unread",)


def _read_table(path: Path) -> dict[str, Any]:
    """A stored JSON table, or an empty one when it cannot be read (slower, still correct)."""
    try:
        table = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return table if isinstance(table, dict) else {}


def _stored_triggers() -> dict[str, list[str] | None]:
    global _stored
    if _stored is None:
        _stored = _read_table(TRIGGERS_FILE)
    return _stored


def _stored_pieces() -> dict[str, str]:
    global _pieces
    if _pieces is None:
        _pieces = _read_table(PIECES_FILE)
    return _pieces


class _Index:
    """The triggers of ``patterns`` (the dynamic ones: the shipped patterns' index is stored),
    each filed under one three-letter piece of it; for each trigger, the bits of the patterns it
    may start; the bits of the patterns that always run. Patterns defined after it was first
    used (a module imported later) are added, not rebuilt from scratch: any piece of a trigger
    is a sound place to file it, the rarest only a faster one."""

    def __init__(self, patterns: list[LazyPattern]) -> None:
        self.patterns = patterns
        self.done = 0
        self.by_gram: dict[str, list[str]] = {}
        self.bits: dict[str, int] = {}
        self.always = 0
        self._grams: dict[str, int] = {}

    def update(self) -> None:
        """Add the patterns defined since the last update; ``done`` moves only at the end, so a
        thread that sees it current sees a whole index."""
        end = len(self.patterns)
        new = self.patterns[self.done : end]
        words: set[str] = set()
        for pattern in new:
            if pattern.triggers is None:
                self.always |= pattern.mask
            for trigger in pattern.triggers or ():
                if trigger not in self.bits:
                    words.add(trigger)
                self.bits[trigger] = self.bits.get(trigger, 0) | pattern.mask
        stored = _stored_pieces()
        unknown: list[str] = []
        for word in sorted(words):
            piece = stored.get(word)
            if isinstance(piece, str) and len(piece) == 3 and piece in word:
                self.by_gram.setdefault(piece, []).append(word)
            else:
                unknown.append(word)
        from companion.core.safety.rules.triggers import choose_pieces

        for word, piece in choose_pieces(unknown, self._grams).items():
            self.by_gram.setdefault(piece, []).append(word)
        self.done = end


_index = _Index(DYNAMIC)
_index_lock = threading.Lock()


def _trigger_index() -> tuple[dict[str, list[str]], dict[str, int], int]:
    """The run-time index of the dynamic patterns defined so far (see ``_Index``)."""
    if _index.done != len(DYNAMIC):
        with _index_lock:
            if _index.done != len(DYNAMIC):
                _index.update()
    return _index.by_gram, _index.bits, _index.always


def _present_in(text: str, by_gram: dict[str, list[str]]) -> set[str]:
    pieces = {text[i : i + 3] for i in range(len(text) - 2)}
    pieces &= by_gram.keys()  # a set against the keys' view: iterates the smaller side
    return {word for gram in pieces for word in by_gram[gram] if word in text}


def present(text: str) -> frozenset[str]:
    """Every trigger string (of any registered pattern) that occurs in ``text``. A short text:
    one pass over its three-letter pieces, then a substring test for the triggers filed under
    those pieces. A long one: one scan with a regex over all triggers."""
    shipped_bits = stored_index.shipped()[1]
    dynamic_bits = _trigger_index()[1]
    return frozenset(
        word
        for word in _present(text, len(REGISTRY))
        if shipped_bits.get(word, 0) & _registered or word in dynamic_bits
    )


# Cached by the number of patterns defined, so that an answer worked out while another thread
# was adding patterns (a module imported later) is never reused for the larger set. The
# triggers of the stored index are all there, registered or not (their bits are fixed).
@lru_cache(maxsize=8192)
def _present(text: str, _defined: int) -> frozenset[str]:
    by_gram = _trigger_index()[0]
    if len(text) <= _SHORT:
        return frozenset(_present_in(text, stored_index.shipped()[2]) | _present_in(text, by_gram))
    closure, regex = _long_index()
    found: set[str] = set()
    for longest in set(regex.findall(text)):
        found |= closure[longest]
    return frozenset(found)


_SHORT = 300
_long: tuple[int, dict[str, frozenset[str]], re.Pattern[str]] | None = None


def _trie(words: Sequence[str]) -> str:
    """A regex matching, at each position, the longest of ``words`` that starts there."""
    root: dict[str, dict] = {}  # type: ignore[type-arg]
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, {})
        node[""] = {}

    def emit(node: dict[str, dict]) -> str:  # type: ignore[type-arg]
        branches = [re.escape(ch) + emit(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else f"(?:{'|'.join(branches)})"
        return f"(?:{body})?" if "" in node else body

    return f"(?=({emit(root)}))"


def _long_index() -> tuple[dict[str, frozenset[str]], re.Pattern[str]]:
    """For long texts: one regex over every trigger (compiled on the first long text, about
    0.1-0.2 s), reporting the longest trigger at each position, and for each trigger those that
    are its prefixes (they are at that position too)."""
    global _long
    if _long is None or _long[0] != len(REGISTRY):
        words = set(_trigger_index()[1]) | stored_index.shipped()[1].keys()
        closure = {
            w: frozenset(w[:k] for k in range(1, len(w) + 1) if w[:k] in words) for w in words
        }
        _long = (len(REGISTRY), closure, re.compile(_trie(sorted(words))))
    return _long[1], _long[2]


def active(text: str) -> int:
    """Bit i set: ``REGISTRY[i]`` could match ``text``."""
    return _active(text, len(REGISTRY))


@lru_cache(maxsize=8192)
def _active(text: str, _defined: int) -> int:
    _by_gram, bits, mask = _trigger_index()
    _position, shipped_bits, _shipped_grams, always = stored_index.shipped()
    mask |= always
    for trigger in _present(text, _defined):
        mask |= shipped_bits.get(trigger, 0) | bits.get(trigger, 0)
    return mask


def clear_caches() -> None:
    _present.cache_clear()
    _active.cache_clear()


class LazyPattern:
    """The parts of ``re.Pattern`` the rules use, compiled on first use, behind the prefilter."""

    __slots__ = ("_compiled", "_triggers", "mask", "pattern")

    def __init__(self, pattern: str, register: bool = True) -> None:
        self.pattern = pattern
        self._compiled: re.Pattern[str] | None = None
        self._triggers: tuple[str, ...] | None = _UNREAD
        self.mask = 0
        if register:
            self.mask = _bit_for(pattern, self)
            REGISTRY.append(self)

    @property
    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            self._compiled = compile_rule(self.pattern)  # the stored code (safety/compiled.py)
        return self._compiled

    @property
    def triggers(self) -> tuple[str, ...] | None:
        if self._triggers is _UNREAD:
            stored = _stored_triggers()
            if self.pattern in stored:
                found = stored[self.pattern]
                self._triggers = tuple(found) if found is not None else None
            else:
                from companion.core.safety.rules.triggers import triggers_of

                self._triggers = triggers_of(self.pattern)
        return self._triggers

    def may_match(self, text: str) -> bool:
        """False only when no match is possible: none of the triggers is in ``text``."""
        return bool(active(text) & self.mask)

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return self.compiled.search(string, pos) if self.may_match(string) else None

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        return self.compiled.finditer(string) if self.may_match(string) else iter(())

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str) -> str:
        return self.compiled.sub(repl, string) if self.may_match(string) else string

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern[:60]!r}...)"


def _bit_for(source: str, pattern: LazyPattern) -> int:
    """A shipped source's fixed bit (``stored_index``); any other pattern's after them all."""
    global _registered
    position = stored_index.shipped()[0]
    bit = position.get(source)
    if bit is None:
        bit = len(position) + len(DYNAMIC)
        DYNAMIC.append(pattern)
    _registered |= 1 << bit
    return 1 << bit


T = TypeVar("T")


class Gate(Generic[T]):
    """Items (rules) each with a pattern: ``which(text)`` keeps, in order, those whose pattern
    may match ``text``, from one scan of the text instead of one prefilter per item."""

    def __init__(self, items: Sequence[T], pattern_of: Callable[[T], LazyPattern]) -> None:
        self.items = tuple(items)
        self._masks = tuple((item, pattern_of(item).mask) for item in self.items)

    def which(self, text: str) -> list[T]:
        bits = active(text)
        return [item for item, mask in self._masks if mask & bits]


def lazy(pattern: str) -> LazyPattern:
    return LazyPattern(pattern)


class Alternatives(LazyPattern):
    """``(?:a)|(?:b)|...`` kept as its parts: only the parts that could match a text are compiled
    and run, and their matches are merged exactly as the whole alternation would give them
    (leftmost first; at the same start the earlier part wins; the scan goes on after a match).
    A part that matches the empty string hands over to the whole alternation."""

    __slots__ = ("parts",)

    def __init__(self, parts: Sequence[str]) -> None:
        super().__init__("|".join(f"(?:{part})" for part in parts), register=False)
        self.parts = tuple(LazyPattern(part) for part in parts)
        for part in self.parts:
            self.mask |= part.mask

    @property
    def triggers(self) -> tuple[str, ...] | None:
        if self._triggers is _UNREAD:
            found: set[str] = set()
            for part in self.parts:
                if part.triggers is None:
                    self._triggers = None
                    return None
                found.update(part.triggers)
            self._triggers = tuple(sorted(found))
        return self._triggers

    def _matches(self, string: str, pos: int) -> Iterator[re.Match[str]]:
        bits = active(string) & self.mask
        if not bits:
            return
        parts = [part.compiled for part in self.parts if part.mask & bits]
        upcoming = [(part, part.search(string, pos)) for part in parts]
        while True:
            best: re.Match[str] | None = None
            for _part, found in upcoming:
                if found is not None and (best is None or found.start() < best.start()):
                    best = found
            if best is None:
                return
            if best.end() == best.start():
                yield from self.compiled.finditer(string, pos)
                return
            yield best
            pos = best.end()
            upcoming = [
                (
                    part,
                    part.search(string, pos)
                    if found is not None and found.start() < pos
                    else found,
                )
                for part, found in upcoming
            ]

    def search(self, string: str, pos: int = 0) -> re.Match[str] | None:
        return next(self._matches(string, pos), None)

    def finditer(self, string: str) -> Iterator[re.Match[str]]:
        return self._matches(string, 0)
