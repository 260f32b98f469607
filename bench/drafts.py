"""Characters lost when the app is SIGKILLed while someone types without pausing.

Types into the journal editor of the real app (tmux, 80x24) at steady rates, kills it with
SIGKILL, and reads the draft as the next start would. ``--before DIR`` runs the same against
another checkout of the package (e.g. `git archive <commit> companion | tar -x -C DIR`), so the
figures before and after a change come from the same run on the same machine.

    python3 -m uv run python bench/drafts.py [--seconds 10] [--before /tmp/before]
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from tests.typing_kill import have_tmux, type_then_kill


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--rates", default="4,12")
    parser.add_argument("--before", help="a folder holding another `companion` package")
    args = parser.parse_args()
    if not have_tmux():
        sys.exit("tmux is needed for this benchmark.")
    builds = [("this checkout", None)]
    if args.before:
        builds.insert(0, ("before", args.before))
    print(f"{'build':<14} {'chars/s':>7} {'typed':>6} {'saved':>6} {'lost':>5}  seconds lost")
    for label, python_path in builds:
        for rate in (float(r) for r in args.rates.split(",")):
            home = Path(tempfile.mkdtemp(prefix="drafts-bench-")) / "home"
            result = type_then_kill(home, rate, args.seconds, python_path)
            print(
                f"{label:<14} {rate:>7.0f} {result.typed:>6} {result.saved:>6} {result.lost:>5}"
                f"  {result.lost / rate:.1f}   (tmux, SIGKILL)"
            )
    # The same typing under Pilot (no terminal in between): the draft at the last key.
    probe = str(Path(__file__).with_name("_drafts_pilot.py"))
    for label, python_path in builds:
        env = dict(os.environ)
        if python_path:
            env["PYTHONPATH"] = python_path
        for rate in (float(r) for r in args.rates.split(",")):
            out = subprocess.run(
                [sys.executable, probe, str(rate), str(args.seconds)],
                capture_output=True,
                text=True,
                env=env,
                check=True,
            ).stdout.split()
            typed, saved = int(out[-2]), int(out[-1])
            print(
                f"{label:<14} {rate:>7.0f} {typed:>6} {saved:>6} {typed - saved:>5}"
                f"  {(typed - saved) / rate:.1f}   (Pilot, at the last key)"
            )


if __name__ == "__main__":
    main()
