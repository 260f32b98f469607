"""Compare designs of the learned safety layer on the dev split only (printed, never asserted).

    nice -n 10 python3 -m uv run --with scikit-learn==1.9.1 python bench/safety_heads.py

Fits, on the training split of bench/safety_data.py, the candidate heads that decided the
design of companion/core/safety/learned (one model on everything as before; a long-post head on the
Reddit posts only, with and without character n-grams; a larger C; a short head on the short
texts only), then prints per head ROC AUCs on the dev texts of its length, and the rates of the
whole check (rules + head) at the threshold that lets the head flag at most 0.5% / 1% / 1.5% /
3% of the dev negatives the rules leave alone. Finally it scores long dev posts by the maximum
over sentence windows instead of the whole post. About 6-8 minutes here. The Reddit test split
and the held-out messages are never read.
"""

from __future__ import annotations

import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import train_safety as ts
from safety_data import Example, reddit_posts, short_messages

from companion.core.safety.learned.model import SHORT_CHARS

_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


def evaluate(
    name: str, dev: list[Example], probs: np.ndarray, ranks: np.ndarray, kind: str
) -> None:
    from sklearn.metrics import roc_auc_score

    flag, crisis = ts.scores(probs)
    lv = np.array([e.level for e in dev])
    sel = np.array([(len(e.text) <= SHORT_CHARS) == (kind == "short") for e in dev])
    sw, ct, mh = sel & (lv == "crisis"), sel & (lv == "none"), sel & (lv == "concern")

    def auc(pos: np.ndarray, neg: np.ndarray, score: np.ndarray) -> float:
        y = np.r_[np.ones(pos.sum()), np.zeros(neg.sum())]
        return float(roc_auc_score(y, np.r_[score[pos], score[neg]]))

    print(
        f"[{name}, {kind} dev texts] AUC crisis-vs-none {auc(sw, ct, flag):.3f}, "
        f"concern-vs-none {auc(mh, ct, flag):.3f}, crisis-vs-concern {auc(sw, mh, crisis):.3f}"
    )
    for max_false in (0.005, 0.01, 0.015, 0.03):
        t = ts.pick_threshold(flag[ct & (ranks == 0)], max_false)
        flagged = (ranks > 0) | (flag >= t)
        print(
            f"   head flags <= {max_false:.1%} of rule-clean negatives (t={t:.2f}): whole check "
            f"flags crisis set {flagged[sw].mean():.1%}, concern set {flagged[mh].mean():.1%}, "
            f"negatives {flagged[ct].mean():.1%} (n {sw.sum()}/{mh.sum()}/{ct.sum()})"
        )


def fit(train: list[Example], keep: Callable[[Example], bool], chars: bool, c: float) -> object:
    from sklearn.linear_model import LogisticRegression

    chosen = [e for e in train if keep(e)]
    start = time.perf_counter()
    x = ts.matrix([e.text for e in chosen], chars)
    y = np.array([ts.label_of(e) for e in chosen])
    model = LogisticRegression(C=c, max_iter=3000, tol=1e-4)
    model.fit(x, y, sample_weight=np.array([ts._weight(e) for e in chosen]))
    print(f"\nfitted on {len(chosen)} texts in {time.perf_counter() - start:.0f} s")
    return model


def full_probs(model: object, x: object) -> np.ndarray:
    out = np.zeros((x.shape[0], 5))  # type: ignore[attr-defined]
    out[:, model.classes_] = model.predict_proba(x)  # type: ignore[attr-defined]
    return out


def windows(text: str, size: int) -> list[str]:
    sentences = [s for s in _SENT.split(text) if len(s.split()) >= 3]
    step = max(1, size // 2)
    return [" ".join(sentences[i : i + size]) for i in range(0, len(sentences) - size + 1, step)]


def main() -> int:
    short, posts = short_messages(), reddit_posts()
    if not posts:
        print("construct-tracker is not in the cache: run bench/train_safety.py first.")
        return 2
    train = [e for e in short + posts if e.split == "train"]
    train += ts.control_sentences(posts, ts.N_SENTENCES)
    dev = [e for e in short + posts if e.split == "dev"]
    ranks = ts.rule_view(dev)[0]
    dev_x = {chars: ts.matrix([e.text for e in dev], chars) for chars in (True, False)}
    everything, posts_only = (lambda e: True), (lambda e: e.source == "reddit")
    candidates = [
        (
            "one model on everything, chars (the first design; now the short head)",
            everything,
            True,
            ts.C,
            ("long", "short"),
        ),
        ("posts only, words + pairs", posts_only, False, ts.C, ("long",)),
        ("everything, words + pairs", everything, False, ts.C, ("long", "short")),
        ("posts only, chars (now the long head)", posts_only, True, ts.C, ("long",)),
        ("everything, chars, C=8", everything, True, 8.0, ("long", "short")),
        (
            "short texts and sentences only, chars",
            lambda e: e.source != "reddit",
            True,
            ts.C,
            ("short",),
        ),
    ]
    long_head: object = None
    for name, keep, chars, c, kinds in candidates:
        model = fit(train, keep, chars, c)
        probs = full_probs(model, dev_x[chars])
        for kind in kinds:
            evaluate(name, dev, probs, ranks, kind)
        if name.startswith("posts only, chars"):
            long_head = model
    long_dev = [i for i, e in enumerate(dev) if len(e.text) > SHORT_CHARS]
    for size in (2, 4):
        probs = np.zeros((len(dev), 5))
        for i in long_dev:
            parts = windows(dev[i].text, size) or [dev[i].text]
            window_probs = full_probs(long_head, ts.matrix(parts))
            probs[i] = window_probs[np.argmin(window_probs[:, 0])]
        evaluate(f"long head, max over {size}-sentence windows", dev, probs, ranks, "long")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
