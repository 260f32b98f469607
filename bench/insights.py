"""Insights at scale: a synthetic ten-year store against an empty one, in the same run.

The ten-year store holds 3,650 check-ins, 20,000 journal entries, 1,000 completed exercises
(thought records, behavioural activation, behavioural experiments, with the definitions' keys)
and 260 questionnaires. Measured (medians of --runs):

- computation: ``overview()`` (everything the insights screen and `companion insights` show);
- the insights screen at 80x24: its first frame, and the frame with the figures drawn.

Targets: the ten-year figures within 1.5x of the empty store, computation under 300 ms.

    uv run python bench/insights.py [--runs 7] [--json FILE]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _common import median, print_table, time_call, write_json

TODAY = date(2026, 11, 22)
DAYS = 3650
PHRASES = [
    "walked by the river",
    "felt anxious about work",
    "slept badly",
    "called my sister",
    "wrote a thought record",
    "tired but proud",
    "coffee with Sam",
    "grateful for the sunshine",
    "planned three small things",
]
ACTIVITIES = ["walk", "gym", "call a friend", "cook", "read", "emails", "tidy", "piano", "swim"]
DISTORTIONS = ["mind reading", "catastrophizing", "labeling", "should statements", "mental filter"]


def _iso(moment: datetime) -> str:
    return moment.isoformat(timespec="microseconds")


def build_store(path: Path) -> None:
    """Fill ``path`` with ten years of synthetic data (bulk inserts; FTS triggers stay on)."""
    from companion.core.store import open_db

    rng = random.Random(7)
    start = datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=UTC) - timedelta(days=DAYS)
    db = open_db(path)
    with db.atomic():
        db["checkins"].insert_all(
            {
                "created_utc": _iso(moment := start + timedelta(days=i, hours=rng.randint(-4, 9))),
                "local_date": moment.date().isoformat(),
                "mood": rng.randint(2, 9),
                "emotions": json.dumps({"anxious": rng.randint(0, 100)}),
                "note": "",
            }
            for i in range(DAYS)
        )
        db["journal_entries"].insert_all(
            {
                "created_utc": _iso(moment := start + timedelta(minutes=263 * i)),
                "updated_utc": _iso(moment),
                "local_date": moment.date().isoformat(),
                "body": ". ".join(rng.choices(PHRASES, k=12)),
                "tags": "[]",
            }
            for i in range(20_000)
        )
        rows = []
        for i in range(1000):
            moment = start + timedelta(days=i * DAYS / 1000)
            kind = ("thought_record", "behavioural_activation", "behavioural_experiment")[i % 3]
            if kind == "thought_record":
                data: dict[str, Any] = {
                    "situation": "at work",
                    "hot_thought": "they think I'm useless",
                    "belief_before": rng.randint(50, 100),
                    "distortions": rng.sample(DISTORTIONS, 2),
                    "belief_after": rng.randint(10, 60),
                }
            elif kind == "behavioural_activation":
                data = {
                    "activity": rng.choice(ACTIVITIES),
                    "mood": rng.randint(2, 9),
                    "mastery": 5,
                    "pleasure": 6,
                }
            else:
                data = {
                    "prediction": "I'll panic",
                    "prediction_rating": 80,
                    "prediction_came_true": rng.randint(0, 100),
                    "belief_rating": 70,
                    "belief_rerating": rng.randint(10, 70),
                }
            rows.append(
                {
                    "type": kind,
                    "status": "complete",
                    "data": json.dumps(data),
                    "step": 0,
                    "started_utc": _iso(moment),
                    "updated_utc": _iso(moment),
                    "completed_utc": _iso(moment),
                    "local_date": moment.date().isoformat(),
                    "search_text": "at work",
                    "follow_up_date": None,
                }
            )
        db["exercises"].insert_all(rows)
        db["assessments"].insert_all(
            {
                "instrument": ("phq9", "gad7")[i % 2],
                "answers": "[]",
                "total": (total := rng.randint(0, 21)),
                "band": "mild" if total >= 5 else "minimal",
                "created_utc": _iso(moment := start + timedelta(days=i * DAYS / 260)),
                "local_date": moment.date().isoformat(),
            }
            for i in range(260)
        )
    db.close()


def compute_time(path: Path) -> float:
    from companion.core.insights.overview import overview
    from companion.core.store import open_db

    db = open_db(path)
    try:
        overview(db, TODAY)  # warm the page cache once per connection
        return time_call(lambda: overview(db, TODAY), 1)[0]
    finally:
        db.close()


async def _screen_times(path: Path) -> tuple[float, float]:
    """(seconds to the insights screen's first frame, seconds to the frame with figures)."""
    from textual import on

    from companion.core.config import Settings
    from companion.ui.tui.app import CompanionApp
    from companion.ui.tui.screens.insights import InsightsScreen, OverviewReady

    first = asyncio.get_running_loop().create_future()
    ready = asyncio.get_running_loop().create_future()

    class Timed(InsightsScreen):
        CSS_PATH = str(
            Path(sys.modules[InsightsScreen.__module__].__file__ or "").parent / "insights.tcss"
        )

        def on_mount(self) -> None:
            super().on_mount()
            self.call_after_refresh(lambda: first.done() or first.set_result(time.perf_counter()))

        @on(OverviewReady)
        def _timed_ready(self, message: OverviewReady) -> None:
            # Runs just before the screen's own handler; the callback fires after the
            # refresh that draws the figures.
            self.call_after_refresh(lambda: ready.done() or ready.set_result(time.perf_counter()))

    def clock() -> datetime:
        return datetime(TODAY.year, TODAY.month, TODAY.day, 12, tzinfo=UTC)

    app = CompanionApp(
        db_path=path, clock=clock, settings=Settings(backups_keep=0), skip_first_run=True
    )
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        start = time.perf_counter()
        app.push_screen(Timed())
        first_at = await asyncio.wait_for(first, 60)
        ready_at = await asyncio.wait_for(ready, 60)
    return first_at - start, ready_at - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--json", dest="json_path", help="Write the figures to this file.")
    args = parser.parse_args()

    folder = Path(tempfile.mkdtemp(prefix="companion-bench-insights-"))
    os.environ["COMPANION_HOME"] = str(folder / "home")
    os.environ.setdefault("TZ", "UTC")
    time.tzset()
    empty, full = folder / "empty.db", folder / "ten-years.db"
    from companion.core.store import open_db

    open_db(empty).close()
    started = time.perf_counter()
    build_store(full)
    build_s = time.perf_counter() - started

    figures: dict[str, Any] = {"build_s": round(build_s, 2), "runs": args.runs}
    stores = {"empty": empty, "ten_years": full}
    samples: dict[str, list[float]] = {}
    for path in stores.values():  # warm-up: imports, CSS parsing, page cache
        compute_time(path)
        asyncio.run(_screen_times(path))
    # Interleaved (empty, ten years, empty, ...) so a busy machine affects both alike.
    for _ in range(args.runs):
        for name, path in stores.items():
            first, ready = asyncio.run(_screen_times(path))
            for measure, value in (
                ("compute_ms", compute_time(path)),
                ("first_frame_ms", first),
                ("figures_drawn_ms", ready),
            ):
                samples.setdefault(f"{name}_{measure}", []).append(value * 1000)
    for key, values in samples.items():
        figures[key] = median(values)

    rows = []
    for measure, label in (
        ("compute_ms", "computation (overview)"),
        ("first_frame_ms", "insights screen first frame"),
        ("figures_drawn_ms", "insights screen with figures"),
    ):
        e, t = figures[f"empty_{measure}"], figures[f"ten_years_{measure}"]
        figures[f"ratio_{measure.removesuffix('_ms')}"] = round(t / e, 2)
        rows.append([label, f"{e:.1f}", f"{t:.1f}", f"{t / e:.2f}x"])
    print_table(
        f"Insights, empty vs ten-year store (medians of {args.runs}; store built in {build_s:.1f} s)",
        ["measure", "empty ms", "ten years ms", "ratio"],
        rows,
    )
    compute_ok = figures["ten_years_compute_ms"] < 300
    frame_ok = figures["ratio_first_frame"] <= 1.5
    print(
        f"computation under 300 ms: {'yes' if compute_ok else 'NO'}; "
        f"first frame within 1.5x of empty: {'yes' if frame_ok else 'NO'}"
    )
    figures = {k: round(v, 2) if isinstance(v, float) else v for k, v in figures.items()}
    write_json(args.json_path, figures)


if __name__ == "__main__":
    main()
