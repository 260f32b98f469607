"""Start-up benchmark: `companion --version` and the TUI's first frame, against baselines.

Baselines measured in the same run: `python -c pass` and `python -c "import typer"`.
Target: `companion --version` within 1.5x of `python -c "import typer"` (medians).

    uv run python bench/startup.py [--runs 15] [--json FILE]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import PYTHON, first_frame_times, median, print_table, time_command, write_json

HERE = Path(__file__).resolve().parent


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--json", dest="json_path")
    args = parser.parse_args()
    home = tempfile.mkdtemp(prefix="companion-bench-")
    # Measure what a person gets: Python caching bytecode (this workplace sets
    # PYTHONDONTWRITEBYTECODE, which would make every run recompile every module, baseline too).
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["COMPANION_HOME"] = home
    companion = str(Path(PYTHON).with_name("companion"))
    # warm the file cache once
    time_command([PYTHON, "-c", "import typer"], 2, env)
    time_command([companion, "--version"], 2, env)
    figures = {
        "python_pass_s": median(time_command([PYTHON, "-c", "pass"], args.runs, env)),
        "import_typer_s": median(time_command([PYTHON, "-c", "import typer"], args.runs, env)),
        "companion_version_s": median(time_command([companion, "--version"], args.runs, env)),
        "companion_help_s": median(time_command([companion, "--help"], args.runs, env)),
        "tui_first_frame_s": median(first_frame_times(home, max(5, args.runs // 3))),
    }
    figures["version_over_typer"] = figures["companion_version_s"] / figures["import_typer_s"]
    rows = [[name, value] for name, value in figures.items()]
    print_table("Start-up (medians, seconds)", ["measure", "value"], rows)
    verdict = "meets" if figures["version_over_typer"] <= 1.5 else "MISSES"
    print(
        f"companion --version is {figures['version_over_typer']:.2f}x `import typer`: "
        f"{verdict} the 1.5x target"
    )
    write_json(args.json_path, figures)


if __name__ == "__main__":
    main()
