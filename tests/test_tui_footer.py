"""The footer at 80x24 and 120x40 (issue 15): the keys a screen names on screen are in its
footer, Help now, Esc, ^q Quit and f2 Keys always are, and no key is cut off under the palette
key. Short footer labels stand in for long descriptions only in the footer (F2 keeps them)."""

from __future__ import annotations

import io
import re
import threading
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import Button, OptionList, Static

from companion.core.config import Settings
from companion.core.llm.backend import RawStream, Request
from companion.core.store import journal
from companion.ui.tui.routes import ROUTES
from companion.ui.tui.widgets.footer import CompanionFooter
from tests.fitness_helpers import allow_model_features
from tests.test_chat_guarded import ScriptedBackend
from tests.test_tui_layout import _footer_keys_in_view as keys_in_view
from tests.tui_helpers import make_app

SMALL = (80, 24)
WIDE = (120, 40)
APP_KEYS = {"f1", "ctrl+q", "f2"}  # Help now, Quit, Keys: on every screen, at every width

# Every screen with a footer: the routes, Help now, a guided exercise and one journal entry.
SCREENS = ["home", *ROUTES, "crisis", "exercise_run", "entry_view"]

# Keys a screen's text names that its footer cannot hold at 80 columns, and why. Insights: Esc,
# p Period, y Calendar and r Reflect fill the row; the empty questionnaire panel that says
# "Press a for the PHQ-9 ... or g for the GAD-7" names its keys itself (F2 lists them too).
NAMED_BUT_LEFT_OUT = {("insights", SMALL): {"a", "g"}}

# "Press m", "(ctrl+b)", "Ctrl+S saves", "F4 to share", "Esc stops", "Safety plan (p)"
HINTS = (
    re.compile(r"\bpress (\S+?)(?=[\s.,;:)]|$)", re.IGNORECASE),
    re.compile(r"\((\w)\)"),
    re.compile(r"\b(ctrl\+\w)\b", re.IGNORECASE),
    re.compile(r"\b(f\d{1,2}|esc|escape)\b", re.IGNORECASE),
)


async def _settle(pilot: Any) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def _open(pilot: Any, screen: str) -> None:
    """Show ``screen`` as a person would reach it."""
    app = pilot.app
    await _settle(pilot)
    if screen == "crisis":
        await pilot.press("f1")
    elif screen == "exercise_run":
        app.start_exercise("thought_record")
    elif screen == "entry_view":
        from companion.ui.tui.screens.entry_view import EntryViewScreen

        app.push_screen(EntryViewScreen(journal.add_entry(app.db, "A calm walk.").id))
    elif screen != "home":
        app.action_open(screen)
    await _settle(pilot)
    await _settle(pilot)


def _labels(app: Any) -> dict[str, str]:
    """The footer's keys, each with the label it shows."""
    return {key.key: key.description for key in app.screen.query("FooterKey")}


def _visible_text(app: Any) -> str:
    """What the screen itself says (not its footer): labels, buttons and panel titles."""
    parts: list[str] = []
    for widget in app.screen.query("*"):
        if not widget.region.area or isinstance(widget, CompanionFooter):
            continue
        if isinstance(widget, Button):
            parts.append(str(widget.label))
        elif isinstance(widget, Static):
            parts.append(str(widget.render()))
        elif isinstance(widget, OptionList):
            parts += [str(option.prompt) for option in widget.options]
        parts += [str(t) for t in (widget.border_title, widget.border_subtitle) if t]
    return "\n".join(parts)


def _named_keys(app: Any) -> set[str]:
    """The footer keys the screen's text tells a person to press ("Press m", "(ctrl+g)"):
    hinted keys bound on this screen and shown in footers (Enter, digits, keys of other
    screens and keys kept out of every footer are not counted)."""
    footer_keys = {
        binding.key for (_, binding, _, _) in app.screen.active_bindings.values() if binding.show
    }
    named = set()
    for pattern in HINTS:
        for match in pattern.finditer(_visible_text(app)):
            token = match.group(1).lower()
            key = "escape" if token in ("esc", "escape") else token
            if key in footer_keys:
                named.add(key)
    return named


@pytest.mark.parametrize("size", [SMALL, WIDE], ids=["80x24", "120x40"])
@pytest.mark.parametrize("screen", SCREENS)
async def test_every_footer_holds_the_keys_its_screen_names(
    screen: str, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await _open(pilot, screen)
        shown = set(keys_in_view(app))
        footer = app.screen.query_one(CompanionFooter)
        composed = set(_labels(app)) - {"ctrl+p"}
        offered = {binding.key for (_, binding, _, _) in app.screen.active_bindings.values()}
        named = _named_keys(app)
        first = {
            active.binding.key
            for active in app.screen.active_bindings.values()
            if active.binding.id in footer.first
        }
    assert shown >= APP_KEYS
    assert "escape" in shown or "escape" not in offered
    assert composed == shown  # every key in the row is whole, none cut off under ^p palette
    assert first <= shown  # the keys the screen puts first fit
    assert named - NAMED_BUT_LEFT_OUT.get((screen, size), set()) <= shown


async def test_home_footer_shows_every_quick_action_it_offers_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await _settle(pilot)
        shown = keys_in_view(app)
        labels = _labels(app)
    assert {"n", "j", "m", "e", "c"} | APP_KEYS <= set(shown)
    assert labels["m"] == "Mood" and labels["e"] == "Exercises" and labels["f1"] == "Help now"


async def test_exercise_run_footer_shows_suggestions_at_80x24() -> None:
    app = make_app(start=("exercise", "thought_record"))
    async with app.run_test(size=SMALL) as pilot:
        await _settle(pilot)
        await pilot.press("ctrl+n")  # past the introduction, to the first step
        await _settle(pilot)
        shown = keys_in_view(app)
        labels = _labels(app)
    assert {"ctrl+g", "ctrl+n", "ctrl+b", "escape"} | APP_KEYS <= set(shown)
    assert labels["ctrl+g"] == "Suggestions"
    assert labels["escape"] == "Leave" and labels["ctrl+b"] == "Back"  # two keys, two words


async def test_exercises_footer_shows_the_keys_its_intro_names_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=SMALL) as pilot:
        await _open(pilot, "exercises")
        shown = keys_in_view(app)
    assert {"h", "d", "escape"} <= set(shown)  # "h shows your history; d discards ..."


async def test_short_labels_only_when_the_row_is_short_and_f2_keeps_the_long_ones() -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await _settle(pilot)
        wide = _labels(app)
        await pilot.resize_terminal(*SMALL)
        await _settle(pilot)
        small = _labels(app)
        await pilot.press("f2")
        await _settle(pilot)
        out = io.StringIO()
        Console(width=80, file=out).print(app.screen.query_one("KeyPanel BindingsTable").render())
    assert wide["m"] == "Mood check-in" and wide["n"] == "New journal entry"
    assert small["m"] == "Mood" and small["n"] == "New"
    assert "Mood check-in" in out.getvalue() and "New journal entry" in out.getvalue()


class HeldBackend(ScriptedBackend):
    """Writes its reply only once ``release`` is set: a reply that is still being written."""

    def __init__(self) -> None:
        super().__init__("That sounds like a heavy week.")
        self.release = threading.Event()

    def _raw_stream(self, request: Request) -> tuple[RawStream, int]:
        words, limit = super()._raw_stream(request)

        def held() -> RawStream:
            self.release.wait(30)
            yield from words

        return held(), limit


async def test_chat_footer_says_stop_while_a_reply_is_written(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    backend = HeldBackend()
    monkeypatch.setattr("companion.ui.tui.model_loader.engine_for", lambda settings: backend)
    allow_model_features(monkeypatch)
    app = make_app(settings=Settings(n_ctx=4096, temperature=0.0))
    async with app.run_test(size=SMALL) as pilot:
        await _open(pilot, "chat")
        screen = app.screen
        assert _labels(app)["escape"] == "Back"
        await pilot.press(*"hello", "enter")
        for _ in range(500):
            await pilot.pause(0.02)
            if getattr(screen, "busy", False):
                break
        await pilot.pause()
        await pilot.pause()
        during = _labels(app)["escape"]
        backend.release.set()
        for _ in range(500):
            await pilot.pause(0.02)
            if not getattr(screen, "busy", True):
                break
        await _settle(pilot)
        after = _labels(app)["escape"]
    assert (during, after) == ("Stop", "Back")
