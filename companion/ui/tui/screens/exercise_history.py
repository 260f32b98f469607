"""Exercise history: every record, newest first, with its answers; drafts continue or go.

The app's view of `companion exercise history`, the list above the answers at 80 columns and
beside them from 100 (``-wide``). Enter continues a draft (or a due follow-up) and
shows a finished record's answers; d deletes the highlighted record after asking, naming it.
"""

from __future__ import annotations

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from companion.core.exercises import Definition, load_definitions
from companion.core.exercises.render import answer_lines, first_text
from companion.core.store import exercise_records as records
from companion.core.store.exercise_records import ExerciseRecord
from companion.core.textfmt import literal
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.footer import CompanionFooter
from companion.ui.tui.widgets.rows import empty_option

LIMIT = 200


class ExerciseHistoryScreen(Screen[None]):
    app = getters.app(CompanionApp)

    CSS_PATH = "exercises.tcss"
    # from 100 columns the list and the answers sit side by side, each the full height
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="history_back"),
        Binding("d", "delete", "Delete", id="history_delete"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self.records: dict[int, ExerciseRecord] = {}
        self.definitions: dict[str, Definition] = {}

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="history-frame"):
            yield OptionList(id="history-list")
            with VerticalScroll(id="history-detail"):
                yield Static(id="history-answers")
        yield CompanionFooter()

    def on_mount(self) -> None:
        self.query_one("#history-list").border_title = "Exercise history, newest first"
        self.query_one("#history-detail").border_title = "Answers"
        self.refresh_list()
        self.query_one("#history-list").focus()

    def on_screen_resume(self) -> None:
        self.refresh_list()

    def _title(self, record: ExerciseRecord) -> str:
        definition = self.definitions.get(record.type)
        return definition.title if definition else record.type

    def refresh_list(self) -> None:
        self.definitions = load_definitions()
        found = records.list_exercises(self.app.db, limit=LIMIT)
        self.records = {record.id: record for record in found}
        listing = self.query_one("#history-list", OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        if not found:
            listing.add_option(empty_option("No exercises yet. Esc, then Enter on one to begin."))
            self.query_one("#history-answers", Static).update("")
            return
        for record in found:
            definition = self.definitions.get(record.type)
            about = first_text(definition, record.data, 50) if definition else ""
            status = "draft" if record.status == records.DRAFT else "done"
            if record.follow_up_date:
                status += f", follow-up {record.follow_up_date}"
            label = Text(f"{record.local_date}  ", style="dim")
            label.append(self._title(record), style="bold")
            label.append(f"  ({status})", style="dim")
            if about:
                label.append_text(literal(f"  {about}"))
            listing.add_option(Option(label, id=f"record:{record.id}"))
        count = listing.option_count
        listing.highlighted = min(highlighted, count - 1) if highlighted is not None else 0

    def _highlighted(self) -> ExerciseRecord | None:
        listing = self.query_one("#history-list", OptionList)
        if listing.highlighted is None:
            return None
        option_id = listing.get_option_at_index(listing.highlighted).id or ""
        if not option_id.startswith("record:"):
            return None
        return self.records.get(int(option_id.removeprefix("record:")))

    @on(OptionList.OptionHighlighted, "#history-list")
    def _show_answers(self) -> None:
        record = self._highlighted()
        answers = self.query_one("#history-answers", Static)
        definition = self.definitions.get(record.type) if record else None
        if record is None or definition is None:
            answers.update("")
            return
        text = Text()
        for prompt, answer in answer_lines(definition, record.data):
            text.append(f"{prompt}\n", style="bold")
            text.append_text(literal(f"{answer}\n\n"))
        if not text:
            text = Text("Nothing answered yet. Enter continues it; d deletes it.", style="dim")
        answers.update(text)

    @on(OptionList.OptionSelected, "#history-list")
    def _open(self) -> None:
        record = self._highlighted()
        if record is None:
            return
        if record.status == records.DRAFT or record.follow_up_date:
            from companion.ui.tui.screens.exercise_run import ExerciseRunScreen

            self.app.push_screen(ExerciseRunScreen(record_id=record.id))
        else:
            self.query_one("#history-detail").focus()

    def action_delete(self) -> None:
        record = self._highlighted()
        if record is None:
            return
        from companion.ui.tui.modals.confirm import ConfirmScreen

        def answered(confirmed: bool | None) -> None:
            if confirmed:
                records.delete_exercise(self.app.db, record.id)
                self.app.scrub_in_background()
                self.notify("Exercise record deleted.")
                self.refresh_list()

        kind = "draft" if record.status == records.DRAFT else "record"
        question = f"Delete the {self._title(record)} {kind} of {record.local_date} for good?"
        self.app.push_screen(ConfirmScreen(question), answered)
