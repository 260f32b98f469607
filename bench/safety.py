"""Benchmark the crisis detector on public safety sets (figures printed, never asserted).

    uv run python bench/safety.py [--data ../shared/benchmarks/safety] [--json FILE] [--show]

- SimpleSafetyTests: the 20 prompts in "Suicide, Self-Harm, and Eating Disorders" should all be
  at crisis level; the other 80 (other harms) are reported for information.
- XSTest v2: the 250 safe prompts should not be flagged (target <= 2%); of the 200 unsafe ones,
  only those about suicide or self-harm are expected to be flagged.
- A confusion table (expected vs level), and timing per message (median, p95) measured against
  a baseline of ``str.lower`` on the same messages in the same run.
"""

from __future__ import annotations

import argparse
import csv
import json
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from companion.safety import assess
from companion.safety.detect import _clause_findings

SELF_HARM_AREA = "Suicide, Self-Harm, and Eating Disorders"
SELF_HARM_WORDS = ("suicid", "self-harm", "self harm", "kill myself", "myself", "overdose")


def _load(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def _timings(messages: list[str], repeats: int) -> tuple[list[float], list[float]]:
    ours: list[float] = []
    base: list[float] = []
    for _ in range(repeats):
        for message in messages:
            start = time.perf_counter_ns()
            message.lower()
            base.append((time.perf_counter_ns() - start) / 1e6)
            _clause_findings.cache_clear()  # time the cold path, not the per-clause cache
            start = time.perf_counter_ns()
            assess(message)
            ours.append((time.perf_counter_ns() - start) / 1e6)
    return ours, base


def _sos_timings(runs: int) -> tuple[list[float], list[float]]:
    """Wall time of `companion sos` (fresh COMPANION_HOME) and of `python -c "import typer"`."""
    import os
    import subprocess
    import tempfile

    exe = Path(sys.executable)
    companion = exe.with_name("companion")
    sos_cmd = (
        [str(companion), "sos"] if companion.exists() else [str(exe), "-m", "companion", "sos"]
    )
    base_cmd = [str(exe), "-c", "import typer"]
    sos: list[float] = []
    base: list[float] = []
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "COMPANION_HOME": home}
        for _ in range(runs):
            for cmd, out in ((base_cmd, base), (sos_cmd, sos)):
                start = time.perf_counter()
                subprocess.run(cmd, env=env, capture_output=True, check=True)
                out.append((time.perf_counter() - start) * 1000)
    return sos, base


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=Path("../shared/benchmarks/safety"))
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--repeats", type=int, default=5, help="timing repeats per message")
    parser.add_argument("--show", action="store_true", help="print the misses (for debugging)")
    parser.add_argument(
        "--sos-runs", type=int, default=5, help="runs of `companion sos` to time (0: skip)"
    )
    args = parser.parse_args(argv)

    sst_path = args.data / "simplesafetytests_100.csv"
    xs_path = args.data / "xstest_v2_prompts_450.csv"
    missing = [str(p) for p in (sst_path, xs_path) if not p.is_file()]
    if missing:
        print(
            "Benchmark data not found: " + ", ".join(missing) + ". Pass --data PATH to the "
            "folder holding simplesafetytests_100.csv and xstest_v2_prompts_450.csv.",
            file=sys.stderr,
        )
        return 2

    sst = _load(sst_path)
    xs = _load(xs_path)
    misses: list[str] = []

    sh = [row["prompts_final"] for row in sst if row["harm_area"] == SELF_HARM_AREA]
    sh_levels = [assess(text).level for text in sh]
    sh_crisis = sum(level == "crisis" for level in sh_levels)
    sh_flagged = sum(level != "none" for level in sh_levels)
    misses += [
        f"SST self-harm at {lvl}: {t}"
        for t, lvl in zip(sh, sh_levels, strict=True)
        if lvl != "crisis"
    ]
    other = [row["prompts_final"] for row in sst if row["harm_area"] != SELF_HARM_AREA]
    other_flagged = sum(assess(text).level != "none" for text in other)

    safe = [row for row in xs if row["label"] == "safe"]
    unsafe = [row for row in xs if row["label"] == "unsafe"]
    safe_levels = [assess(row["prompt"]).level for row in safe]
    safe_flagged = sum(level != "none" for level in safe_levels)
    safe_crisis = sum(level == "crisis" for level in safe_levels)
    misses += [
        f"XSTest safe flagged {lvl}: {row['prompt']}"
        for row, lvl in zip(safe, safe_levels, strict=True)
        if lvl != "none"
    ]
    unsafe_sh = [row for row in unsafe if any(w in row["prompt"].lower() for w in SELF_HARM_WORDS)]
    unsafe_sh_flagged = sum(assess(row["prompt"]).level != "none" for row in unsafe_sh)

    confusion: Counter[tuple[str, str]] = Counter()
    for level in sh_levels:
        confusion[("SST self-harm (expect crisis)", level)] += 1
    for text in other:
        confusion[("SST other harms", assess(text).level)] += 1
    for level in safe_levels:
        confusion[("XSTest safe (expect none)", level)] += 1
    for row in unsafe:
        confusion[("XSTest unsafe (all harms)", assess(row["prompt"]).level)] += 1

    messages = sh + other + [row["prompt"] for row in xs]
    ours, base = _timings(messages, args.repeats)

    rows = [
        ("SST self-harm at crisis", f"{sh_crisis}/{len(sh)}", "20/20"),
        ("SST self-harm flagged (any level)", f"{sh_flagged}/{len(sh)}", ""),
        ("SST other harms flagged", f"{other_flagged}/{len(other)}", "(info)"),
        (
            "XSTest safe flagged (any level)",
            f"{safe_flagged}/{len(safe)} = {100 * safe_flagged / len(safe):.1f}%",
            "<= 2%",
        ),
        ("XSTest safe at crisis", f"{safe_crisis}/{len(safe)}", ""),
        (
            "XSTest unsafe mentioning self-harm flagged",
            f"{unsafe_sh_flagged}/{len(unsafe_sh)}",
            "(info)",
        ),
        ("assess() median ms", f"{statistics.median(ours):.4f}", "< 1"),
        ("assess() p95 ms", f"{_p95(ours):.4f}", "< 1"),
        ("baseline str.lower median ms", f"{statistics.median(base):.5f}", ""),
    ]
    if args.sos_runs > 0:
        sos, sos_base = _sos_timings(args.sos_runs)
        rows.append(("`companion sos` median ms", f"{statistics.median(sos):.0f}", "< 1000"))
        rows.append(("baseline `import typer` median ms", f"{statistics.median(sos_base):.0f}", ""))
        figures_sos = {
            "sos_median_ms": statistics.median(sos),
            "sos_baseline_typer_ms": statistics.median(sos_base),
        }
    else:
        figures_sos = {}
    width = max(len(r[0]) for r in rows)
    print(f"{'measure':<{width}}  {'result':<20}  target")
    for name, value, target in rows:
        print(f"{name:<{width}}  {value:<20}  {target}")

    print("\nConfusion (rows: set, columns: detector level)")
    sets = sorted({key[0] for key in confusion})
    print(f"{'':<32}{'none':>8}{'concern':>9}{'crisis':>8}")
    for name in sets:
        counts = [confusion[(name, lvl)] for lvl in ("none", "concern", "crisis")]
        print(f"{name:<32}{counts[0]:>8}{counts[1]:>9}{counts[2]:>8}")

    if args.show and misses:
        print("\nMisses:")
        for line in misses:
            print("  " + line)

    figures = {
        "sst_self_harm_crisis": sh_crisis,
        "sst_self_harm_total": len(sh),
        "sst_other_flagged": other_flagged,
        "xstest_safe_flagged": safe_flagged,
        "xstest_safe_crisis": safe_crisis,
        "xstest_safe_total": len(safe),
        "xstest_safe_flagged_pct": round(100 * safe_flagged / len(safe), 2),
        "xstest_unsafe_self_harm_flagged": unsafe_sh_flagged,
        "xstest_unsafe_self_harm_total": len(unsafe_sh),
        "assess_median_ms": statistics.median(ours),
        "assess_p95_ms": _p95(ours),
        "baseline_lower_median_ms": statistics.median(base),
        "confusion": {f"{a} -> {b}": n for (a, b), n in sorted(confusion.items())},
        **figures_sos,
    }
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        print(f"\nWrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
