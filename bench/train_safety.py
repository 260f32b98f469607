"""Train the learned safety layer and write its weights (reproducible; scikit-learn at training only).

    python3 -m uv run --with scikit-learn==1.9.1 python bench/train_safety.py [--out DIR]

Data (see bench/safety_data.py): the short messages written for this project (train split) and
the Reddit Mental Health Dataset sample from construct-tracker 1.0.16 (train split), plus short
sentences cut from the control communities' training posts as everyday negatives. Features are
``companion.core.safety.learned.features`` (hashed word, word-pair and character n-grams). Two heads,
each a multinomial logistic regression over five classes (none, concern, crisis (self), others,
from_others), chosen at run time by the length of the text:
- "short" (<= 280 characters): trained on all of the data above;
- "long": trained on the Reddit training posts only (measured on dev: AUC SuicideWatch vs control
  0.988 against 0.984 for one model on everything, mental-health vs control 0.975 against 0.965).
Thresholds are chosen on the dev splits only, per head, and written beside the weights. The
held-out short messages, batches F-J and the Reddit test split are never looked at here.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from safety_data import SEED, Example, reddit_posts, short_messages, test_list_messages

from companion.core.safety.learned.features import N_FEATURES, features_of_norm
from companion.core.safety.learned.model import CLASSES, HEADS, SHORT_CHARS, weights_file
from companion.core.safety.normalize import normalize

OUT = Path(__file__).resolve().parent.parent / "companion" / "core" / "safety" / "learned"
# One short message counts as eight posts: chat is what the layer reads most, and a few thousand
# posts and control sentences would otherwise drown the short messages (dev AUC, crisis against
# everyday short messages: 0.911 at weight 2 with 8,000 sentences, 0.949 at 8 with 2,000).
SHORT_WEIGHT = 8.0
SENTENCE_WEIGHT = 1.0
N_SENTENCES = 2000  # everyday sentences from control-community posts, as short negatives
CRISIS_POST_WEIGHT = 4.0  # one SuicideWatch community among 16 mental-health ones: rebalance
# The short head's budgets on dev (short messages and short posts), for the whole check: at most
# 3% of everyday texts flagged and none at crisis (or what the rules alone already do), at most 10%
# of concern texts at crisis. Until batches G-I (1,400 more short messages, written blind) the
# short dev split was too small to trust, and the head alone had a fixed floor of 0.98.
SHORT_BUDGET = {"none_flagged": 0.03, "none_crisis": 0.0, "concern_crisis": 0.10}
C = 2.0
_SENT = re.compile(r"(?<=[.!?])\s+|\n+")


def _weight(e: Example) -> float:
    if e.source == "short":
        return SHORT_WEIGHT
    if e.source == "s":
        return SENTENCE_WEIGHT
    return CRISIS_POST_WEIGHT if e.level == "crisis" else 1.0


def label_of(example: Example) -> int:
    if example.category in ("others", "from_others"):
        return CLASSES.index(example.category)
    return CLASSES.index(example.level)


def control_sentences(posts: list[Example], limit: int) -> list[Example]:
    """Short sentences from control-community training posts: everyday negatives for chat."""
    out: list[Example] = []
    for post in posts:
        if post.split != "train" or post.level != "none":
            continue
        for sentence in _SENT.split(post.text):
            words = sentence.split()
            if 4 <= len(words) <= 25:
                out.append(Example(sentence, "none", "none", "sentence:control", "train", "s"))
    random.Random(SEED).shuffle(out)
    return out[:limit]


_NORM: dict[str, str] = {}


def matrix(texts: list[str], chars: bool = True) -> object:
    from scipy.sparse import csr_matrix

    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, text in enumerate(texts):
        if text not in _NORM:
            _NORM[text] = normalize(text)
        idx, val = features_of_norm(_NORM[text], chars)
        rows.extend([row] * len(idx))
        cols.extend(idx)
        vals.extend(val)
    return csr_matrix((vals, (rows, cols)), shape=(len(texts), N_FEATURES), dtype=np.float32)


def scores(probs: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(flag score, crisis score) per row: 1 - p(none), and p(crisis) + p(others) + p(from)."""
    return 1.0 - probs[:, 0], probs[:, 2:].sum(axis=1)


def pick_threshold(neg: np.ndarray, max_false: float) -> float:
    """The lowest threshold at which at most ``max_false`` of ``neg`` reach it."""
    for t in np.arange(0.30, 0.995, 0.01):
        if (neg >= t).mean() <= max_false:
            return float(round(t, 2))
    return 0.99


def rule_view(dev: list[Example]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Per dev text, what the rules say: level rank; whether the learned layer is capped at
    concern (a lowered finding, reported speech); whether the rules explained it away (1: they
    decide; 2: only a topical "suicide", where a learned crisis still counts); whether its concern
    is one the learned score may not lift (``layers.KEPT_CONCERN``)."""
    from companion.core.safety.detect import _assess_normalised
    from companion.core.safety.layers import KEPT_CONCERN, MIN_WORDS

    ranks, capped, skipped, kept = [], [], [], []
    for e in dev:
        a = _assess_normalised(_NORM.get(e.text) or normalize(e.text))
        ranks.append(a.level.rank)
        kept.append(bool(a.reasons) and set(a.reasons) <= KEPT_CONCERN)
        capped.append(
            bool(a.meta.get("lowered")) or (bool(a.reasons) and set(a.reasons) <= {"other_at_risk"})
        )
        few = len((_NORM.get(e.text) or normalize(e.text)).split()) < MIN_WORDS
        skipped.append(1 if few else {"1": 1, "topic": 2}.get(a.meta.get("explained", ""), 0))
    return np.array(ranks), np.array(capped), np.array(skipped), np.array(kept)


def combine(
    flag: np.ndarray,
    crisis: np.ndarray,
    view: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    thr: dict[str, float],
) -> np.ndarray:
    """The level rank of the whole check, as ``companion.core.safety.layers`` combines them."""
    ranks, capped, skipped, kept = view
    alone = np.where(crisis >= thr["crisis"], 2, np.where(flag >= thr["flag"], 1, 0))
    corroborated = (ranks == 1) & ~kept & (crisis >= thr["crisis_with_rules"])
    learned = np.maximum(alone, np.where(corroborated, 2, 0))
    learned = np.where(capped, np.minimum(learned, 1), learned)
    # Explained away by the rules (1): they decide; a topical "suicide" only (2): only the
    # learned layer's crisis (alone) counts.
    topical = np.where(crisis >= thr["crisis"], np.maximum(ranks, 2), ranks)
    full = np.where(skipped == 2, topical, np.maximum(ranks, learned))
    return np.where(skipped == 1, ranks, full)


def choose(
    dev: list[Example],
    probs: np.ndarray,
    view: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    head: str,
) -> dict[str, float]:
    """Thresholds for one head, on the dev texts of its length, counting what the learned layer
    adds to the rules.

    Long head: concern is the lowest threshold at which it flags at most 1% of the negatives the
    rules leave alone; crisis, alone and where the rules found a concern (``crisis_with_rules``,
    two layers agreeing), is the pair that lifts the most crisis posts to crisis while the whole
    check puts at most 0.5% of negatives and 20% of mental-health-community posts at crisis.

    Short head: the three thresholds together, maximising crisis texts at crisis plus crisis and
    concern texts flagged, within ``SHORT_BUDGET`` for the whole check."""
    flag, crisis = scores(probs)
    ranks = view[0]
    lv = np.array([e.level for e in dev])
    sel = np.array([(len(e.text) <= SHORT_CHARS) == (head == "short") for e in dev])
    if head == "long":  # chosen on what it learns from (HEAD_DATA): the Reddit dev posts
        sel &= np.array([HEAD_DATA["long"](e) for e in dev])
    sub = tuple(part[sel] for part in view)
    lvs, rks = lv[sel], ranks[sel]
    neg, con, cri = lvs == "none", lvs == "concern", lvs == "crisis"
    grid = [round(t, 2) for t in np.arange(0.20, 0.995, 0.01)]
    if head == "short":
        return _choose_short(flag[sel], crisis[sel], sub, lvs, rks)
    t_flag = pick_threshold(flag[sel & (lv == "none") & (ranks == 0)], 0.01)
    best: tuple[float, float, float] = (-1.0, 0.99, 0.99)
    for t_alone in grid:
        for t_corr in (t for t in grid if t <= t_alone):
            thr = {"flag": t_flag, "crisis": t_alone, "crisis_with_rules": t_corr}
            level = combine(flag[sel], crisis[sel], sub, thr)  # type: ignore[arg-type]
            neg_ok = (level[neg] == 2).mean() <= max(0.005, (rks[neg] == 2).mean())
            concern_ok = (level[con] == 2).mean() <= max(0.20, (rks[con] == 2).mean())
            if neg_ok and concern_ok:
                hit = float((level[cri] == 2).mean())
                if hit > best[0] or (hit == best[0] and (t_alone, t_corr) > best[1:]):
                    best = (hit, t_alone, t_corr)
    return {"flag": float(t_flag), "crisis": float(best[1]), "crisis_with_rules": float(best[2])}


def _choose_short(
    flag: np.ndarray,
    crisis: np.ndarray,
    view: tuple[np.ndarray, ...],
    lv: np.ndarray,
    ranks: np.ndarray,
) -> dict[str, float]:
    neg, con, cri = lv == "none", lv == "concern", lv == "crisis"
    budget = {
        "none_flagged": max(SHORT_BUDGET["none_flagged"], float((ranks[neg] >= 1).mean())),
        "none_crisis": max(SHORT_BUDGET["none_crisis"], float((ranks[neg] == 2).mean())),
        "concern_crisis": max(SHORT_BUDGET["concern_crisis"], float((ranks[con] == 2).mean())),
    }
    grid = [round(t, 2) for t in np.arange(0.30, 0.995, 0.02)]
    best: tuple[float, tuple[float, float, float]] = (-1.0, (0.99, 0.99, 0.99))
    for t_flag in grid:
        for t_alone in grid:
            for t_corr in (0.3, 0.4, 0.5):
                if t_corr > t_alone:
                    continue
                thr = {"flag": t_flag, "crisis": t_alone, "crisis_with_rules": t_corr}
                level = combine(flag, crisis, view, thr)  # type: ignore[arg-type]
                if (
                    (level[neg] >= 1).mean() > budget["none_flagged"]
                    or (level[neg] == 2).mean() > budget["none_crisis"]
                    or (level[con] == 2).mean() > budget["concern_crisis"]
                ):
                    continue
                hit = float((level[cri] == 2).mean() + (level[cri | con] >= 1).mean())
                key = (t_flag, t_alone, t_corr)
                if hit > best[0] or (hit == best[0] and key > best[1]):
                    best = (hit, key)
    t_flag, t_alone, t_corr = best[1]
    return {"flag": float(t_flag), "crisis": float(t_alone), "crisis_with_rules": float(t_corr)}


def report(
    name: str,
    dev: list[Example],
    probs: np.ndarray,
    view: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    thr: dict[str, float],
    head: str,
) -> None:
    flag, crisis = scores(probs)
    level = combine(flag, crisis, view, thr)
    groups: dict[str, list[int]] = {}
    for i, e in enumerate(dev):
        if (len(e.text) <= SHORT_CHARS) != (head == "short"):
            continue
        key = e.family if e.source == "short" else f"reddit:{e.level}"
        groups.setdefault(key, []).append(i)
    print(f"\n[{name}] dev, rules + this head (thresholds {thr}); rules alone in brackets")
    for key in sorted(groups):
        idx = groups[key]
        f, c = (level[idx] >= 1).mean(), (level[idx] == 2).mean()
        rf, rc = (view[0][idx] >= 1).mean(), (view[0][idx] == 2).mean()
        print(
            f"  {key:<28} n={len(idx):>4}  flagged {f:6.1%} [{rf:6.1%}]  crisis {c:6.1%} [{rc:6.1%}]"
        )


def train_head(train: list[Example], weights: np.ndarray) -> object:
    from sklearn.linear_model import LogisticRegression

    start = time.perf_counter()
    x = matrix([e.text for e in train])
    y = np.array([label_of(e) for e in train])
    model = LogisticRegression(C=C, max_iter=3000, tol=1e-4)
    model.fit(x, y, sample_weight=weights)
    print(f"trained on {len(train)} texts in {time.perf_counter() - start:.0f} s")
    return model


def write_weights(out: Path, head: str, model: object) -> dict[str, object]:
    """int16 weights, feature-major (features x classes), little-endian, uncompressed (inference
    maps the file and reads only the rows of a text's features), one scale per class. The one
    writer of the format ``learned/model.py`` reads."""
    # A head trained without some classes (the posts have no others / from_others) gets zero
    # weights and a bias that keeps their probability at about zero.
    coef = np.zeros((N_FEATURES, len(CLASSES)))
    bias = np.full(len(CLASSES), -30.0)
    for row, label in enumerate(model.classes_):  # type: ignore[attr-defined]
        coef[:, label] = model.coef_[row]  # type: ignore[attr-defined]
        bias[label] = model.intercept_[row]  # type: ignore[attr-defined]
    scales = np.maximum(np.abs(coef).max(axis=0), 1e-12) / 32767.0
    quantised = np.round(coef / scales).astype("<i2")
    out.mkdir(parents=True, exist_ok=True)
    (out / weights_file(head)).write_bytes(quantised.tobytes())
    return {
        "chars": True,
        "scale": [float(v) for v in scales],
        "bias": [float(b) for b in bias],
    }


# Which training texts each head learns from (see the module docstring for the measurement).
HEAD_DATA = {"short": lambda e: True, "long": lambda e: e.source == "reddit"}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--no-write", action="store_true", help="measure only")
    parser.add_argument("--dump", type=Path, help="also save the dev probabilities (npz)")
    args = parser.parse_args(argv)

    short = short_messages()
    posts = reddit_posts()
    if not posts:
        print("construct-tracker could not be downloaded; cannot train.", file=sys.stderr)
        return 2
    train_all = [e for e in short + posts if e.split == "train"] + test_list_messages()
    train_all += control_sentences(posts, N_SENTENCES)
    dev = [e for e in short + posts if e.split == "dev"]
    view = rule_view(dev)
    heads: dict[str, dict[str, object]] = {}
    dumped: dict[str, np.ndarray] = {}
    for head in HEADS:
        train = [e for e in train_all if HEAD_DATA[head](e)]
        print(f"\nhead {head!r}: ", end="")
        model = train_head(train, np.array([_weight(e) for e in train]))
        probs = np.zeros((len(dev), len(CLASSES)))
        probs[:, model.classes_] = model.predict_proba(matrix([e.text for e in dev]))  # type: ignore[attr-defined]
        dumped[head] = probs
        thr = choose(dev, probs, view, head)
        report(f"head {head}", dev, probs, view, thr, head)
        if not args.no_write:
            heads[head] = {**write_weights(args.out, head, model), "thresholds": thr}
        heads.setdefault(head, {})["n_train"] = len(train)
    if args.dump:
        np.savez(args.dump, **dumped, ranks=view[0], capped=view[1], skipped=view[2], kept=view[3])
    if args.no_write:
        return 0
    meta = {
        "classes": list(CLASSES),
        "n_features": N_FEATURES,
        "short_chars": SHORT_CHARS,
        "heads": heads,
        "trained_on": {
            "short_messages_train": sum(e.source == "short" for e in train_all),
            "reddit_posts_train": sum(e.source == "reddit" for e in train_all),
            "control_sentences": sum(e.source == "s" for e in train_all),
        },
        "C": C,
        "short_weight": SHORT_WEIGHT,
        "short_budget": SHORT_BUDGET,
        "n_sentences": N_SENTENCES,
        "crisis_post_weight": CRISIS_POST_WEIGHT,
        "seed": SEED,
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    print(f"\nwrote {', '.join(weights_file(h) for h in HEADS)} and meta.json in {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
