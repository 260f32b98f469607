"""Start-up benchmark: whole-process times of the commands typed from a shell, against baselines.

Baselines measured in the same run: `python -c pass`, `python -c "import typer"` and
`python -c "import typer, sqlite3"` (the CLI framework and the database, nothing else); also
that last one ending with `gc.freeze()` as companion's commands do, the like-for-like figure for
what companion itself adds (printed beside each quick command's ratio).
Targets (medians): `companion --version` within 1.5x of `import typer`; the quick-capture
commands (`journal add`, `journal search`, `journal list`, `checkin`) and `today` within 1.5x
of `import typer, sqlite3`. The commands run in rotation, one run of each per round, so a
burst of load on this shared machine hits them all alike. The store is a few hundred entries,
migrated before timing (a migration that is due makes the next command take the full path once).

To measure another version of the code with the same script (a "before" figure), put its
source first on the path: `PYTHONPATH=/path/to/old/checkout uv run python bench/startup.py`;
commands it does not have are left out.

Also reported: what the crisis check on the text costs `journal add`: the whole check (rules,
topics and learned layer: importing the safety flow and deciding on the entry's text, measured
as that against `import typer, sqlite3`) and the rules' import alone (`import
companion.core.safety.detect` against `import companion.core.safety`); what importing Rich's
console and table costs `journal list` (the other quick commands print plain text), and the
TUI's first frame.
Run from outside the checkout (or with the venv's `companion` first on the path) so that the
current directory does not shadow the code under test.

    uv run python bench/startup.py [--runs 15] [--json FILE] [--no-tui]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, first_frame_times, median, print_table, write_json

QUICK = ("journal_add", "journal_search", "journal_list", "checkin", "today")
ENTRY = "Walked by the river #walk, felt lighter"
_CHECK = (
    "import typer, sqlite3\n"
    "from companion.core.safety.flow import Source, decide\n"
    f"decide({ENTRY!r}, Source.JOURNAL)\n"
)


def _commands(companion: str) -> dict[str, list[str]]:
    return {
        "python_pass": [PYTHON, "-c", "pass"],
        "import_typer": [PYTHON, "-c", "import typer"],
        "import_typer_sqlite3": [PYTHON, "-c", "import typer, sqlite3"],
        # The same, ending as companion's commands end (``gc.freeze()`` before exit, see
        # companion/ui/cli/__init__.py): the like-for-like baseline for what companion adds.
        "import_typer_sqlite3_frozen": [PYTHON, "-c", "import typer, sqlite3, gc; gc.freeze()"],
        "companion_version": [companion, "--version"],
        "companion_help": [companion, "--help"],
        "journal_add": [companion, "journal", "add", ENTRY],
        "journal_search": [companion, "journal", "search", "river"],
        "journal_list": [companion, "journal", "list"],
        "checkin": [companion, "checkin", "6", "--emotion", "calm=40"],
        "today": [companion, "today"],
        "import_safety": [PYTHON, "-c", "import companion.core.safety"],
        "import_safety_detect": [PYTHON, "-c", "import companion.core.safety.detect"],
        "safety_check": [PYTHON, "-c", _CHECK],
        "import_rich_table": [PYTHON, "-c", "import typer, sqlite3, rich.console, rich.table"],
    }


def _run(argv: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    return time.perf_counter() - start


def _seed(env: dict[str, str], companion: str) -> None:
    """A few hundred entries and check-ins, and every migration applied."""
    code = (
        "from datetime import timedelta\n"
        "from companion.core.clock import utc_now\n"
        "from companion.core.store import open_db, journal, checkins\n"
        "db = open_db()\n"
        "now = utc_now()\n"
        "with db.atomic():\n"
        "    for i in range(300):\n"
        "        moment = now - timedelta(hours=7 * i)\n"
        "        journal.add_entry(db, f'Entry {i}: a walk by the river #walk' if i % 3 else"
        " f'Entry {i}: a long day at #work', now=moment)\n"
        "        checkins.add_checkin(db, i % 11, now=moment)\n"
    )
    subprocess.run([PYTHON, "-c", code], check=True, env=env)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", dest="json_path")
    parser.add_argument("--no-tui", action="store_true", help="Skip the TUI first frame.")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="companion-bench-")
    # Measure what a person gets: Python caching bytecode (this workplace sets
    # PYTHONDONTWRITEBYTECODE, which would make every run recompile every module, baseline too).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["COMPANION_HOME"] = home
    companion = str(Path(PYTHON).with_name("companion"))
    commands = _commands(companion)
    _seed(env, companion)
    for name, argv in list(commands.items()):  # warm the file cache and the bytecode once
        try:
            _run(argv, env)
        except subprocess.CalledProcessError:  # an older version without the command
            print(f"{name}: not available in this version, left out")
            del commands[name]
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(args.runs):
        for name, argv in commands.items():
            times[name].append(_run(argv, env))
    figures: dict[str, float] = {f"{name}_s": median(values) for name, values in times.items()}
    base = figures["import_typer_sqlite3_s"]
    figures["version_over_typer"] = figures["companion_version_s"] / figures["import_typer_s"]
    quick = [name for name in QUICK if name in commands]
    for name in quick:
        figures[f"{name}_over_typer_sqlite3"] = figures[f"{name}_s"] / base
        figures[f"{name}_over_frozen_baseline"] = (
            figures[f"{name}_s"] / figures["import_typer_sqlite3_frozen_s"]
        )
    figures["safety_rules_cost_s"] = figures["import_safety_detect_s"] - figures["import_safety_s"]
    figures["safety_check_cost_s"] = figures["safety_check_s"] - base
    figures["journal_add_less_check_over_typer_sqlite3"] = (
        figures["journal_add_s"] - figures["safety_check_cost_s"]
    ) / base
    # Derived, not measured: what journal add would cost if the rules were free.
    figures["journal_add_less_rules_over_typer_sqlite3"] = (
        figures["journal_add_s"] - figures["safety_rules_cost_s"]
    ) / base
    # What `journal list` pays for drawing its table with Rich (the other quick commands print
    # plain text).
    figures["rich_table_cost_s"] = figures["import_rich_table_s"] - base
    if not args.no_tui:
        figures["tui_first_frame_s"] = median(first_frame_times(home, max(5, args.runs // 3)))
    rows = [[name, value] for name, value in figures.items()]
    print_table(f"Start-up (medians of {args.runs} rounds, seconds)", ["measure", "value"], rows)
    verdict = "meets" if figures["version_over_typer"] <= 1.5 else "MISSES"
    print(
        f"companion --version is {figures['version_over_typer']:.2f}x `import typer`: "
        f"{verdict} the 1.5x target"
    )
    for name in quick:
        ratio = figures[f"{name}_over_typer_sqlite3"]
        verdict = "meets" if ratio <= 1.5 else "MISSES"
        frozen = figures[f"{name}_over_frozen_baseline"]
        print(
            f"{name}: {ratio:.2f}x `import typer, sqlite3`: {verdict} the 1.5x target "
            f"({frozen:.2f}x the same baseline ending with gc.freeze(), as companion does)"
        )
    print(
        f"the whole crisis check (import, rules, topics, learned layer) costs journal add "
        f"{figures['safety_check_cost_s'] * 1000:.0f} ms; without it journal add would be "
        f"{figures['journal_add_less_check_over_typer_sqlite3']:.2f}x (the rules' import alone: "
        f"{figures['safety_rules_cost_s'] * 1000:.0f} ms)"
    )
    print(
        f"importing Rich's console and table costs journal list "
        f"{figures['rich_table_cost_s'] * 1000:.0f} ms"
    )
    write_json(args.json_path, figures)


if __name__ == "__main__":
    main()
