"""Shared helpers for the benchmarks: timing, medians, tables, JSON output."""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

console = Console()


def time_command(argv: list[str], runs: int, env: dict[str, str] | None = None) -> list[float]:
    """Wall-clock seconds of each of ``runs`` executions of a command."""
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(
            argv,
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env or dict(os.environ),
        )
        times.append(time.perf_counter() - start)
    return times


def time_call(fn: Callable[[], Any], runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return times


def median(values: list[float]) -> float:
    return statistics.median(values)


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(pct / 100 * (len(ordered) - 1))))
    return ordered[index]


def print_table(title: str, columns: list[str], rows: list[list[Any]]) -> None:
    table = Table(title=title)
    for column in columns:
        table.add_column(column)
    for row in rows:
        table.add_row(*[f"{c:.4f}" if isinstance(c, float) else str(c) for c in row])
    console.print(table)


def write_json(path: str | None, figures: dict[str, Any]) -> None:
    if path:
        Path(path).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
        console.print(f"figures written to {path}")


PYTHON = sys.executable


def first_frame_times(home: str | Path, runs: int) -> list[float]:
    """Seconds from interpreter start to the TUI's first frame, for ``runs`` fresh processes.

    Runs with bytecode caching on, as a person's Python does (this workplace sets
    PYTHONDONTWRITEBYTECODE, which would recompile every module on every run).
    """
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["COMPANION_HOME"] = str(home)
    script = Path(__file__).resolve().parent / "_first_frame.py"
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [PYTHON, str(script)], capture_output=True, text=True, env=env, check=True
        ).stdout
        times.append(float(out.strip().splitlines()[-1]))
    return times
