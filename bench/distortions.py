"""Measure distortion suggesters on the CBT-Bench distortion set (a measure, not training data).

    uv run python bench/distortions.py [--data PATH] [--model NAME ...] [--no-embedded]
                                       [--limit N] [--json FILE]

Suggesters: the rule-based one (always), the embedded SmolLM2-135M (unless --no-embedded), and
every --model. A baseline measured in the same run always predicts the three most frequent
labels. Prints micro and macro F1, hit@3 (share of items where one of the first three
suggestions is a gold label), the share of items with no suggestion, the median seconds per
item, and a per-distortion table. App names map to the ten labels (catastrophizing ->
magnification, disqualifying the positive -> mental filter).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from companion.core.exercises.catalog import BENCHMARK_NAMES
from companion.core.exercises.suggest import for_benchmark, suggest

DEFAULT_DATA = ROOT.parent / "shared" / "benchmarks" / "distortions"
Item = dict[str, object]
Predictor = Callable[[Item], list[str]]


def load_items(data: Path, split: str) -> list[Item]:
    files = {"test": ["cbtbench_distortions_test.json"], "seed": ["cbtbench_distortions_seed.json"]}
    files["all"] = files["seed"] + files["test"]
    items: list[Item] = []
    for name in files[split]:
        items.extend(json.loads((data / name).read_text(encoding="utf-8")))
    return items


def score(items: list[Item], predictions: list[list[str]]) -> dict[str, object]:
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    hits = empty = 0
    for item, predicted in zip(items, predictions, strict=True):
        gold = set(item["distortions"])  # type: ignore[call-overload]
        chosen = set(predicted)
        for label in BENCHMARK_NAMES:
            tp[label] += label in gold and label in chosen
            fp[label] += label not in gold and label in chosen
            fn[label] += label in gold and label not in chosen
        hits += bool(gold & set(predicted[:3]))
        empty += not predicted
    per_label = {}
    for label in BENCHMARK_NAMES:
        p = tp[label] / (tp[label] + fp[label]) if tp[label] + fp[label] else 0.0
        r = tp[label] / (tp[label] + fn[label]) if tp[label] + fn[label] else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        support = tp[label] + fn[label]
        per_label[label] = {"precision": p, "recall": r, "f1": f, "support": support}
    all_tp, all_fp, all_fn = sum(tp.values()), sum(fp.values()), sum(fn.values())
    micro_p = all_tp / (all_tp + all_fp) if all_tp + all_fp else 0.0
    micro_r = all_tp / (all_tp + all_fn) if all_tp + all_fn else 0.0
    micro = 2 * micro_p * micro_r / (micro_p + micro_r) if micro_p + micro_r else 0.0
    return {
        "items": len(items),
        "micro_f1": micro,
        "micro_precision": micro_p,
        "micro_recall": micro_r,
        "macro_f1": statistics.fmean(v["f1"] for v in per_label.values()),
        "hit_at_3": hits / len(items) if items else 0.0,
        "empty": empty / len(items) if items else 0.0,
        "per_label": per_label,
    }


def rules_predictor(item: Item) -> list[str]:
    return for_benchmark(suggest(str(item["thoughts"])))


def majority_predictor(items: list[Item]) -> Predictor:
    counts = Counter(label for item in items for label in item["distortions"])  # type: ignore[attr-defined]
    top = [label for label, _ in counts.most_common(3)]
    return lambda item: list(top)


def model_predictor(spec: str | None) -> Predictor:
    from companion.core.exercises.ai import model_distortions
    from companion.core.llm import load_engine

    engine = load_engine(spec, n_ctx=2048)

    def predict(item: Item) -> list[str]:
        found = model_distortions(engine, str(item["thoughts"]), str(item.get("situation", "")))
        return for_benchmark(found)

    return predict


def run(name: str, predictor: Predictor, items: list[Item]) -> dict[str, object]:
    predictions: list[list[str]] = []
    seconds: list[float] = []
    for number, item in enumerate(items, start=1):
        start = time.perf_counter()
        predictions.append(predictor(item))
        seconds.append(time.perf_counter() - start)
        if number % 20 == 0 and name.startswith("model"):
            print(f"  {name}: {number}/{len(items)}", file=sys.stderr)
    result = score(items, predictions)
    result["median_seconds"] = statistics.median(seconds) if seconds else 0.0
    return result


def print_results(results: dict[str, dict[str, object]]) -> None:
    names = list(results)
    width = max(12, *(len(n) for n in names))
    print(f"\n{'suggester':<{width}}  micro-F1  macro-F1  hit@3  empty  median s/item")
    for name, r in results.items():
        print(
            f"{name:<{width}}  {r['micro_f1']:8.3f}  {r['macro_f1']:8.3f}  {r['hit_at_3']:5.3f}"
            f"  {r['empty']:5.3f}  {r['median_seconds']:.4f}"
        )
    for name, r in results.items():
        print(f"\n{name}: per distortion (F1, precision, recall, support)")
        per_label: dict[str, dict[str, float]] = r["per_label"]  # type: ignore[assignment]
        for label, v in per_label.items():
            print(
                f"  {label:<24} F1 {v['f1']:.3f}  P {v['precision']:.3f}  R {v['recall']:.3f}"
                f"  n={int(v['support'])}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="benchmark folder")
    parser.add_argument("--split", choices=("test", "seed", "all"), default="test")
    parser.add_argument("--model", action="append", default=[], help="also run this model")
    parser.add_argument("--no-embedded", action="store_true", help="skip the embedded model")
    parser.add_argument("--limit", type=int, default=0, help="only the first N items (models)")
    parser.add_argument("--json", type=Path, help="write the results as JSON here")
    args = parser.parse_args(argv)
    if not (args.data / "cbtbench_distortions_test.json").is_file():
        print(
            f"No benchmark data at {args.data}: pass --data with the folder holding "
            "cbtbench_distortions_test.json (see ../shared/benchmarks/README.md).",
            file=sys.stderr,
        )
        return 2
    items = load_items(args.data, args.split)
    model_items = items[: args.limit] if args.limit else items
    print(f"{len(items)} items from {args.data} ({args.split}); models on {len(model_items)}")
    results: dict[str, dict[str, object]] = {
        "baseline: top-3 labels": run("baseline", majority_predictor(items), items),
        "rules": run("rules", rules_predictor, items),
    }
    if args.limit:
        results[f"rules (first {args.limit})"] = run("rules", rules_predictor, model_items)
    specs: list[str | None] = ([] if args.no_embedded else [None]) + args.model
    for spec in specs:
        label = f"model: {spec or 'embedded'}"
        try:
            predictor = model_predictor(spec)
        except Exception as error:  # a missing model is reported, the rest still runs
            print(f"{label}: skipped ({error})", file=sys.stderr)
            continue
        results[label] = run(label, predictor, model_items)
    print_results(results)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
        print(f"\nwrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
