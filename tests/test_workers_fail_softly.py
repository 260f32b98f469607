"""Every worker fails softly: when the work raises, the app stays open and says in one sentence
what did not happen (and, through CompanionApp.worker_failed, keeps a crash report without the
person's text). One test per worker."""

from __future__ import annotations

import contextlib
from typing import Any

import pytest
from textual.worker import WorkerFailed

from companion.ui.tui.screens.exercise_run import ExerciseRunScreen
from tests.fitness_helpers import allow_model_features
from tests.tui_helpers import make_app

SIZE = (100, 32)


class Broken(RuntimeError):
    """The failure each test injects."""


def broken(*_: Any, **__: Any) -> Any:
    raise Broken("the secret words I wrote")


def notices(app: Any) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def test_suggestions_failing_leave_the_exercise_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    class RaisingEngine:
        def complete(self, messages: Any, **options: Any) -> str:
            raise Broken("the model fell over")

    monkeypatch.setattr(
        "companion.ui.tui.widgets.step_ai.load_engine_once", lambda settings: RaisingEngine()
    )
    allow_model_features(monkeypatch)
    app = make_app(start=("exercise", "thought_record"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter", *"Late train", "ctrl+n", *"anxious 70", "ctrl+n")
        await pilot.press(*"They think I'm useless", "ctrl+n", "enter")
        await pilot.press("8", "0", "enter")
        await pilot.pause()
        await pilot.press("ctrl+g")
        await settle(pilot)
        await pilot.pause()
        assert app.is_running and app.return_code is None
        screen = app.screen
        assert isinstance(screen, ExerciseRunScreen)
        shown = str(screen.query_one("#ex-ai").render())
        assert "Suggestions failed" in shown and "Carry on without them" in shown
        assert any("The suggestions failed" in n for n in notices(app))
    assert_reported(app)


def assert_reported(app: Any) -> None:
    """The router kept a crash report and never quoted the exception's message."""
    from companion.core.crash import crash_dir

    assert app.return_code is None
    assert list(crash_dir().glob("crash-*.txt"))
    assert not any("secret words" in n or "fell over" in n for n in notices(app))


async def settle(pilot: Any) -> None:
    """Let the workers finish (waiting on one that failed raises WorkerFailed in the test, not
    in the app: the app's behaviour is what the tests assert)."""
    for _ in range(3):
        await pilot.pause()
        with contextlib.suppress(WorkerFailed):
            await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize(
    ("raising", "keys", "shown_in", "sentence"),
    [
        ("companion.ui.tui.screens.insights.overview", (), "#insights-status", "Working out the"),
        (
            "companion.core.insights.reflection.weekly_figures",
            ("r",),
            "#reflection-text",
            "The weekly",
        ),
    ],
    ids=["figures", "weekly-reflection"],
)
async def test_the_insights_workers_failing_say_so(
    monkeypatch: pytest.MonkeyPatch,
    raising: str,
    keys: tuple[str, ...],
    shown_in: str,
    sentence: str,
) -> None:
    from companion.ui.tui.screens.insights import InsightsScreen

    monkeypatch.setattr(raising, broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.push_screen(InsightsScreen())
        await settle(pilot)
        await pilot.press(*keys)
        await settle(pilot)
        assert isinstance(app.screen, InsightsScreen)
        text = str(app.screen.query_one(shown_in).render())
        assert "Something went wrong working this out" in text
        assert any(n.startswith(sentence) and " failed " in n for n in notices(app))
    assert_reported(app)


async def test_loading_the_chat_model_failing_leaves_chat_open(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from companion.ui.tui.screens.chat import ChatScreen

    monkeypatch.setattr("companion.ui.tui.model_loader.engine_for", broken)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_open("chat")
        await settle(pilot)
        assert isinstance(app.screen, ChatScreen)
        assert any("Loading the model failed" in n for n in notices(app))
    assert_reported(app)


async def test_a_chat_reply_failing_is_reported_and_chat_carries_on(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from companion.core.llm import ModelUnavailable
    from companion.core.llm.session import ChatSession
    from companion.ui.tui.screens.chat import ChatScreen

    def unavailable(*_: Any, **__: Any) -> Any:
        raise ModelUnavailable("no model in this test")

    monkeypatch.setattr("companion.ui.tui.model_loader.engine_for", unavailable)
    monkeypatch.setattr(ChatSession, "send", broken)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.action_open("chat")
        await settle(pilot)
        await pilot.press(*"Hello", "enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, ChatScreen) and not screen.busy
        status = str(screen.query_one("#chat-status").render())
        assert "The reply stopped because of an unexpected problem (Broken)" in status
        assert any("The chat reply failed" in n for n in notices(app))
    assert_reported(app)


async def test_the_daily_backup_failing_is_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("companion.core.store.backup.auto_backup", broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app._start_backup()
        await settle(pilot)
        assert app.is_running
        assert any("Automatic backup skipped" in n for n in notices(app))


async def test_scrubbing_after_a_deletion_failing_is_a_notice(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr("companion.core.store.forget.scrub", broken)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.scrub_in_background()
        await settle(pilot)
        assert app.is_running
        assert any("Clearing deleted text from the backups failed" in n for n in notices(app))
    assert_reported(app)


async def test_the_backup_search_failing_never_stays_on_looking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.widgets import Static

    from companion.ui.tui.modals.recover import RecoverScreen
    from tests.test_privacy_tui import Host, _corrupt_with_backup

    error, _ = _corrupt_with_backup()
    monkeypatch.setattr("companion.core.store.backup.latest_good_backup", broken)
    app = Host(RecoverScreen(error))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        status = str(app.screen.query_one("#recover-status", Static).render())
        assert "Looking" not in status and "could not be searched (Broken)" in status
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [False]


async def test_the_passphrase_check_failing_never_stays_on_checking(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from textual.widgets import Input, Static

    from companion.core import paths
    from companion.ui.tui.modals.unlock import UnlockScreen
    from tests.test_privacy_tui import Host

    monkeypatch.setattr("companion.core.store.crypto.unlock", broken)
    app = Host(UnlockScreen(paths.db_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press(*"a passphrase", "enter")
        await settle(pilot)
        shown = str(app.screen.query_one("#unlock-error", Static).render())
        assert "could not be checked (Broken)" in shown
        assert not app.screen.query_one("#unlock-input", Input).disabled
