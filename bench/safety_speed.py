"""Speed of the rules layer of the crisis check (printed, never asserted).

    python3 -m uv run python bench/safety_speed.py [--data ../shared/benchmarks/safety]
        [--profile] [--dump FILE] [--compare FILE] [--limit N]

Texts: the short messages written for the project plus the short SimpleSafetyTests / XSTest
prompts, and the Reddit dev+test posts over 280 characters (construct-tracker cache; see
bench/safety_data.py). For each kind it prints median and p95 per message, cold caches, of
``normalize``, of the rules (normalise + ``_assess_normalised``) and of ``detect_crisis`` (rules +
learned layer), against a baseline measured in the same run: one trivial regex scan of the
lower-cased text (``\\b(?:kill|die|suicid\\w*|hurt)\\b``). Ratios to the baseline are printed too.

``--dump FILE`` writes the rules' full answer (level, reasons, category, meta) and the whole
check's answer for every text as JSON lines; ``--compare FILE`` checks the current code gives
the same answers as a dump made earlier (the "behaviour did not change" check for a speed-up).
``--write-triggers`` rewrites companion/core/safety/rules/triggers.json (the rules' prefilter; see
companion/core/safety/rules/lazy.py) after a rule was edited. ``--profile`` prints the top of a cProfile of the rules over the long posts.
"""

from __future__ import annotations

import argparse
import cProfile
import csv
import json
import pstats
import re
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from safety_data import reddit_posts, short_messages

from companion.core.safety import detect_crisis
from companion.core.safety.detect import _assess_normalised, _clause_findings, _clauses
from companion.core.safety.learned import model as learned
from companion.core.safety.normalize import normalize
from companion.core.safety.rules.lazy import TRIGGERS_FILE, clear_caches
from companion.core.safety.rules.triggers import write_triggers
from companion.core.safety.types import SafetyAssessment

SHORT = 280
_BASELINE = re.compile(r"\b(?:kill|die|suicid\w*|hurt)\b")


def baseline(text: str) -> object:
    return _BASELINE.search(text.lower())


def rules(text: str) -> SafetyAssessment:
    return _assess_normalised(normalize(text))


def _clear() -> None:
    _clause_findings.cache_clear()
    clear_caches()
    learned.score.cache_clear()
    for fn in (normalize, _assess_normalised):
        clear = getattr(fn, "cache_clear", None)
        if clear is not None:
            clear()


def _times(fn: Callable[[str], object], texts: list[str]) -> list[float]:
    out = []
    for text in texts:
        _clear()
        start = time.perf_counter_ns()
        fn(text)
        out.append((time.perf_counter_ns() - start) / 1e6)
    return out


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def texts(data: Path, limit: int) -> tuple[list[str], list[str]]:
    short = [e.text for e in short_messages()]
    for name, column in (
        ("simplesafetytests_100.csv", "prompts_final"),
        ("xstest_v2_prompts_450.csv", "prompt"),
    ):
        path = data / name
        if path.is_file():
            with path.open(newline="", encoding="utf-8") as handle:
                short += [row[column] for row in csv.DictReader(handle)]
    posts = [e.text for e in reddit_posts(download=False) if e.split != "train"]
    long = [t for t in posts if len(t) > SHORT]
    short += [t for t in posts if len(t) <= SHORT]
    if limit:
        short, long = short[:limit], long[:limit]
    return short, long


def _answer(result: SafetyAssessment) -> dict[str, object]:
    return {
        "level": str(result.level),
        "reasons": list(result.reasons),
        "category": str(result.category),
        "layer": str(result.layer),
        "meta": dict(result.meta),
    }


def answers(all_texts: list[str]) -> list[dict[str, object]]:
    return [
        {"text": t, "rules": _answer(rules(t)), "full": _answer(detect_crisis(t))}
        for t in all_texts
    ]


def latency(short: list[str], long: list[str]) -> None:
    detect_crisis("warm up: load the learned layer")
    print("Latency per message, ms, cold caches (median / p95; ratio to the baseline's)")
    for kind, chosen in (("short", short), ("long", long)):
        base = _times(baseline, chosen)
        b_med, b_p95 = statistics.median(base), _p95(base)
        print(f"  {kind} n={len(chosen)}  baseline regex scan {b_med:.4f} / {b_p95:.4f}")
        for name, fn in (
            ("normalize", normalize),
            ("rules", rules),
            ("detect_crisis", detect_crisis),
        ):
            got = _times(fn, chosen)
            med, p95 = statistics.median(got), _p95(got)
            print(
                f"    {name:<10} {med:8.3f} / {p95:8.3f}   x{med / b_med:7.0f} / x{p95 / b_p95:7.0f}"
            )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/benchmarks/safety"))
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--dump", type=Path)
    parser.add_argument("--compare", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="at most N texts of each kind")
    parser.add_argument("--no-latency", action="store_true")
    parser.add_argument(
        "--write-triggers", action="store_true", help="rewrite rules/triggers.json and stop"
    )
    args = parser.parse_args(argv)
    short, long = texts(args.data, args.limit)
    if args.write_triggers:
        # The choice of triggers only affects speed (any choice is sound): the rarest candidate in
        # these clauses is kept. Only the dev+test posts and the short messages are read.
        sample = sorted({c for t in short + long for c in _clauses(normalize(t))})
        print(f"wrote the triggers of {write_triggers(sample)} patterns to {TRIGGERS_FILE}")
        return 0
    if args.dump:
        with args.dump.open("w", encoding="utf-8") as out:
            for row in answers(short + long):
                out.write(json.dumps(row) + "\n")
        print(f"wrote {len(short) + len(long)} answers to {args.dump}")
    if args.compare:
        old = [json.loads(line) for line in args.compare.read_text(encoding="utf-8").splitlines()]
        new = answers([row["text"] for row in old])
        diffs = [(o, n) for o, n in zip(old, new, strict=True) if o != n]
        print(f"compared {len(old)} answers with {args.compare}: {len(diffs)} differ")
        for o, n in diffs[:20]:
            print(
                f"  {o['text'][:100]!r}\n    before {o['rules']} {o['full']}\n    after  {n['rules']} {n['full']}"
            )
    if args.profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for text in long:
            _clear()
            rules(text)
        profiler.disable()
        pstats.Stats(profiler).sort_stats("tottime").print_stats(25)
    if not args.no_latency:
        latency(short, long)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
