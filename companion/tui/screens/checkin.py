"""The mood check-in: a mood from 0 to 10, optional emotions with intensities, a note."""

from __future__ import annotations

from rich.text import Text
from textual import getters
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static

from companion.emotions import parse_emotions
from companion.store import checkins
from companion.tui.app import CompanionApp
from companion.tui.widgets.focus import settle_typing
from companion.tui.widgets.footer import CompanionFooter
from companion.tui.widgets.mood_scale import MoodScale

COMMON_EMOTIONS = "anxious, sad, angry, ashamed, lonely, calm, content, hopeful, tired, stressed"


class CheckInScreen(Screen[int | None]):
    """Dismisses with the new check-in's id, or None."""

    app = getters.app(CompanionApp)

    CSS_PATH = "checkin.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="checkin_save", priority=True),
        Binding("escape", "app.pop_screen", "Back", id="checkin_back"),
        # priority: the focus moves when Enter arrives, so what is typed right after it lands
        # in the next field ("sad 40", Enter, "long day" once gave "sad 40long day")
        Binding("enter", "next_field", "Next field", id="checkin_next", show=False, priority=True),
    ]

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="checkin-form"):
            # Static, not Label: a Static wraps at the screen's width, a Label is cut off
            yield Static(
                "How is your mood right now? 0 is the lowest, 10 the best (← → or a digit; t = 10)",
                classes="field-label",
            )
            yield MoodScale(id="mood")
            yield Static(
                Text(
                    "Emotions, with how strong each is (0-100), e.g. anxious 60, calm 20 "
                    f"(anxious=60 works too; a name alone counts as 50). Ideas: {COMMON_EMOTIONS}"
                ),
                classes="field-label",
            )
            yield Input(placeholder="anxious 60, tired 40", id="emotions")
            yield Static("A note (optional)", classes="field-label")
            yield Input(placeholder="What's going on?", id="note", max_length=2000)
            yield Static(id="checkin-error")
            with Horizontal(id="checkin-buttons"):
                yield Button("Save (ctrl+s)", id="save", variant="primary")
        yield CompanionFooter()

    def on_mount(self) -> None:
        self.query_one(MoodScale).focus()

    def action_next_field(self) -> None:
        """Enter on the mood or the emotions goes to the next field, at once."""
        if self.focused is self.query_one(MoodScale) or self.focused is self.query_one("#emotions"):
            self.focus_next()
        else:
            raise SkipAction()

    async def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "note":
            await self.action_save()

    async def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            await self.action_save()

    def _error(self, message: str) -> None:
        self.query_one("#checkin-error", Static).update(Text(message, style="bold red"))

    async def action_save(self) -> None:
        await settle_typing(self)  # the note includes the keys typed just before ctrl+s
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
        db = self.app.db
        saved = checkins.add_checkin(db, mood, emotions, note, now=self.app.clock())
        self.notify(f"Check-in saved: mood {mood}/10.")
        if note.strip():
            self.app.respond_to_user_text(note, "checkin")
        self.dismiss(saved.id)
