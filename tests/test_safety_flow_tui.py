"""Pilot tests of the safety flow in the app: a crisis in chat opens Help now and suspends the
model with a choice to carry on; Help now shows the emergency number and abuse lines first when
someone else is the danger; with no country known it asks once; a risky exercise answer gets
help before the step's own validation."""

from __future__ import annotations

from typing import Any

from textual.widgets import Button, Select, Static

from companion.core.config import Settings
from companion.core.safety.flow import Resource, SafetyDecision
from companion.core.safety.replies import ReplyName
from companion.core.safety.types import Category, Layer, Level, SafetyAssessment
from companion.core.store.app_state import get_setting, set_setting
from companion.core.store.conversations import list_conversations, list_messages
from companion.ui.tui.screens.chat import ChatScreen
from companion.ui.tui.screens.crisis import CrisisScreen
from tests.tui_helpers import make_app

SETTINGS = Settings(n_ctx=1024, temperature=0.0, max_reply_tokens=16)


def _text(app: Any, selector: str) -> str:
    return str(app.screen.query_one(selector, Static).render())


async def _wait(pilot: Any, condition: Any, tries: int = 2000) -> None:
    for _ in range(tries):
        await pilot.pause(0.02)
        if condition():
            return
    raise AssertionError("the condition never held")


async def test_crisis_in_chat_opens_help_now_then_holds_the_model_until_carry_on() -> None:
    app = make_app(settings=SETTINGS)
    async with app.run_test(size=(100, 32)) as pilot:
        set_setting(app.db, "country", "GB")
        app.action_open("chat")
        await pilot.pause()
        chat = app.screen
        assert isinstance(chat, ChatScreen)
        await pilot.press(*"I want to kill myself tonight", "enter")
        await _wait(pilot, lambda: isinstance(app.screen, CrisisScreen))
        assert "999" in _text(app, "#crisis-emergency")
        await pilot.press("escape")
        await _wait(pilot, lambda: not chat.busy and app.screen is chat)
        assert chat.query("#chat-carry-on")  # the explicit choice is on screen
        # the plea right after goes to the scripted reply, never the model
        await pilot.press(*"I don't want to call anyone. Can you just talk to me?", "enter")
        await _wait(pilot, lambda: not chat.busy and len(chat.query(".chat-notice")) >= 2)
        conversation = list_conversations(app.db)[0]
        messages = list_messages(app.db, conversation.id)
        assert [m.meta.get("kind") for m in messages if m.role == "assistant"] == [
            "crisis",
            "suspended",
        ]
        assert all(m.model is None for m in messages)
        notice = chat.query(".chat-notice").last()
        assert "Samaritans" in notice.text and "carry on" in notice.text.lower()  # type: ignore[attr-defined]
        assert len(chat.query("#chat-carry-on")) == 1
        # the choice to carry on
        chat.query_one("#chat-carry-on", Button).press()
        await _wait(pilot, lambda: not chat.query("#chat-carry-on"))
        last = list_messages(app.db, conversation.id)[-1]
        assert last.meta["kind"] == "carried_on" and last.meta["risk"]["carry_on"] is True
        # a quiet message now reaches the model again
        await pilot.press(*"Can we talk about my week?", "enter")

        def answered() -> (
            bool
        ):  # the reply is stored (a short capped reply may finish between polls)
            last = list_messages(app.db, conversation.id)[-1]
            return not chat.busy and last.role == "assistant" and last.model is not None

        await _wait(pilot, answered, tries=20000)  # the model writes (2 busy cores)
        reply = list_messages(app.db, conversation.id)[-1]
        assert reply.role == "assistant", [str(n.render()) for n in chat.query(".chat-notice")]
        assert reply.meta.get("author") in {"model", "guard"} and reply.model is not None


async def test_help_now_for_danger_from_others_shows_emergency_and_abuse_lines() -> None:
    from companion.ui.tui.screens.crisis import CrisisScreen

    assessment = SafetyAssessment(
        Level.CRISIS, ("threatened_now",), Category.FROM_OTHERS, Layer.LEARNED
    )
    decision = SafetyDecision(
        assessment,
        ReplyName.FROM_OTHERS,
        (Resource.EMERGENCY, Resource.ABUSE_LINES, Resource.CHILD_LINES, Resource.CRISIS_LINES),
        False,
        True,
    )
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        set_setting(app.db, "country", "GB")
        app.push_screen(CrisisScreen(detected=True, decision=decision))
        await pilot.pause()
        assert "might not be safe" in _text(app, "#crisis-message")
        assert "press 55" in _text(app, "#crisis-message")
        danger = _text(app, "#crisis-danger")
        assert "0808 2000 247" in danger and "0800 1111" in danger


async def test_with_no_country_help_now_asks_once_and_shows_findahelpline(
    monkeypatch: Any,
) -> None:
    import locale

    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.setenv(name, "C")
    monkeypatch.setattr(locale, "getlocale", lambda *args: (None, None))
    app = make_app()
    async with app.run_test(size=(100, 40)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert "findahelpline.com" in _text(app, "#crisis-ask-country")
        assert "local emergency number" in _text(app, "#crisis-emergency")
        assert app.focused is app.screen.query_one("#crisis-country", Select)
        assert get_setting(app.db, "country_asked_utc")
        await pilot.press("escape")
        await pilot.press("f1")
        await pilot.pause()
        assert app.focused is not app.screen.query_one("#crisis-country", Select)  # once only
        app.screen.query_one("#crisis-country", Select).value = "IE"
        await pilot.pause()
        assert "116 123" in _text(app, "#crisis-helplines")
        assert not app.screen.query("#crisis-ask-country")


async def test_risky_exercise_answer_gets_help_before_the_steps_validation() -> None:
    from companion.ui.tui.screens.exercise_run import ExerciseRunScreen

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.push_screen(ExerciseRunScreen(exercise_type="three_good_things"))
        await pilot.pause()
        await pilot.press("enter")  # past the introduction
        await pilot.pause()
        await pilot.press(*"Nothing. I don't see the point of going on anymore.", "ctrl+n")
        await pilot.pause()
        error = _text(app, "#ex-error")
        assert not error.startswith("Please add")
        assert "F1" in error and "When you are ready: Please add at least 3" in error
        from companion.core.store.safety_records import list_safety_events

        assert list_safety_events(app.db)[0]["source"] == "exercise"
