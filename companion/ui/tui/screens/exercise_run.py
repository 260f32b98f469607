"""Run one guided exercise step by step: start new, resume a draft, or do a due follow-up.

Every step is saved as a draft when the person moves on, and the field being typed is saved as
it changes (companion.core.store.drafts), so closing the terminal loses nothing. Free text is safety
screened; a crisis level opens the Help now screen (the answer is still saved). AI help is
optional: ctrl+g asks for suggestions, which are labelled and can be used (ctrl+o), edited or
ignored.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import getters, on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Static

from companion.core.exercises import AnswerError, Definition, ExerciseSession, load_all
from companion.core.exercises.engine import RiskyAnswer
from companion.core.exercises.model import Step
from companion.core.exercises.render import answer_lines
from companion.core.flows import warm
from companion.core.flows.exercise_help import suggest_for_step
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.screen_commands import ScreenActions
from companion.ui.tui.widgets.draft_saver import DraftSaver
from companion.ui.tui.widgets.focus import settle_typing
from companion.ui.tui.widgets.footer import CompanionFooter
from companion.ui.tui.widgets.step_ai import SuggestionPanel
from companion.ui.tui.widgets.step_base import StepWidget
from companion.ui.tui.widgets.step_choice import ChoiceStep
from companion.ui.tui.widgets.step_date import DateStep
from companion.ui.tui.widgets.step_list import ListStep
from companion.ui.tui.widgets.step_multichoice import MultiChoiceStep
from companion.ui.tui.widgets.step_paced import PacedStep
from companion.ui.tui.widgets.step_pros_cons import ProsConsStep
from companion.ui.tui.widgets.step_quiz import QuizStep
from companion.ui.tui.widgets.step_rated_list import RatedListStep
from companion.ui.tui.widgets.step_rating import RatingStep
from companion.ui.tui.widgets.step_static import InfoStep, ReviewStep, review_text
from companion.ui.tui.widgets.step_text import TextStep
from companion.ui.tui.widgets.step_timed import TimedStep

WIDGETS: dict[str, type[StepWidget]] = {
    "info": InfoStep,
    "text": TextStep,
    "list": ListStep,
    "rating100": RatingStep,
    "rating10": RatingStep,
    "choice": ChoiceStep,
    "multichoice": MultiChoiceStep,
    "rated_list": RatedListStep,
    "pros_cons": ProsConsStep,
    "timed": TimedStep,
    "paced": PacedStep,
    "date": DateStep,
    "quiz": QuizStep,
    "review": ReviewStep,
}
TYPED_STEPS = {"text", "list", "rated_list"}


class ExerciseRunScreen(Screen[int | None]):
    """Start ``exercise_type`` afresh, or reopen ``record_id`` (a draft or a due follow-up)."""

    app = getters.app(CompanionApp)

    CSS_PATH = "exercise_run.tcss"
    SKIP_INTRO = False  # True starts at the first step (grounding in a hard moment)
    BINDINGS = [
        Binding("ctrl+n", "next", "Next", id="exercise_next", priority=True),
        Binding("ctrl+b", "back", "Back", id="exercise_back", priority=True),
        Binding("ctrl+g", "ai_help", "Suggestions", id="exercise_suggest", priority=True),
        Binding(
            "ctrl+o", "accept", "Use suggestion", id="exercise_accept", priority=True, show=False
        ),
        Binding("escape", "leave", "Save & leave", id="exercise_leave"),
        # priority: runs when the key arrives, before later keys are sent to the old field
        Binding("enter", "enter", "Next", id="exercise_enter", show=False, priority=True),
        Binding("f5", "export_markdown", "Save as Markdown", id="exercise_export_md", show=False),
    ]
    # "Leave", not "Back": ctrl+b is Back (a step); at 80 columns ^g Suggestions then fits
    FOOTER_LABELS: ClassVar[dict[str, str]] = {"exercise_leave": "Leave"}
    COMMANDS = {ScreenActions}
    PALETTE = [
        ("Save exercise as Markdown", "Write these answers to a .md file (F5)", "export_markdown")
    ]

    def __init__(
        self,
        exercise_type: str | None = None,
        record_id: int | None = None,
        prefill: dict[str, Any] | None = None,
    ) -> None:
        super().__init__()
        if (exercise_type is None) == (record_id is None):
            raise ValueError("Give exactly one of exercise_type or record_id.")
        self.exercise_type = exercise_type
        self.record_id = record_id
        self.prefill = prefill
        self.session: ExerciseSession | None = None
        self.intro = False
        self.step_widget: StepWidget | None = None
        self._typed: tuple[Step, str] | None = None  # the field being typed, not saved yet
        self.drafts = DraftSaver(self, self._save_typed)

    # -- building -------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        with Vertical(id="ex-frame"):
            yield Static("", id="ex-title", markup=False)
            yield Static("", id="ex-progress", markup=False)
            yield Static("", id="ex-prompt", markup=False)
            yield Static("", id="ex-help", markup=False)
            with VerticalScroll(id="ex-body"):
                yield Vertical(id="ex-step")
                yield Static("", id="ex-error", markup=False)
                yield SuggestionPanel(id="ex-ai")
            with Horizontal(id="ex-buttons"):
                yield Button("Back (ctrl+b)", id="ex-back")
                yield Button("Next (ctrl+n)", id="ex-next", variant="primary")
        yield CompanionFooter(labels=self.FOOTER_LABELS)

    async def on_mount(self) -> None:
        definitions, _ = load_all()
        try:
            self.session = self._open(definitions)
        except KeyError as error:
            self.app.notify(str(error.args[0]), severity="error")
            self.app.pop_screen()
            return
        definition = self.session.definition
        phase = " · follow-up" if self.session.phase == "follow_up" else ""
        self.query_one("#ex-title", Static).update(f"{definition.title}{phase}")
        fresh = self.session.phase == "main" and self.session.index == 0
        self.intro = fresh and not self.SKIP_INTRO
        await self._show()
        # answers are safety-screened as they are submitted: load the check now, off this thread
        if warm.needed():
            self.run_worker(warm.warm_up, thread=True, group="safety-warm-up", exit_on_error=False)

    def _open(self, definitions: dict[str, Definition]) -> ExerciseSession:
        db = self.app.db
        if self.record_id is not None:
            return ExerciseSession.resume(db, definitions, self.record_id)
        key = (self.exercise_type or "").replace("-", "_")
        if key not in definitions:
            raise KeyError(f"There is no exercise called '{self.exercise_type}'.")
        return ExerciseSession.start(
            db,
            definitions[key],
            prefill=self.prefill,
            now=self.app.clock(),
        )

    # -- showing a step -------------------------------------------------------------------

    def _today(self) -> date:
        return self.app.clock().astimezone().date()

    async def _show(self) -> None:
        session = self.session
        assert session is not None
        self._clear_messages()
        holder = self.query_one("#ex-step", Vertical)
        await holder.remove_children()
        next_button = self.query_one("#ex-next", Button)
        if self.intro:
            definition = session.definition
            self.query_one("#ex-progress", Static).update(
                f"About {definition.minutes} minutes · {len(session.steps)} steps"
            )
            self.query_one("#ex-prompt", Static).update(Text(definition.summary, style="bold"))
            self.query_one("#ex-help", Static).update(" ".join(definition.psychoeducation.split()))
            widget: StepWidget = InfoStep(Step(id="intro", type="info", prompt=""))
            next_button.label = "Begin (ctrl+n)"
        elif session.current is None:
            self.query_one("#ex-progress", Static).update("Done")
            self.query_one("#ex-prompt", Static).update("This exercise is complete.")
            self.query_one("#ex-help", Static).update("Press Enter or escape to go back.")
            widget = ReviewStep(
                Step(id="done", type="review", prompt=""),
                review_text(answer_lines(session.definition, session.data)),
            )
            next_button.label = "Close (ctrl+n)"
        else:
            step = session.current
            number, total = session.progress
            self.query_one("#ex-progress", Static).update(f"Step {number} of {total}")
            self.query_one("#ex-prompt", Static).update(Text(step.prompt, style="bold"))
            hint = step.help
            if step.ai_help:
                hint = (hint + " " if hint else "") + "(ctrl+g: suggestions, optional)"
            self.query_one("#ex-help", Static).update(hint)
            widget = self._widget_for(step)
            next_button.label = "Finish (ctrl+n)" if session.is_last else "Next (ctrl+n)"
        self.step_widget = widget
        await holder.mount(widget)
        self.query_one("#ex-back", Button).disabled = self.intro or session.index == 0
        # focus now, before the next key is handled: keys typed right after Enter or ctrl+n
        # belong to the new step (the move runs inside that key's handling, see move_on)
        if widget is self.step_widget and widget.is_attached:
            widget.focus_input()

    def _widget_for(self, step: Step) -> StepWidget:
        session = self.session
        assert session is not None
        initial = session.initial_answer(step)
        if step.type in TYPED_STEPS:
            typed = session.typed_text(step)
            if typed is not None:
                initial = typed
        if step.type == "review":
            initial = review_text(*session.review_lines())
        options = tuple(session.options(step))
        if step.type == "paced":
            pattern = step.pattern or str(session.data.get(step.pattern_from) or "")
            pattern = pattern or self.app.settings.breathing_pattern
            return PacedStep(step, initial, options, pattern=pattern)
        return WIDGETS[step.type](step, initial, options)

    def _clear_messages(self) -> None:
        self.query_one("#ex-error", Static).update("")
        self.query_one("#ex-ai", SuggestionPanel).clear()

    # -- moving ---------------------------------------------------------------------------

    @on(StepWidget.Submit)
    async def _step_submitted(self, event: StepWidget.Submit) -> None:
        event.stop()
        await self.action_next()

    @on(StepWidget.Typed)
    def _step_typed(self, event: StepWidget.Typed) -> None:
        event.stop()
        session = self.session
        if session is not None and session.current is not None and not self.intro:
            self._typed = (session.current, event.text)
            self.drafts.changed()

    def _save_typed(self) -> None:
        typed, self._typed = self._typed, None
        if self.session is not None and typed is not None:
            self.session.keep_typing(*typed)

    def on_unmount(self) -> None:
        self.drafts.flush()

    @on(Button.Pressed, "#ex-next")
    async def _next_pressed(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#ex-back")
    async def _back_pressed(self) -> None:
        await self.action_back()

    async def action_enter(self) -> None:
        """Enter moves on where it means "next" (see StepWidget.enter_moves_on); elsewhere it
        does what the focused widget does with it (a new line, ticking an option)."""
        widget = self.step_widget
        focused = self.focused
        on_step = (
            widget is not None
            and focused is not None
            and (focused is widget or widget in focused.ancestors)
        )
        if not on_step or widget is None:
            raise SkipAction()
        await settle_typing(self)
        if widget.enter_moves_within():
            return
        if not widget.enter_moves_on():
            raise SkipAction()
        await self.action_next()

    async def action_next(self) -> None:
        await settle_typing(self)  # the answer includes the keys typed just before ctrl+n
        session = self.session
        if session is None or self.step_widget is None:
            return
        self.drafts.flush()
        if self.intro:
            self.intro = False
            await self._show()
            return
        if session.current is None:
            self.dismiss(session.record.id)
            return
        try:
            result = session.submit(
                self.step_widget.value(),
                today=self._today(),
                now=self.app.clock(),
            )
        except RiskyAnswer as error:  # help first; what the step needs comes after, gently
            from companion.core.safety.compose import TUI, render

            note = render(error.safety, TUI, db=session.db, with_resources=False)
            message = Text(note.removeprefix("Saved. "), style="bold")
            message.append(f"\nWhen you are ready: {error}", style="dim")
            self.query_one("#ex-error", Static).update(message)
            self.app.show_safety(error.safety)
            return
        except AnswerError as error:
            self.query_one("#ex-error", Static).update(Text(str(error), style="bold red"))
            return
        if result.safety is not None:
            self.app.show_safety(result.safety)
        if session.current is None:
            self._complete()
        else:
            await self._show()

    def _complete(self) -> None:
        session = self.session
        assert session is not None
        record = session.complete(now=self.app.clock())
        if record.follow_up_date:
            self.app.notify(f"Saved. It will come back for review on {record.follow_up_date}.")
        else:
            self.app.notify("Saved. Well done for taking the time.")
        handoff = session.handoff()
        if handoff is None or session.definition.handoff is None:
            self.dismiss(record.id)
            return
        from companion.ui.tui.modals.confirm import ConfirmScreen

        exercise, prefill = handoff
        question = session.definition.handoff.prompt or f"Start {exercise} now?"

        def answered(start: bool | None) -> None:
            self.dismiss(record.id)
            if start:
                self.app.push_screen(ExerciseRunScreen(exercise_type=exercise, prefill=prefill))

        self.app.push_screen(ConfirmScreen(question, yes="Start", no="Not now"), answered)

    async def action_back(self) -> None:
        session = self.session
        if session is None or self.intro or session.index == 0:
            return
        self.drafts.flush()
        session.back(now=self.app.clock())
        await self._show()

    def action_export_markdown(self) -> None:
        """Save the answers so far as Markdown, to a path the person can change (F5)."""
        from dataclasses import replace

        from companion.core.exercises.markdown import exercise_markdown
        from companion.core.store.markdown_export import default_path
        from companion.ui.tui.modals.save_markdown import SaveMarkdownScreen, saved_message

        if self.session is None:
            return
        record = replace(self.session.record, data=dict(self.session.data))
        text = exercise_markdown(record, self.session.definition)
        suggested = default_path(f"companion-{record.type.replace('_', '-')}-{record.id}")

        def done(path: Path | None) -> None:
            message = saved_message(path)
            if message:
                self.notify(message, markup=False)

        self.app.push_screen(SaveMarkdownScreen("this exercise", text, suggested), done)

    def action_leave(self) -> None:
        self.drafts.flush()
        session = self.session
        if session is not None and session.untouched:
            session.discard()  # nothing answered or typed: leave no "not started" draft behind
            self.dismiss(None)
            return
        if session is not None and session.record.status == "draft":
            self.app.notify("Draft saved: continue it from Exercises (h shows your history).")
        self.dismiss(session.record.id if session else None)

    # -- suggestions ----------------------------------------------------------------------

    def action_ai_help(self) -> None:
        """Suggestions for this step: the safety screen runs first, then rules and the model."""
        session = self.session
        step = session.current if session and not self.intro else None
        if session is None or step is None or not step.ai_help:
            self.app.notify("There are no suggestions for this step.")
            return
        typed = self.step_widget.value() if self.step_widget else None
        found = suggest_for_step(session, typed)
        if found.blocked and found.decision is not None:
            self.app.show_safety(found.decision)
            return
        if found.help is None:
            self.app.notify("There are no suggestions for this step.")
            return
        panel = self.query_one("#ex-ai", SuggestionPanel)
        if found.help.rules is not None:
            panel.show_rules(list(found.help.rules))
        request = found.help.request
        panel.ask(request.kind, request.variables, self.app.settings)

    def action_accept(self) -> None:
        widget = self.step_widget
        value = self.query_one("#ex-ai", SuggestionPanel).accept_value
        if value is None or widget is None:
            self.app.notify("There is no suggestion to use here.")
            return
        if isinstance(widget, MultiChoiceStep) and isinstance(value, list):
            widget.select(value)
        elif isinstance(widget, TextStep) and isinstance(value, str):
            from textual.widgets import TextArea

            area = widget.query_one("#step-text")
            if isinstance(area, TextArea):
                area.text = value
        widget.focus_input()
