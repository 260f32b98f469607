"""What a person sees mid-way through a thought record, at 80x24.

Update after an intended change with `uv run pytest tests/test_exercises_snapshots.py
--snapshot-update`, and look at the report before committing.
"""

from __future__ import annotations

from tests.tui_helpers import make_app

# Begin, situation, emotions, two thoughts, pick the hot one, belief: on the patterns step.
KEYS = [
    "enter",
    *"Friend [b]cancelled[/b] dinner",
    "ctrl+n",
    *"sad 70",
    "ctrl+n",
    *"She doesn't want to see me",
    "ctrl+n",
    "enter",
    *"80",
    "enter",
    "down",
    "space",
]


def test_thought_record_in_progress(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = make_app(start=("exercise", "thought_record"))
    assert snap_compare(app, press=KEYS, terminal_size=(80, 24))


def test_thought_record_evidence_step_shows_literal_text(snap_compare) -> None:  # type: ignore[no-untyped-def]
    app = make_app(start=("exercise", "thought_record"))
    keys = [*KEYS, "ctrl+n", *"She said [i]sorry[/i] twice"]
    assert snap_compare(app, press=keys, terminal_size=(80, 24))
