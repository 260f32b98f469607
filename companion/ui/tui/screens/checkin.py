"""The mood check-in: a mood from 0 to 10, optional emotions with intensities, a note.

The note is kept as a draft while it is typed (the same ``DraftSaver`` as the journal editor),
so closing the app or a kill loses at most the last second of it; it comes back next time.
"""

from __future__ import annotations

from rich.text import Text
from textual import getters, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Input, Static

from companion.core.flows import warm
from companion.core.flows.checkin import parse_checkin, record_checkin
from companion.core.flows.drafts import CHECKIN_NOTE
from companion.core.flows.errors import NotSaved
from companion.core.store import drafts
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.draft_saver import DraftSaver
from companion.ui.tui.widgets.focus import settle_typing
from companion.ui.tui.widgets.footer import CompanionFooter
from companion.ui.tui.widgets.mood_scale import MoodScale

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

    def __init__(self) -> None:
        super().__init__()
        self.drafts = DraftSaver(self, self.save_draft)
        self._note = ""  # the note as of its last change (saved by ``drafts``)
        self._finished = False  # saved: no draft may be written after this

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
        note = drafts.load_draft(self.app.db, str(CHECKIN_NOTE))
        if note is not None:
            self._note = note
            self.query_one("#note", Input).value = note
            self.notify("Your unfinished note is back.")
        self.query_one(MoodScale).focus()
        # the crisis check loads on first use: load it now, not when ctrl+s is pressed
        if warm.needed():
            self.run_worker(warm.warm_up, thread=True, group="safety-warm-up", exit_on_error=False)

    def on_unmount(self) -> None:
        self.drafts.flush()  # quitting the app with the note half-typed keeps it

    @on(Input.Changed, "#note")
    def _note_changed(self, event: Input.Changed) -> None:
        if self._finished:  # a change that arrives after saving must not revive a draft
            return
        self._note = event.value
        self.drafts.changed()

    def save_draft(self) -> None:
        """Write the note as it was last changed (a blank note clears the draft)."""
        drafts.save_draft(self.app.db, str(CHECKIN_NOTE), self._note)

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
        emotions = self.query_one("#emotions", Input)
        note = self.query_one("#note", Input).value
        try:
            given = parse_checkin(self.query_one(MoodScale).value, emotions.value, note)
        except NotSaved as error:
            self._error(str(error))
            (emotions if error.field == "emotions" else self.query_one(MoodScale)).focus()
            return
        db = self.app.db
        saved = record_checkin(db, given, now=self.app.clock())
        self._finished = True
        self.drafts.cancel()
        drafts.discard_draft(db, str(CHECKIN_NOTE))
        self.notify(f"Check-in saved: mood {given.mood}/10.")
        if saved.decision is not None:
            self.app.show_safety(saved.decision)
        self.dismiss(saved.checkin_id)
