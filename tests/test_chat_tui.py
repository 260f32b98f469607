"""Pilot tests of the chat screen with the real embedded model (greedy, short replies)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from companion.core.config import Settings
from companion.core.store.conversations import list_conversations, list_messages
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.screens.chat import ChatScreen
from companion.ui.tui.widgets.chat_message import ReplyMessage, StoredReply
from tests.tui_helpers import make_app

SETTINGS = Settings(n_ctx=1024, temperature=0.0, max_reply_tokens=24)


@pytest.fixture
def long_replies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Replies as long as a larger model's (the embedded model's own cap is four sentences), for
    the tests about stopping and scrolling a reply that is still being written."""
    from companion.core.llm import session
    from companion.core.llm.decoding import Decoding

    def long(parameters: int, max_reply_tokens: int = 400) -> Decoding:
        return Decoding(max_tokens=max_reply_tokens, stop_loops=False)

    monkeypatch.setattr(session, "chat_decoding", long)


async def _open_chat(pilot: Pilot[int], app: CompanionApp) -> ChatScreen:
    app.action_open("chat")
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ChatScreen)
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
        await _wait_idle(pilot, screen)
        conversation = list_conversations(app.db)[0]
        messages = list_messages(app.db, conversation.id)
        assert [m.role for m in messages] == ["user", "assistant"]
        assert messages[0].content == "Hello [b]there[/b]"
        assert messages[1].content and messages[1].model == "smollm2-135m"
        assert messages[1].ttft_ms is not None and messages[1].completion_tokens
        # the person's text is shown literally, markup and all
        user = screen.query_one(".chat-user")
        assert "[b]there[/b]" in str(user.render())
        assert "tok/s" in str(screen.query_one("#chat-status").render())


async def test_stop_keeps_partial_and_ui_stays_responsive(long_replies: None) -> None:
    app = make_app(settings=Settings(n_ctx=2048, temperature=0.0, max_reply_tokens=400))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_chat(pilot, app)
        await pilot.press(*"Tell me a long story about a lighthouse.", "enter")
        for _ in range(2000):  # wait for the first streamed text
            await pilot.pause(0.02)
            if screen._reply is not None and screen._reply.text:
                break
        assert screen.busy
        # the interface answers keys while the model writes
        await pilot.press("n")
        assert screen.chat_input.text == "n"
        await pilot.press("escape")
        await _wait_idle(pilot, screen)
        assert isinstance(app.screen, ChatScreen)  # Esc stopped, did not leave
        conversation = list_conversations(app.db)[0]
        reply = list_messages(app.db, conversation.id)[-1]
        assert reply.role == "assistant" and reply.status == "stopped" and reply.content
        assert (reply.completion_tokens or 0) < 400
        shown = screen.query(".chat-reply").last()
        assert isinstance(shown, ReplyMessage | StoredReply)  # streamed, or swapped once finished
        assert shown.status == "stopped" and shown.text == reply.content
        await pilot.press("escape")  # now Esc goes back
        assert not isinstance(app.screen, ChatScreen)


async def test_regenerate_and_new_conversation_and_multiline() -> None:
    app = make_app(settings=SETTINGS)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_chat(pilot, app)
        await pilot.press(*"first line", "ctrl+j", *"second line", "enter")
        await _wait_idle(pilot, screen)
        conversation = list_conversations(app.db)[0]
        first = list_messages(app.db, conversation.id)
        assert first[0].content == "first line\nsecond line"
        await pilot.press("ctrl+r")
        await _wait_idle(pilot, screen)
        again = list_messages(app.db, conversation.id)
        assert [m.role for m in again] == ["user", "assistant"]
        assert again[1].created_utc > first[1].created_utc  # written again
        assert len(screen.query(".chat-reply")) == 1
        await pilot.press("ctrl+n")
        assert screen.conversation_id is None and not screen.query(".chat-reply")
        await pilot.press(*"second chat", "enter")
        await _wait_idle(pilot, screen)
        assert len(list_conversations(app.db)) == 2


async def test_empty_message_is_not_sent() -> None:
    app = make_app(settings=SETTINGS)
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_chat(pilot, app)
        await pilot.press("space", "enter")
        assert not screen.busy and list_conversations(app.db) == []


async def test_crisis_message_opens_help_now_without_the_model() -> None:
    app = make_app(settings=SETTINGS)
    opened: list[str] = []
    app.action_help_now = lambda detected=False: opened.append(f"help detected={detected}")  # type: ignore[method-assign,assignment,misc]
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_chat(pilot, app)
        await pilot.press(*"I want to kill myself", "enter")
        await _wait_idle(pilot, screen)
        assert opened == ["help detected=True"]
        conversation = list_conversations(app.db)[0]
        messages = list_messages(app.db, conversation.id)
        assert [m.meta.get("kind") for m in messages] == [None, "crisis"]
        assert all(m.model is None for m in messages)
        assert screen.query(".chat-notice-crisis")


async def test_rename_and_delete_with_confirmation() -> None:
    from companion.core.store.conversations import add_message, create_conversation

    app = make_app(settings=SETTINGS)
    async with app.run_test(size=(100, 30)) as pilot:
        conversation = create_conversation(app.db, "Old [i]title[/i]")
        add_message(app.db, conversation.id, "user", "kept **literally**")
        add_message(app.db, conversation.id, "assistant", "A *reply*")
        screen = await _open_chat(pilot, app)
        assert screen.conversation_id == conversation.id  # resumes the latest
        assert "kept **literally**" in str(screen.query_one(".chat-user").render())
        await pilot.press("f3")
        await pilot.pause()
        await pilot.press(*"New [b]name[/b]", "enter")  # the old title is selected: replaced
        await pilot.pause()
        assert list_conversations(app.db)[0].title == "New [b]name[/b]"
        item = screen.query_one("#chat-conversations").query("Label").first()
        assert "[b]name[/b]" in str(item.render())
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert len(list_conversations(app.db)) == 1
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert list_conversations(app.db) == []
        assert screen.conversation_id is None


async def test_personal_context_modal_and_break_suggestion() -> None:
    from datetime import timedelta

    from companion.core.llm.context import get_personal_context
    from tests.tui_helpers import FIXED_NOW

    now = [FIXED_NOW]
    app = make_app(
        settings=Settings(n_ctx=1024, temperature=0.0, max_reply_tokens=16, chat_break_minutes=30),
        clock=lambda: now[0],
    )
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_chat(pilot, app)
        await pilot.press("f4")
        await pilot.pause()
        app.screen.query_one("#context-goals", Input).value = "sleep by 11"
        await pilot.click("#context-save")
        await pilot.pause()
        assert get_personal_context(app.db).goals == "sleep by 11"
        assert "sleep by 11" in str(screen.query_one("#chat-context").render())
        now[0] = FIXED_NOW + timedelta(minutes=31)
        await pilot.press(*"hello", "enter")
        await _wait_idle(pilot, screen)
        await pilot.pause()
        assert screen.query(".chat-notice-break")


async def test_copy_any_message_of_the_conversation(monkeypatch: pytest.MonkeyPatch) -> None:
    from companion.core.store.conversations import add_message, create_conversation
    from companion.ui.tui import clipboard
    from companion.ui.tui.modals.chat_copy import CopyScreen

    monkeypatch.setattr(clipboard, "copy_with_system_tool", lambda text: None)  # OSC 52 only
    app = make_app(settings=SETTINGS)
    copied: list[str] = []
    app.copy_to_clipboard = copied.append  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(100, 30)) as pilot:
        conversation = create_conversation(app.db, "Copying")
        add_message(app.db, conversation.id, "user", "my [b]first[/b] words\nsecond line")
        add_message(app.db, conversation.id, "assistant", "an older *reply*")
        add_message(app.db, conversation.id, "user", "my second message")
        add_message(app.db, conversation.id, "assistant", "the newest reply")
        screen = await _open_chat(pilot, app)
        await pilot.press("ctrl+o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, CopyScreen)
        await pilot.press("enter")  # the newest reply is picked first
        await pilot.pause()
        assert copied == ["the newest reply"]
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("end", "enter")  # the oldest: the person's first message, whole
        await pilot.pause()
        assert copied[-1] == "my [b]first[/b] words\nsecond line"
        await pilot.press("ctrl+o")
        await pilot.pause()
        await pilot.press("escape")  # cancelled: nothing copied, back in the chat
        await pilot.pause()
        assert len(copied) == 2 and app.screen is screen


async def test_streamed_reply_keeps_the_question_in_view_and_ends_scrolled_down(
    long_replies: None,
) -> None:
    app = make_app(settings=Settings(n_ctx=2048, temperature=0.0, max_reply_tokens=300))
    async with app.run_test(size=(100, 30)) as pilot:
        screen = await _open_chat(pilot, app)
        await pilot.press(*"Hello", "enter")
        await _wait_idle(pilot, screen)
        await pilot.press(*"Tell me a long story about a lighthouse.", "enter")
        for _ in range(2000):  # wait for the first streamed text
            await pilot.pause(0.02)
            if screen._reply is not None and screen._reply.text:
                break
        await pilot.pause(0.05)
        log = screen.log_view
        question = screen.query(".chat-user").last()
        # the new question sits at the top of the log with the reply written below it
        assert log.region.contains_region(question.region)
        assert screen._reply is not None and screen._reply.region.y > question.region.y
        assert screen._reply.region.bottom >= log.region.bottom - 1  # given the free space
        await _wait_idle(pilot, screen)
        await pilot.pause()
        reply = screen.query(".chat-reply").last()
        assert reply.region.height > log.region.height  # a long reply outgrew the space
        assert log.scroll_y == log.max_scroll_y  # and the view follows its end
        assert reply.region.bottom <= log.region.bottom + 1
