"""What a person sees on the chat screen: an SVG snapshot at 100x30 of a stored conversation
(user text literal, replies as Markdown, a fixed notice), after the model has loaded.

Update after an intended change with `uv run pytest tests/test_chat_snapshots.py
--snapshot-update`, and look at the report before committing.
"""

from __future__ import annotations

from datetime import timedelta

from companion.core.config import Settings
from companion.core.store import open_db
from companion.core.store.conversations import add_message, create_conversation
from tests.tui_helpers import FIXED_NOW, make_app


def _fill() -> None:
    db = open_db()
    older = create_conversation(db, "Sleep worries", now=FIXED_NOW - timedelta(days=2))
    add_message(db, older.id, "user", "I can't sleep.", now=FIXED_NOW - timedelta(days=2))
    chat = create_conversation(db, "Work stress [b]not bold[/b]", now=FIXED_NOW)
    add_message(
        db, chat.id, "user", "My manager said *well done* [b]but[/b] I doubt it.", now=FIXED_NOW
    )
    add_message(
        db,
        chat.id,
        "assistant",
        "It sounds like **praise** is hard to take in.\n\n- What did they say exactly?\n"
        "- What would you tell a friend?",
        model="smollm2-135m",
        now=FIXED_NOW,
    )
    add_message(
        db,
        chat.id,
        "assistant",
        "A fixed check-in from the app.",
        meta={"kind": "concern"},
        now=FIXED_NOW,
    )
    db.close()


async def _open_chat(pilot) -> None:  # type: ignore[no-untyped-def]
    """Open the chat on the stored conversation once the model has loaded, with the input
    unfocused: its blinking cursor would make the picture flaky."""
    pilot.app.action_open("chat")
    await pilot.pause()
    screen = pilot.app.screen
    for _ in range(1000):
        await pilot.pause(0.02)
        if screen.engine_name:
            break
    screen.set_focus(None)
    await pilot.pause()


def test_chat_screen(snap_compare) -> None:  # type: ignore[no-untyped-def]
    _fill()
    app = make_app(settings=Settings(n_ctx=1024, temperature=0.0))
    assert snap_compare(app, terminal_size=(100, 30), run_before=_open_chat)


def test_copy_picker_at_80x24(snap_compare) -> None:  # type: ignore[no-untyped-def]
    _fill()

    async def open_picker(pilot) -> None:  # type: ignore[no-untyped-def]
        await _open_chat(pilot)
        await pilot.press("ctrl+o")
        await pilot.pause()

    app = make_app(settings=Settings(n_ctx=1024, temperature=0.0))
    assert snap_compare(app, terminal_size=(80, 24), run_before=open_picker)
