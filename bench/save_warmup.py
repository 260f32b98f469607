"""What pressing save costs the screen: the journal flow on a fresh process, cold and warmed.

The editor and the check-in call ``companion.core.flows.warm.warm_up`` in a thread worker when they
open, so the crisis check (rules compiled, learned layer's weights loaded) is ready before
ctrl+s. Each round runs two fresh processes on a fresh store: "cold" times ``save_entry`` as
the first thing after imports (what the UI thread paid before), "warm" calls ``warm_up`` first
(what the screen does while the person types) and then times ``save_entry``. Printed: medians
and the ratio warm/cold, measured in the same run.

    uv run python bench/save_warmup.py [--runs 10] [--json FILE]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, median, print_table, write_json

_CODE = """
import time
from companion.core.store import open_db
from companion.core.flows.journal import save_entry
from companion.core.flows.warm import warm_up
db = open_db()
if {warm}:
    warm_up()
start = time.perf_counter()
save_entry(db, "A long day at work, and a short walk after it.")
print(time.perf_counter() - start)
"""


def _one(warm: bool) -> float:
    with tempfile.TemporaryDirectory() as home:
        env = {**os.environ, "COMPANION_HOME": home}
        out = subprocess.run(
            [PYTHON, "-c", _CODE.format(warm=warm)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--json")
    args = parser.parse_args()
    cold: list[float] = []
    warm: list[float] = []
    for _ in range(args.runs):  # in rotation, so load on the machine hits both alike
        cold.append(_one(False))
        warm.append(_one(True))
    figures = {
        "save_cold_s": median(cold),
        "save_warmed_s": median(warm),
        "warmed_over_cold": median(warm) / median(cold),
    }
    print_table(
        "Save on the UI thread (median)", ["figure", "value"], list(map(list, figures.items()))
    )
    write_json(args.json, figures)


if __name__ == "__main__":
    main()
