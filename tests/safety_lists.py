"""The crisis rules' own test messages (tests/data/safety/rule_test_lists.txt): CRISIS, CONCERN
and NONE, in order, duplicates kept. Read by tests/test_safety_detect.py and, as training texts,
by bench/safety_data.py."""

from __future__ import annotations

from pathlib import Path

FILE = Path(__file__).resolve().parent / "data" / "safety" / "rule_test_lists.txt"


def load(path: Path = FILE) -> dict[str, list[str]]:
    """Each ``[NAME]`` section's messages, one a line; ``#`` lines and blank lines are skipped."""
    lists: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in path.read_text(encoding="utf-8").splitlines():
        if not raw.strip() or raw.startswith("#"):
            continue
        if raw.startswith("[") and raw.endswith("]"):
            current = lists.setdefault(raw[1:-1], [])
        elif current is not None:
            current.append(raw)
    return lists


_LISTS = load()
CRISIS: list[str] = _LISTS["CRISIS"]
CONCERN: list[str] = _LISTS["CONCERN"]
NONE: list[str] = _LISTS["NONE"]
