"""The mood check-in: a mood from 0 to 10, optional emotions with intensities, a note."""

from __future__ import annotations

import re

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Label, Static

from companion.store import checkins
from companion.tui.widgets.footer import CompanionFooter
from companion.tui.widgets.mood_scale import MoodScale

COMMON_EMOTIONS = "anxious, sad, angry, ashamed, lonely, calm, content, hopeful, tired, stressed"
_EMOTION = re.compile(r"^\s*(?P<name>[^\d,=:]+?)\s*[=: ]\s*(?P<value>\d{1,3})\s*$")


def parse_emotions(text: str) -> dict[str, int]:
    """'anxious 60, sad 30' -> {'anxious': 60, 'sad': 30}; a name alone counts as 50."""
    result: dict[str, int] = {}
    for part in text.split(","):
        if not part.strip():
            continue
        match = _EMOTION.match(part)
        if match:
            name, value = match.group("name").strip(), int(match.group("value"))
        elif not any(ch.isdigit() for ch in part):
            name, value = part.strip(), 50
        else:
            raise ValueError(
                f"Write each emotion as a name and 0-100, like 'anxious 60' (not {part.strip()!r})."
            )
        if not 0 <= value <= 100:
            raise ValueError(f"The intensity of {name!r} must be 0-100, not {value}.")
        result[name.lower()] = value
    return result


class CheckInScreen(Screen[int | None]):
    """Dismisses with the new check-in's id, or None."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="checkin_save", priority=True),
        Binding("escape", "app.pop_screen", "Back", id="checkin_back"),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="checkin-form"):
            yield Label(
                "How is your mood right now? 0 is the lowest, 10 the best (← → or a digit; t = 10)"
            )
            yield MoodScale(id="mood")
            yield Label(
                Text(
                    f"Emotions, with how strong each is (0-100), e.g. anxious 60, calm 20. Ideas: {COMMON_EMOTIONS}"
                )
            )
            yield Input(placeholder="anxious 60, tired 40", id="emotions")
            yield Label("A note (optional)")
            yield Input(placeholder="What's going on?", id="note", max_length=2000)
            yield Static(id="checkin-error")
            with Horizontal(id="checkin-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
        yield CompanionFooter()

    def on_mount(self) -> None:
        self.query_one(MoodScale).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "emotions":
            self.query_one("#note", Input).focus()
        else:
            self.action_save()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.action_save()

    def _error(self, message: str) -> None:
        self.query_one("#checkin-error", Static).update(Text(message, style="bold red"))

    def action_save(self) -> None:
        mood = self.query_one(MoodScale).value
        if mood is None:
            self._error("Choose a mood from 0 to 10 first.")
            self.query_one(MoodScale).focus()
            return
        try:
            emotions = parse_emotions(self.query_one("#emotions", Input).value)
        except ValueError as error:
            self._error(str(error))
            self.query_one("#emotions", Input).focus()
            return
        note = self.query_one("#note", Input).value
        db = self.app.db  # type: ignore[attr-defined]
        saved = checkins.add_checkin(db, mood, emotions, note, now=self.app.clock())  # type: ignore[attr-defined]
        self.notify(f"Check-in saved: mood {mood}/10.")
        if note.strip():
            self.app.respond_to_user_text(note, "checkin")  # type: ignore[attr-defined]
        self.dismiss(saved.id)
