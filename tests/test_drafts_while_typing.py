"""Text being typed is saved at most a second after it changes, even while typing never pauses.

A fake clock stands in for time: each key press moves it on by 1/rate seconds, so "typing for
ten seconds at 4 or 12 characters a second" takes a moment, and the draft read from another
connection (as another process would) must never be more than a second of typing behind.
"""

from __future__ import annotations

import pytest
from textual.widgets import TextArea

from companion.core.store import drafts, open_db
from companion.core.store.safety_records import get_safety_plan
from companion.ui.tui.widgets import draft_saver
from tests.tui_helpers import make_app

SIZE = (80, 24)
TEXT = "the quick brown fox jumps over the lazy dog and keeps on running far away "


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> FakeClock:
    fake = FakeClock()
    monkeypatch.setattr(draft_saver, "now", fake)
    return fake


def _saved(key: str) -> str:
    other = open_db()
    try:
        return drafts.load_draft(other, key) or ""
    finally:
        other.close()


async def _type_and_watch(pilot, clock: FakeClock, rate: float, read) -> int:  # type: ignore[no-untyped-def]
    """Type TEXT at ``rate`` chars/s on the fake clock; the most characters ever unsaved."""
    worst = 0
    typed = ""
    for char in TEXT:
        clock.t += 1 / rate
        await pilot.press("space" if char == " " else char)
        typed += char
        worst = max(worst, len(typed) - len(read().rstrip("\n")))
    return worst


@pytest.mark.parametrize("rate", [4, 12])
async def test_journal_editor_saves_while_typing_without_pauses(
    clock: FakeClock, rate: int
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n")
        await pilot.pause()
        worst = await _type_and_watch(pilot, clock, rate, lambda: _saved("journal:new"))
    # at most one second of typing (plus the key being handled) is ever unsaved
    assert worst <= rate * draft_saver.MAX_WAIT + 1
    assert _saved("journal:new").startswith(TEXT.strip()[:40])


async def test_exercise_step_saves_while_typing_without_pauses(clock: FakeClock) -> None:
    from companion.core.store import exercise_records as records

    app = make_app(start=("exercise", "thought_record"))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        record = records.list_exercises(app.db)[0]
        key = f"exercise:{record.id}:situation"
        worst = await _type_and_watch(pilot, clock, 12, lambda: _saved(key))
        assert worst <= 12 * draft_saver.MAX_WAIT + 1


async def test_safety_plan_saves_while_typing_without_pauses(clock: FakeClock) -> None:
    from companion.core.safety.plan import SECTIONS

    def saved() -> str:
        other = open_db()
        try:
            return " ".join(get_safety_plan(other).get(SECTIONS[0].key, []))
        finally:
            other.close()

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.action_open("safety_plan")
        await pilot.pause()
        worst = await _type_and_watch(pilot, clock, 12, saved)
        assert worst <= 12 * draft_saver.MAX_WAIT + 2  # a trailing space is not an item


async def test_a_pause_saves_the_last_keys_and_leaving_saves_at_once(clock: FakeClock) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("n", *"abc")
        await pilot.pause(draft_saver.QUIET + 0.3)  # real time: the quiet timer fires
        assert _saved("journal:new") == "abc"
        await pilot.press(*"def", "escape")  # leaving does not wait for the timer
        assert _saved("journal:new") == "abcdef"


async def test_chat_message_being_written_is_kept_and_comes_back(
    clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.core.llm import ModelUnavailable, shared
    from companion.ui.tui import model_loader

    def no_model(*args: object, **kwargs: object) -> object:
        raise ModelUnavailable("No model in this test.")

    monkeypatch.setattr(shared, "shared_engine", no_model)
    monkeypatch.setattr(model_loader, "_LOADS", {})
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.action_open("chat")
        await pilot.pause()
        worst = await _type_and_watch(pilot, clock, 12, lambda: _saved("chat:composer"))
        assert worst <= 12 * draft_saver.MAX_WAIT + 1
    again = make_app()
    async with again.run_test(size=SIZE) as pilot:
        again.action_open("chat")
        await pilot.pause()
        assert again.screen.query_one("#chat-input", TextArea).text.startswith(TEXT.strip()[:40])
