"""Pilot tests of the chat screen with the real embedded model (greedy, short replies)."""

from __future__ import annotations

from companion.config import Settings
from companion.store.conversations import list_conversations, list_messages
from tests.tui_helpers import make_app

SETTINGS = Settings(n_ctx=1024, temperature=0.0, max_reply_tokens=24)


async def _open_chat(pilot, app):  # type: ignore[no-untyped-def]
    app.action_open("chat")
    await pilot.pause()
    screen = app.screen
    assert type(screen).__name__ == "ChatScreen"
    for _ in range(1000):
        await pilot.pause(0.02)
        if screen.engine_name or screen.engine_error:
            break
    return screen


async def _wait_idle(pilot, screen) -> None:  # type: ignore[no-untyped-def]
    for _ in range(2000):
        await pilot.pause(0.02)
        if not screen.busy:
            return
    raise AssertionError("the reply never finished")


async def test_send_streams_and_persists() -> None:
    app = make_app(settings=SETTINGS)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_chat(pilot, app)
        assert screen.engine_name == "smollm2-135m"
        await pilot.press(*"Hello [b]there[/b]", "enter")
        assert screen.busy
        await _wait_idle(pilot, screen)
        conversation = list_conversations(app.db)[0]
        messages = list_messages(app.db, conversation.id)
        assert [m.role for m in messages] == ["user", "assistant"]
        assert messages[0].content == "Hello [b]there[/b]"
        assert messages[1].content and messages[1].model == "smollm2-135m"
        assert messages[1].ttft_ms is not None and messages[1].completion_tokens
        # the person's text is shown literally, markup and all
        user = screen.query_one(".chat-user .chat-body")
        assert "[b]there[/b]" in str(user.render())
        assert "tok/s" in str(screen.query_one("#chat-status").render())
