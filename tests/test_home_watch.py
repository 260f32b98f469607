"""Home shows what the CLI writes while the app is open, without a key press."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest
from textual.widgets import OptionList

from companion.ui.tui.screens.home import HomeScreen
from tests.tui_helpers import make_app


def _recent(app: object) -> str:
    recent = app.screen.query_one("#recent", OptionList)  # type: ignore[attr-defined]
    return " ".join(str(recent.get_option_at_index(i).prompt) for i in range(recent.option_count))


async def test_an_entry_added_from_the_shell_appears_on_home(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(HomeScreen, "POLL_SECONDS", 0.2)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "No entries yet" in _recent(app)
        subprocess.run(
            [sys.executable, "-m", "companion", "journal", "add", "from the shell [bold]x[/bold]"],
            check=True,
            capture_output=True,
            env=os.environ.copy(),
        )
        for _ in range(20):  # at most ~4 s on a loaded machine; one poll is 0.2 s
            await pilot.pause(0.2)
            if "from the shell" in _recent(app):
                break
        assert "from the shell [bold]x[/bold]" in _recent(app)  # literal, as typed


async def test_home_does_not_redraw_when_nothing_was_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(HomeScreen, "POLL_SECONDS", 0.1)
    calls: list[int] = []
    original = HomeScreen.refresh_data

    def counting(self: HomeScreen) -> None:
        calls.append(1)
        original(self)

    monkeypatch.setattr(HomeScreen, "refresh_data", counting)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.3)
        drawn = len(calls)  # mount and resume
        await pilot.pause(0.6)  # five or six polls
        assert len(calls) == drawn  # polls that find nothing written do nothing
