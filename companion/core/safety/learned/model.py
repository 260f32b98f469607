"""The learned layer: a linear model over hashed n-grams, run in-process in plain Python.

Two heads, chosen by the length of the text: a short-message head over words, word pairs and
character n-grams (typos, slang), and a long-entry head over words and word pairs only (a long
entry has words enough, and character n-grams would triple its cost). Each head's weights are
raw little-endian int16 (one scale per class) in a file beside this module, feature-major (the
five class weights of feature 0, then of feature 1, ...), mapped into memory on the first
``score``: a text reads only the rows of the features it has, so `companion journal add` pays
for the few hundred rows of its entry, not for decompressing and laying out 2.6 MB. No numpy at
run time: importing it costs 0.4-0.5 s on this machine, and the products here are small (a
message has a few hundred distinct features, five classes).
The weights and thresholds are written by ``bench/train_safety.py``; see
docs/SAFETY_DETECTION.md for the data and the figures.
"""

from __future__ import annotations

import json
import math
import mmap
import operator
import sys
import threading
from array import array
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from companion.core.safety.learned.features import N_FEATURES, features_of_norm
from companion.core.safety.normalize import normalize

CLASSES = ("none", "concern", "crisis", "others", "from_others")
SHORT_CHARS = 280  # texts up to this long go to the short-message head, longer ones the long one
HEADS = ("short", "long")
_HERE = Path(__file__).resolve().parent
_LOCK = threading.Lock()


def head_name(text: str) -> str:
    """Which head reads ``text``: "short" up to SHORT_CHARS characters, else "long"."""
    return "short" if len(text) <= SHORT_CHARS else "long"


def weights_file(head: str) -> str:
    """The head's weights: N_FEATURES rows of len(CLASSES) little-endian int16 (written only by
    bench/train_safety.py's ``write_weights``)."""
    return f"weights_{head}.i16"


class LearnedScore(NamedTuple):
    """Probabilities from the learned layer and what its thresholds make of them (a NamedTuple:
    immutable like a frozen dataclass, and a sixth of its cost to define at start-up)."""

    flag: float  # 1 - p(none)
    crisis: float  # p(crisis) + p(others) + p(from_others)
    category: str  # the most likely non-none class: concern/crisis (self), others, from_others
    level: str  # none | concern | crisis, by the thresholds of the head that read the text
    # the crisis score passes the lower threshold for a text where the rules found a concern:
    # two layers agreeing make a crisis (chosen on dev like the others)
    corroborates: bool = False


class _Head:
    def __init__(self, folder: Path, name: str, meta: dict[str, object]) -> None:
        k = len(CLASSES)
        with (folder / weights_file(name)).open("rb") as file:
            size = file.seek(0, 2)
            if size != N_FEATURES * k * 2:
                raise ValueError("weights file has the wrong size")
            self._rows = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        self._row = 2 * k  # bytes per feature
        self.scale = [float(v) for v in meta["scale"]]  # type: ignore[attr-defined]
        self.bias = [float(v) for v in meta["bias"]]  # type: ignore[attr-defined]
        self.chars = bool(meta["chars"])
        self.thresholds: dict[str, float] = dict(meta["thresholds"])  # type: ignore[call-overload]

    def rows(self, indices: list[int]) -> array[int]:
        """The weights of ``indices``' features, row after row (class-minor)."""
        rows, step = self._rows, self._row
        out = array("h", b"".join([rows[i * step : i * step + step] for i in indices]))
        if sys.byteorder != "little":
            out.byteswap()
        return out

    def probabilities(self, norm: str) -> list[float]:
        indices, values = features_of_norm(norm, self.chars)
        rows, k = self.rows(indices), len(CLASSES)
        logits = [
            b + s * sum(map(operator.mul, rows[c::k], values))
            for c, s, b in zip(range(k), self.scale, self.bias, strict=True)
        ]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return [e / total for e in exps]


class _Model:
    """The meta file is read at once; each head's weights on the first text of its length (a
    journal entry of one line never pays for decompressing the long-entry head)."""

    def __init__(self, folder: Path) -> None:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta["classes"] != list(CLASSES) or meta["n_features"] != N_FEATURES:
            raise ValueError("weights do not match this code")
        self._folder = folder
        self._meta: dict[str, dict[str, object]] = {name: meta["heads"][name] for name in HEADS}
        self._heads: dict[str, _Head | None] = {}
        self.thresholds: dict[str, dict[str, float]] = {
            name: dict(head["thresholds"])  # type: ignore[call-overload]
            for name, head in self._meta.items()
        }

    @property
    def heads(self) -> dict[str, _Head]:
        """Both heads, read now (for tests and benchmarks)."""
        loaded = {name: self._named(name) for name in HEADS}
        return {name: head for name, head in loaded.items() if head is not None}

    def head(self, text: str) -> _Head | None:
        """The head for ``text``'s length, or None when its weights cannot be read."""
        return self._named(head_name(text))

    def _named(self, name: str) -> _Head | None:
        if name not in self._heads:
            with _LOCK:
                if name not in self._heads:
                    try:
                        self._heads[name] = _Head(self._folder, name, self._meta[name])
                    except (OSError, KeyError, TypeError, ValueError):
                        self._heads[name] = None  # no weights: the rules still run
        return self._heads[name]

    def probabilities(self, text: str, norm: str | None = None) -> list[float] | None:
        head = self.head(text)
        return (
            None if head is None else head.probabilities(normalize(text) if norm is None else norm)
        )

    def score(self, text: str, norm: str | None = None) -> LearnedScore | None:
        probs = self.probabilities(text, norm)
        if probs is None:
            return None
        flag = 1.0 - probs[0]
        crisis = sum(probs[2:])
        best = max(range(1, len(CLASSES)), key=lambda c: probs[c])
        thr = self.thresholds[head_name(text)]
        level = (
            "crisis" if crisis >= thr["crisis"] else "concern" if flag >= thr["flag"] else "none"
        )
        corroborates = crisis >= thr.get("crisis_with_rules", thr["crisis"])
        return LearnedScore(flag, crisis, CLASSES[best], level, corroborates)


_loaded: dict[str, _Model | None] = {}


def _model() -> _Model | None:
    if "model" not in _loaded:
        with _LOCK:
            if "model" not in _loaded:
                try:
                    _loaded["model"] = _Model(_HERE)
                except (OSError, KeyError, TypeError, ValueError):
                    _loaded["model"] = None  # no weights: the rules still run
    return _loaded["model"]


def available() -> bool:
    model = _model()
    return model is not None and model.head("") is not None


@lru_cache(maxsize=256)
def score(text: str, norm: str | None = None) -> LearnedScore | None:
    """The learned layer's view of ``text`` (``norm``: the same text already normalised by the
    rules, so that it is not normalised twice), or None when the layer cannot run."""
    model = _model()
    return None if model is None else model.score(text, norm)
