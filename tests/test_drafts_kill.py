"""The real app in tmux: type without pausing, SIGKILL it, and the draft holds all but the last
second or two of typing (tests/typing_kill.py; figures in bench/drafts.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.typing_kill import have_tmux, type_then_kill


@pytest.mark.skipif(not have_tmux(), reason="needs tmux to run the app in a terminal")
def test_sigkill_while_typing_loses_at_most_the_last_two_seconds(tmp_path: Path) -> None:
    rate = 12
    result = type_then_kill(tmp_path / "home", rate=rate, seconds=4)
    assert result.typed == 48
    assert result.saved > 0
    assert result.lost <= 2 * rate
