"""The safety check's patterns in compiled form, stored beside them, so a process does not compile them.

Python compiles a regex in pure Python (parse, then code generation): the few always-run rule
patterns cost `companion journal add` about 8 ms, every time. What comes out is a list of integers
that ``_sre.compile`` (the engine ``re.compile`` ends in) turns into a pattern in microseconds.
``python bench/safety_speed.py --write-triggers`` stores that list for every rule pattern (and every
module-level pattern made with ``plain``: the normaliser's, the clause splitter's) in a file
whose name carries this Python's cache tag and the regex engine's magic number
(``compiled-cpython-311-20220615.marshal``); ``compile_rule(source)`` uses the stored code when
the running Python matches and the source is in the file (the file: an index by source, then the
code, mapped into memory: a process reads the code of the patterns it compiles, not all of it),
and ``re.compile`` otherwise (another
Python, an edited rule, a missing or damaged file): slower, never different. The stored code is
what ``re.compile`` makes of the same source (tests/test_safety_startup.py compares every
pattern), so no answer can change.
"""

from __future__ import annotations

import _sre
import marshal
import mmap
import re
import sys
import threading
from array import array
from collections.abc import Iterable
from pathlib import Path

# flags, where its code starts (after the index) and its length in bytes, groups, group names
Entry = tuple[int, int, int, int, dict[str, int], tuple[str | None, ...]]
# array("I") holds the engine's code units where they have the same size (all usual platforms)
USABLE = array("I").itemsize == _sre.CODESIZE
FILE = Path(__file__).with_name(f"compiled-{sys.implementation.cache_tag}-{_sre.MAGIC}.marshal")
_HEAD = 8  # the file: the index's length (8 bytes, little-endian), the index, then all the code
_stored: dict[str, Entry] | None = None
_code: mmap.mmap | bytes = b""
_base = 0  # where the code starts in the file
_lock = threading.Lock()


def _entries() -> dict[str, Entry]:
    """The index (read once); each pattern's code is read from the mapped file when it is used,
    so a process pays for the patterns it compiles, not for the whole file."""
    global _stored, _code, _base
    if _stored is None:
        with _lock:
            if _stored is None:
                index: object = {}
                try:
                    if USABLE:
                        with FILE.open("rb") as file:
                            size = int.from_bytes(file.read(_HEAD), "little")
                            index = marshal.loads(file.read(size))
                            _code = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
                            _base = _HEAD + size
                except (OSError, ValueError, EOFError, TypeError):
                    index = {}
                _stored = index if isinstance(index, dict) else {}
    return _stored


# The sources given to ``plain`` so far: stored with the rules' by ``write_triggers``.
PLAIN: list[str] = []


def plain(source: str) -> re.Pattern[str]:
    """``re.compile(source)`` for a pattern a module always uses (not a rule behind the
    prefilter), from the stored code when there is one; ``write_triggers`` stores it."""
    PLAIN.append(source)
    return compile_rule(source)


def compile_rule(source: str) -> re.Pattern[str]:
    """``re.compile(source)``, from the stored code when there is one for this Python."""
    entry = _entries().get(source)
    if entry is not None:
        try:
            flags, start, length, groups, groupindex, indexgroup = entry
            code = array("I", _code[_base + start : _base + start + length])
            if len(code) * code.itemsize != length:
                raise ValueError("the file is shorter than its index says")
            pattern: re.Pattern[str] = _sre.compile(
                source, flags, code.tolist(), groups, groupindex, indexgroup
            )
            return pattern
        except Exception:  # a damaged entry: compile it afresh
            pass
    return re.compile(source)


def code_of(source: str) -> tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]:
    """What ``re.compile`` hands ``_sre.compile`` for ``source`` (re/_compiler.py's ``compile``):
    flags, the code as bytes, groups, group names both ways."""
    from re import _compiler, _parser  # type: ignore[attr-defined]

    parsed = _parser.parse(source, 0)
    code = _compiler._code(parsed, 0)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, index in groupindex.items():
        indexgroup[index] = name
    flags = int(parsed.state.flags)
    return (
        flags,
        array("I", code).tobytes(),
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def write(sources: Iterable[str]) -> Path:
    """Store the compiled code of ``sources`` for this Python (the file of another Python is left
    alone); returns the file written."""
    global _stored
    if not USABLE:
        raise RuntimeError("this platform's code units do not fit array('I')")
    compiled = {source: code_of(source) for source in sorted(set(sources))}
    index: dict[str, Entry] = {}
    blobs: list[bytes] = []
    offset = 0
    for source, (flags, code, groups, groupindex, indexgroup) in compiled.items():
        index[source] = (flags, offset, len(code), groups, groupindex, indexgroup)
        blobs.append(code)
        offset += len(code)
    head = marshal.dumps(index)
    FILE.write_bytes(b"".join([len(head).to_bytes(_HEAD, "little"), head, *blobs]))
    _stored = None
    return FILE
