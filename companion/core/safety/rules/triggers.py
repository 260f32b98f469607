"""Reading a rule pattern's triggers off the regex itself, and choosing and storing them.

``triggers_of(source)`` parses a pattern and returns literal strings one of which every match
contains (or None: the pattern always runs), the rarest candidate by the stored frequencies while
the triggers are chosen. ``write_triggers`` (``python bench/safety_speed.py --write-triggers``)
chooses them for every shipped pattern and writes the stored tables the prefilter reads at run
time (``lazy.py``): triggers, their pieces, the finished index and the compiled code. At run time
only a pattern missing from those tables (an edited rule, a test's own) is read here.
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Sequence
from pathlib import Path
from re import _constants as sre_c  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]

from companion.core.safety.compiled import PLAIN
from companion.core.safety.compiled import write as write_compiled
from companion.core.safety.rules import stored_index
from companion.core.safety.rules.lazy import PIECES_FILE, REGISTRY, TRIGGERS_FILE

FREQUENCY_FILE = Path(__file__).with_name("trigger_frequency.json")
MIN_TRIGGER = 3  # characters (two of them not spaces): shorter strings are in nearly every text

Candidate = frozenset[str]


def _grams(word: str) -> set[str]:
    return {word[i : i + 3] for i in range(len(word) - 2)}


def choose_pieces(words: Sequence[str], counts: dict[str, int] | None = None) -> dict[str, str]:
    """For each word, its three-letter piece that is a piece of the fewest words (``counts``:
    how many words each piece is in so far, updated here); ties go to the first in order."""
    counts = {} if counts is None else counts
    pieces = {word: _grams(word) for word in sorted(words)}
    for grams in pieces.values():
        for gram in grams:
            counts[gram] = counts.get(gram, 0) + 1
    return {word: min(grams, key=lambda g: (counts[g], g)) for word, grams in pieces.items()}


# How often a string occurs in everyday text (share of clauses), when known: the rarest candidate
# is the best prefilter. Set only while the triggers are chosen (``choose_triggers``); any choice
# is sound, the frequencies only make the prefilter skip more.
_frequency: Callable[[str], float] | None = None


def _score(candidate: Candidate) -> tuple[float, int]:
    shortest = -min(len(s) for s in candidate)
    if _frequency is None:
        return (float(len(candidate)), shortest)
    return (math.fsum(_frequency(s) for s in candidate) + 1e-4 * len(candidate), shortest)


def _best(candidates: list[Candidate]) -> Candidate | None:
    useful = [c for c in candidates if c and all(_long_enough(s) for s in c)]
    return min(useful, key=_score) if useful else None


def _long_enough(s: str) -> bool:
    return len(s) >= MIN_TRIGGER and len(s.strip()) >= MIN_TRIGGER - 1


def _prefixes(op: object, av: object) -> list[str] | None:
    """The literal start of every alternative of a group or branch (each match of it begins with
    one of them), or None when some alternative starts with something else."""
    if op is sre_c.SUBPATTERN:
        if av[1] & (sre_c.SRE_FLAG_IGNORECASE | sre_c.SRE_FLAG_VERBOSE):  # type: ignore[index]
            return None
        items = list(av[-1])  # type: ignore[index]
        if len(items) != 1:
            start = _literal_start(items)
            return [start] if start else None
        op, av = items[0]
    if op is sre_c.BRANCH:
        starts = [_literal_start(list(branch)) for branch in av[1]]  # type: ignore[index]
        return starts if all(starts) else None
    if op is sre_c.LITERAL:
        return [chr(av)]  # type: ignore[arg-type]
    return None


def _literal_start(items: list[tuple[object, object]]) -> str:
    out: list[str] = []
    for op, av in items:
        if op is sre_c.LITERAL:
            out.append(chr(av))  # type: ignore[arg-type]
        elif op is not sre_c.AT:
            break
    return "".join(out)


def _minimal(strings: set[str]) -> Candidate:
    """Drop strings that contain another one (the shorter one is found whenever they are)."""
    ordered = sorted(strings, key=len)
    kept: list[str] = []
    for s in ordered:
        if not any(k in s for k in kept):
            kept.append(s)
    return frozenset(kept)


def _sequence(items: object) -> list[Candidate]:
    """Candidate sets for a sequence of regex items: each a set of strings of which every match
    of the sequence contains at least one."""
    out: list[Candidate] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            out.append(frozenset({"".join(run)}))
            run.clear()

    for op, av in items:  # type: ignore[attr-defined]
        if op is sre_c.LITERAL:
            run.append(chr(av))
            continue
        if op is sre_c.AT or op in (sre_c.ASSERT, sre_c.ASSERT_NOT):
            continue  # zero width: the literals around it are still next to each other
        if run and (op is sre_c.SUBPATTERN or op is sre_c.BRANCH):
            starts = _prefixes(op, av)
            if starts:  # the run, then one of the group's starts, right after it
                out.append(frozenset("".join(run) + start for start in starts))
        flush()
        if op is sre_c.SUBPATTERN:
            if not av[1] & (sre_c.SRE_FLAG_IGNORECASE | sre_c.SRE_FLAG_VERBOSE):
                out.extend(_sequence(av[-1]))
        elif op is sre_c.BRANCH:
            branch = _branch(av[1])
            if branch is not None:
                out.append(branch)
        elif op in (sre_c.MAX_REPEAT, sre_c.MIN_REPEAT, getattr(sre_c, "POSSESSIVE_REPEAT", None)):
            low, _high, body = av
            if low >= 1:
                out.extend(_sequence(body))
        # anything else (a class, any character, a back-reference): nothing known
    flush()
    return out


def _branch(branches: list[object]) -> Candidate | None:
    union: set[str] = set()
    for branch in branches:
        best = _best(_sequence(branch))
        if best is None:
            return None
        union |= best
    return _minimal(union)


def triggers_of(source: str) -> tuple[str, ...] | None:
    """Literal strings one of which every match of ``source`` contains, or None."""
    parsed = sre_parse.parse(source)
    if parsed.state.flags & (sre_c.SRE_FLAG_IGNORECASE | sre_c.SRE_FLAG_VERBOSE):
        return None
    best = _best(_sequence(parsed))
    return tuple(sorted(best)) if best is not None else None


def choose_triggers(frequency: Callable[[str], float]) -> dict[str, list[str] | None]:
    """The triggers of every pattern the detector defines, read afresh from the patterns, each
    the rarest candidate by ``frequency``."""
    global _frequency
    import companion.core.safety.detect  # defines every rule pattern
    import companion.core.safety.guard_rules  # the output guard's families
    import companion.core.safety.learned.features  # its tokeniser (a ``plain`` pattern)
    import companion.core.safety.scope
    import companion.core.safety.topics  # noqa: F401

    _frequency = frequency
    try:
        return {p.pattern: (list(t) if (t := triggers_of(p.pattern)) else None) for p in REGISTRY}
    finally:
        _frequency = None


def write_triggers(sample: Sequence[str]) -> int:
    """Rewrite ``triggers.json`` (and the frequencies it was chosen by, in
    ``trigger_frequency.json``; each trigger's piece in ``trigger_pieces.json``; the finished
    index, see ``stored_index.py``; every pattern's compiled code for this Python, with the
    ``plain`` patterns, see ``compiled.py``) from a sample of normalised clauses;
    returns the pattern count."""
    seen: dict[str, float] = {}

    def frequency(s: str) -> float:
        if s not in seen:
            seen[s] = round(sum(s in clause for clause in sample) / max(1, len(sample)), 6)
        return seen[s]

    table = choose_triggers(frequency)
    TRIGGERS_FILE.write_text(json.dumps(table, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    pieces = choose_pieces(sorted({t for found in table.values() for t in found or ()}))
    PIECES_FILE.write_text(json.dumps(pieces, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    stored_index.write(table, pieces)  # takes effect in the next process (bits are fixed)
    FREQUENCY_FILE.write_text(json.dumps(seen, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    write_compiled([*table, *PLAIN])  # and the modules' own patterns (``compiled.plain``)
    return len(table)
