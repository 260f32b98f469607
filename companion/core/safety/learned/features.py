"""Hashed word and character n-gram features, shared by the training script and inference.

Pure Python (no numpy): the training script in bench/ builds its sparse matrix from exactly
these (index, value) pairs, and inference multiplies them with the shipped weights, so the two
can never drift apart. Hashing is zlib's CRC-32 (stable across runs and platforms, unlike
``hash``). Text goes through the rules' ``normalize`` first, so typos, leetspeak, stretched
letters and contractions look the same to both layers.
"""

from __future__ import annotations

import itertools
import math
import zlib
from collections import Counter
from functools import lru_cache

from companion.core.safety.compiled import plain
from companion.core.safety.normalize import normalize

N_BITS = 18
N_FEATURES = 1 << N_BITS
MAX_CHARS = 3000  # a long entry: its first 2,000 and last 1,000 characters
_MASK = N_FEATURES - 1
_TOKEN = plain(r"[a-z0-9']+|\|")
_CHAR_NS = (3, 4, 5)


def _h(feature: str) -> int:
    return zlib.crc32(feature.encode("utf-8")) & _MASK


@lru_cache(maxsize=65536)
def _word_features(word: str) -> tuple[int, ...]:
    """The word itself and its character 3- to 5-grams (padded with spaces)."""
    out = [_h(f"w:{word}")]
    if word != "|":
        padded = f" {word} "
        for n in _CHAR_NS:
            out.extend(_h(f"c:{padded[i : i + n]}") for i in range(max(1, len(padded) - n + 1)))
    return tuple(out)


@lru_cache(maxsize=65536)
def _word_hash(word: str) -> int:
    return _h(f"w:{word}")


def tokens(norm: str) -> list[str]:
    """Tokens of text already normalised by ``normalize`` (a long entry: its first 2,000 and last
    1,000 characters)."""
    if len(norm) > MAX_CHARS:
        norm = f"{norm[:2000]} | {norm[-1000:]}"
    return _TOKEN.findall(norm)


def features(text: str, chars: bool = True) -> tuple[list[int], list[float]]:
    """(indices, values) for raw text: see ``features_of_norm``."""
    return features_of_norm(normalize(text), chars)


def features_of_norm(norm: str, chars: bool = True) -> tuple[list[int], list[float]]:
    """(indices, values): sublinear counts of hashed features, L2-normalised. Words and word
    pairs always; character 3- to 5-grams when ``chars`` (each head's meta says which it was
    trained on; both shipped heads use them: on the Reddit dev split a long-post head without
    them separated the communities less well, see docs/SAFETY_DETECTION.md)."""
    words = tokens(norm)
    counts: Counter[int] = Counter()
    if chars:
        for word in words:
            counts.update(_word_features(word))
    else:
        counts.update(map(_word_hash, words))
    for first, second in itertools.pairwise(words):
        if first != "|" and second != "|":
            counts[_h(f"b:{first} {second}")] += 1
    if not counts:
        return [], []
    indices = list(counts)
    values = [1.0 + math.log(counts[index]) for index in indices]
    length = math.sqrt(sum(value * value for value in values))
    return indices, [value / length for value in values]
