"""Store at scale: 100,000 generated journal entries of realistic length (200-2,000 characters).

Measures insert time, search p50/p95, the first page of the list, the home screen's first frame
(against an empty database in the same run) and the file size. Targets: search p95 under 20 ms;
first frame at 100,000 entries within 1.2x of an empty database.

    uv run python bench/store.py [--entries 100000] [--json FILE]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import first_frame_times, median, percentile, print_table, time_call, write_json

HERE = Path(__file__).resolve().parent

WORDS = (
    "I felt anxious about the meeting today and kept thinking everyone would notice my hands "
    "shaking . my manager said it went fine but I still replayed every word on the bus home . "
    "walked by the river after work and the air helped a little . slept badly again woke at four "
    "worrying about money and the rent . called my sister we laughed about mum's cooking . "
    "wrote a thought record the evidence against was stronger than I expected . tired but proud "
    "that I went to the gym . the exam is next week and I keep telling myself I will fail . "
    "coffee with Sam felt easy for once . cried in the afternoon not sure why . planned three "
    "small things for tomorrow breakfast a short walk reply to the email . grateful for the "
    "sunshine the dog and a quiet evening . argued with my partner about chores then apologised"
).split()
SEARCH_PAGE = 25  # what the journal screen shows while you type
QUERIES = [
    "anxious",
    "river",
    "exam fail",
    "sister",
    "gym",
    "thought record",
    "money rent",
    "slept",
    "grateful dog",
    "partner",
    "meeting hands",
    "sunsh",
    "zebra",
]


def make_body(rng: random.Random) -> str:
    length = rng.randint(200, 2000)
    words: list[str] = []
    size = 0
    while size < length:
        word = rng.choice(WORDS)
        words.append(word)
        size += len(word) + 1
    return " ".join(words)[:length]


def fill(db_path: Path, count: int, seed: int = 7) -> float:
    from companion.core.store import open_db

    db = open_db(db_path)
    rng = random.Random(seed)
    start_day = datetime(2016, 1, 1, tzinfo=UTC)
    started = time.perf_counter()
    batch = []
    for n in range(count):
        moment = start_day + timedelta(minutes=50 * n)
        stamp = moment.isoformat(timespec="microseconds")
        batch.append(
            {
                "created_utc": stamp,
                "updated_utc": stamp,
                "local_date": moment.date().isoformat(),
                "body": make_body(rng),
                "tags": "[]",
            }
        )
        if len(batch) == 2000:
            with db.atomic():
                db["journal_entries"].insert_all(batch)
            batch = []
    if batch:
        with db.atomic():
            db["journal_entries"].insert_all(batch)
    elapsed = time.perf_counter() - started
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return elapsed


def first_frame(home: Path, runs: int) -> float:
    return median(first_frame_times(home, runs))


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--frames", type=int, default=7, help="first-frame runs per database")
    parser.add_argument("--json", dest="json_path")
    args = parser.parse_args()

    from companion.core.store import journal, open_db, search

    empty_home = Path(tempfile.mkdtemp(prefix="companion-bench-empty-"))
    full_home = Path(tempfile.mkdtemp(prefix="companion-bench-full-"))
    open_db(empty_home / "companion.db").close()
    insert_s = fill(full_home / "companion.db", args.entries)

    db = open_db(full_home / "companion.db")
    search_times: list[float] = []
    for _ in range(5):
        for query in QUERIES:
            search_times.extend(
                time_call(
                    lambda q=query: search.search(db, q, kinds=("journal",), limit=SEARCH_PAGE), 1
                )
            )
    list_times = time_call(lambda: journal.list_entries(db, limit=100), 20)
    db.close()
    size_mb = sum(f.stat().st_size for f in full_home.glob("companion.db*")) / 1e6

    frame_empty = first_frame(empty_home, args.frames)
    frame_full = first_frame(full_home, args.frames)
    figures = {
        "entries": args.entries,
        "insert_s": insert_s,
        "insert_per_1000_s": insert_s / args.entries * 1000,
        "search_p50_ms": percentile(search_times, 50) * 1000,
        "search_p95_ms": percentile(search_times, 95) * 1000,
        "list_first_page_ms": median(list_times) * 1000,
        "first_frame_empty_s": frame_empty,
        "first_frame_full_s": frame_full,
        "first_frame_ratio": frame_full / frame_empty,
        "file_size_mb": size_mb,
    }
    print_table(
        f"Store with {args.entries:,} entries",
        ["measure", "value"],
        [[k, v] for k, v in figures.items()],
    )
    print(
        f"search p95 {figures['search_p95_ms']:.1f} ms (target < 20 ms): "
        f"{'meets' if figures['search_p95_ms'] < 20 else 'MISSES'}"
    )
    print(
        f"first frame {figures['first_frame_ratio']:.2f}x empty (target <= 1.2x): "
        f"{'meets' if figures['first_frame_ratio'] <= 1.2 else 'MISSES'}"
    )
    write_json(args.json_path, figures)


if __name__ == "__main__":
    main()
