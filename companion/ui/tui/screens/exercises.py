"""The exercises menu: due follow-ups and unfinished drafts first, then every exercise."""

from __future__ import annotations

from typing import Any

from rich.console import Group
from rich.padding import Padding
from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion.core.exercises import (
    Definition,
    definition_problems,
    due_follow_ups,
    exercise_title,
    load_definitions,
)
from companion.core.exercises.render import first_text
from companion.core.store import exercise_records as records
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.footer import CompanionFooter


class ExerciseListScreen(Screen[None]):
    app = getters.app(CompanionApp)

    CSS_PATH = "exercises.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="exercises_back"),
        Binding("b", "open_breathing", "Breathing", id="exercises_breathing"),
        Binding("g", "open_grounding", "Grounding", id="exercises_grounding"),
        Binding("h", "history", "History", id="exercises_history"),
        Binding("d", "discard", "Discard", id="exercises_discard"),
    ]
    FOOTER_FIRST = ("exercises_history", "exercises_discard")  # the keys the intro names

    def compose(self) -> ComposeResult:
        with Vertical(id="exercises-frame"):
            yield Static("Exercises", id="exercises-title")
            yield Static(
                "Guided self-help skills practice. Enter starts or continues one; "
                "h shows your history; d discards the highlighted draft.",
                id="exercises-intro",
            )
            yield OptionList(id="exercise-list")
            yield Static("", id="exercise-problems", markup=False)
        yield CompanionFooter(first=self.FOOTER_FIRST)

    def on_mount(self) -> None:
        self.refresh_list()
        self.query_one("#exercise-list", OptionList).focus()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def refresh_list(self) -> None:
        db = self.app.db
        definitions = load_definitions()
        today = self.app.clock().astimezone().date()
        listing = self.query_one("#exercise-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        options: list[Option | None] = []
        due = due_follow_ups(db, today, definitions)
        if due:
            options.append(Option(Text("Due for review", style="bold"), disabled=True))
            options += [
                Option(Text(f"  {item.line}"), id=f"record:{item.record_id}") for item in due
            ]
        drafts = records.list_exercises(db, status=records.DRAFT, limit=10)
        drafts = [d for d in drafts if d.type in definitions]
        if drafts:
            options.append(Option(Text("Continue", style="bold"), disabled=True))
            for draft in drafts:
                definition = definitions[draft.type]
                about = first_text(definition, draft.data) or "not started"
                label = f"  {definition.title} ({draft.local_date}): {about}"
                options.append(Option(Text(label), id=f"record:{draft.id}"))
        options.append(Option(Text("Start an exercise", style="bold"), disabled=True))
        options += [self._entry(d) for d in definitions.values()]
        listing.add_options(options)
        if highlighted is not None and highlighted < listing.option_count:
            listing.highlighted = highlighted
        problems = definition_problems()
        shown = self.query_one("#exercise-problems", Static)
        shown.update("\n".join(f"Skipped {p}" for p in problems))
        shown.display = bool(problems)  # no blank row above the footer

    def _entry(self, definition: Definition) -> Option:
        title = Text(f"  {definition.title}", style="bold")
        title.append(f"  ~{definition.minutes} min", style="")
        # the summary keeps its indent when it wraps at 80 columns
        summary = Padding(Text(definition.summary), (0, 0, 0, 4))
        return Option(Group(title, summary), id=f"new:{definition.name}")

    @on(OptionList.OptionSelected, "#exercise-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        from companion.ui.tui.screens.exercise_run import ExerciseRunScreen

        kind, _, value = (event.option.id or "").partition(":")
        screen: Any
        if kind == "new":
            screen = ExerciseRunScreen(exercise_type=value)
        elif kind == "record":
            screen = ExerciseRunScreen(record_id=int(value))
        else:
            return
        self.app.push_screen(screen)

    def action_history(self) -> None:
        from companion.ui.tui.screens.exercise_history import ExerciseHistoryScreen

        self.app.push_screen(ExerciseHistoryScreen())

    def action_discard(self) -> None:
        """Delete the highlighted unfinished exercise, after asking."""
        listing = self.query_one("#exercise-list", OptionList)
        if listing.highlighted is None:
            return
        kind, _, value = (listing.get_option_at_index(listing.highlighted).id or "").partition(":")
        db = self.app.db
        record = records.get_exercise(db, int(value)) if kind == "record" else None
        if record is None or record.status != records.DRAFT:
            self.notify("Highlight an unfinished exercise under Continue to discard it.")
            return
        from companion.ui.tui.modals.confirm import ConfirmScreen

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                records.delete_exercise(db, record.id)
                self.notify("Draft discarded.")
                self.refresh_list()

        title = exercise_title(record.type)
        question = f"Discard the unfinished {title} of {record.local_date}?"
        self.app.push_screen(ConfirmScreen(question, yes="Discard"), answered)

    def action_open_breathing(self) -> None:
        from companion.ui.tui.screens.breathing import BreathingScreen

        self.app.push_screen(BreathingScreen())

    def action_open_grounding(self) -> None:
        from companion.ui.tui.screens.grounding import GroundingScreen

        self.app.push_screen(GroundingScreen())
