"""The prefilter's index of the shipped patterns, built once and stored, not built at start-up.

Building the index (every trigger of every pattern filed under one of its three-letter pieces,
and for each trigger the bits of the patterns it may start) is a pass over some 2,300 triggers:
about 3 ms of every `companion journal add`, with reading ``triggers.json`` and
``trigger_pieces.json`` for it. ``python bench/safety_speed.py --write-triggers`` stores the
finished index for the patterns in ``triggers.json`` (``prefilter-<cache tag>.marshal``, as
``compiled.py`` stores their code), with each shipped pattern's bit fixed by the sorted order of
their sources. A pattern whose source is not in it (an edited rule, a test's own pattern) gets
a bit after those and goes through the index built at run time (``lazy._Index``), as before.
A missing, unreadable or damaged file means every pattern does: slower, never different.
"""

from __future__ import annotations

import marshal
import sys
import threading
from collections.abc import Mapping, Sequence
from pathlib import Path

FILE = Path(__file__).with_name(f"prefilter-{sys.implementation.cache_tag}.marshal")

# (bit of each shipped source, trigger -> bits of the patterns it may start, piece -> triggers
# filed under it, bits of the patterns with no trigger: they always run)
Index = tuple[dict[str, int], dict[str, int], dict[str, list[str]], int]
_EMPTY: Index = ({}, {}, {}, 0)
_loaded: Index | None = None
_lock = threading.Lock()


def build(table: Mapping[str, Sequence[str] | None], pieces: Mapping[str, str]) -> Index:
    """The index of ``table`` (source -> triggers, or None: always runs), each trigger filed
    under its piece in ``pieces``."""
    position = {source: bit for bit, source in enumerate(sorted(table))}
    bits: dict[str, int] = {}
    always = 0
    for source, bit in position.items():
        triggers = table[source]
        if triggers is None:
            always |= 1 << bit
            continue
        for trigger in triggers:
            bits[trigger] = bits.get(trigger, 0) | 1 << bit
    by_gram: dict[str, list[str]] = {}
    for trigger in sorted(bits):
        by_gram.setdefault(pieces[trigger], []).append(trigger)
    return position, bits, by_gram, always


def _valid(index: object) -> bool:
    if not (isinstance(index, tuple) and len(index) == 4):
        return False
    position, bits, by_gram, always = index
    return (
        isinstance(position, dict)
        and isinstance(bits, dict)
        and isinstance(by_gram, dict)
        and isinstance(always, int)
        and {w for words in by_gram.values() for w in words} == bits.keys()
    )


def shipped() -> Index:
    """The stored index (read once), or an empty one when there is none to trust."""
    global _loaded
    if _loaded is None:
        with _lock:
            if _loaded is None:
                try:
                    index = marshal.loads(FILE.read_bytes())
                except (OSError, ValueError, EOFError, TypeError):
                    index = None
                _loaded = index if _valid(index) else _EMPTY
    return _loaded


def write(table: Mapping[str, Sequence[str] | None], pieces: Mapping[str, str]) -> Path:
    """Store the index of ``table`` for this Python; returns the file written. It takes effect
    in the next process: the bits of this one's patterns are already given."""
    FILE.write_bytes(marshal.dumps(build(table, pieces)))
    return FILE
