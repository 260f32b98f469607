"""The learned layer: a linear model over hashed n-grams, run in-process in plain Python.

The weights are int16 (one scale per class) in a zlib-compressed file beside this module,
read into an ``array`` on the first ``score`` (about 10 ms). No numpy at run time: importing
it costs 0.4-0.5 s on this machine, which `companion journal add` would pay before saving, and
the products here are small (a message has a few hundred distinct features, five classes).
The weights and thresholds are written by ``bench/train_safety.py``; see
docs/SAFETY_DETECTION.md for the data and the figures.
"""

from __future__ import annotations

import json
import math
import operator
import sys
import threading
import zlib
from array import array
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from companion.safety.learned.features import N_FEATURES, features

CLASSES = ("none", "concern", "crisis", "others", "from_others")
SHORT_CHARS = 280  # texts up to this long use the chat thresholds, longer ones the post ones
WEIGHTS_FILE = "weights.i16.zlib"
_HERE = Path(__file__).resolve().parent
_LOCK = threading.Lock()


@dataclass(frozen=True)
class LearnedScore:
    """Probabilities from the learned layer and what its thresholds make of them."""

    flag: float  # 1 - p(none)
    crisis: float  # p(crisis) + p(others) + p(from_others)
    category: str  # the most likely non-none class: concern/crisis (self), others, from_others
    level: str  # none | concern | crisis, by the thresholds for this length of text


class _Model:
    def __init__(self, folder: Path) -> None:
        meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
        if meta["classes"] != list(CLASSES) or meta["n_features"] != N_FEATURES:
            raise ValueError("weights do not match this code")
        self.w = array("h")
        self.w.frombytes(zlib.decompress((folder / WEIGHTS_FILE).read_bytes()))
        if sys.byteorder != "little":
            self.w.byteswap()
        if len(self.w) != N_FEATURES * len(CLASSES):
            raise ValueError("weights file has the wrong size")
        k = len(CLASSES)
        self.columns = [self.w[c::k] for c in range(k)]  # one array per class: C-level gathers
        self.scale: list[float] = [float(s) for s in meta["scale"]]
        self.bias: list[float] = [float(b) for b in meta["bias"]]
        self.thresholds: dict[str, dict[str, float]] = meta["thresholds"]

    def probabilities(self, text: str) -> list[float]:
        indices, values = features(text)
        k = len(CLASSES)
        sums = [
            sum(map(operator.mul, map(col.__getitem__, indices), values)) for col in self.columns
        ]
        logits = [self.bias[c] + sums[c] * self.scale[c] for c in range(k)]
        top = max(logits)
        exps = [math.exp(v - top) for v in logits]
        total = sum(exps)
        return [e / total for e in exps]

    def score(self, text: str) -> LearnedScore:
        probs = self.probabilities(text)
        flag = 1.0 - probs[0]
        crisis = sum(probs[2:])
        best = max(range(1, len(CLASSES)), key=lambda c: probs[c])
        thr = self.thresholds["short" if len(text) <= SHORT_CHARS else "long"]
        level = (
            "crisis" if crisis >= thr["crisis"] else "concern" if flag >= thr["flag"] else "none"
        )
        return LearnedScore(flag, crisis, CLASSES[best], level)


_loaded: dict[str, _Model | None] = {}


def _model() -> _Model | None:
    if "model" not in _loaded:
        with _LOCK:
            if "model" not in _loaded:
                try:
                    _loaded["model"] = _Model(_HERE)
                except (OSError, KeyError, ValueError, zlib.error):
                    _loaded["model"] = None  # no weights: the rules still run
    return _loaded["model"]


def available() -> bool:
    return _model() is not None


@lru_cache(maxsize=1024)
def score(text: str) -> LearnedScore | None:
    """The learned layer's view of ``text``, or None when the layer cannot run."""
    model = _model()
    return None if model is None else model.score(text)
