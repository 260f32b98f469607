"""PHQ-9 / GAD-7 in the TUI: one question at a time, keys 0-3 or arrows and Enter.

The result is saved at once and shown with its band and plain words about screening. A PHQ-9
item 9 answer above "Not at all" opens the crisis screen after saving, whatever the total.
Answers so far are kept as a draft after every key, so leaving (or a kill) loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from companion.core.flows.questionnaire import keep_answers, load_answers, submit_questionnaire
from companion.core.insights import questionnaires as q
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.footer import CompanionFooter


@dataclass
class AssessmentSaved(Message):
    """A questionnaire was completed and stored."""

    assessment_id: int
    result: q.Score


class QuestionnaireScreen(Screen[None]):
    """Fill in ``instrument`` ("phq9" or "gad7")."""

    app = getters.app(CompanionApp)

    CSS_PATH = "questionnaire.tcss"
    BINDINGS = [
        *[
            Binding(str(value), f"answer({value})", label, id=f"assess_answer_{value}", show=False)
            for value, label in q.ANSWERS
        ],
        Binding("backspace", "previous", "Previous question", id="assess_previous"),
        Binding("escape", "app.pop_screen", "Back", id="assess_back"),
    ]

    def __init__(self, instrument: str) -> None:
        super().__init__()
        self.spec = q.get_instrument(instrument)
        self.answers: list[int] = []
        self.result: q.Score | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="questionnaire-body"):
            yield Static(Text(self.spec.stem), id="questionnaire-stem")
            yield Static(id="questionnaire-progress")
            yield Static(id="questionnaire-item")
            yield OptionList(
                *[Option(f"{value}  {label}", id=f"answer-{value}") for value, label in q.ANSWERS],
                id="questionnaire-options",
                markup=False,
            )
            yield Static(
                Text("Press 0-3, or ↑ ↓ and Enter. Backspace goes back one question."),
                id="questionnaire-hint",
            )
            yield Static(id="questionnaire-result")
            yield Static(Text(q.ATTRIBUTION), id="questionnaire-attribution")
        yield CompanionFooter()

    def on_mount(self) -> None:
        self.title = self.spec.title
        self.query_one("#questionnaire-result").display = False
        self.answers = self._load_draft()
        self._show_question()

    # -- the draft ------------------------------------------------------------------------
    def _load_draft(self) -> list[int]:
        app: Any = self.app
        return load_answers(app.db, self.spec.key)

    def _save_draft(self) -> None:
        app: Any = self.app
        keep_answers(app.db, self.spec.key, self.answers)

    # -- asking ---------------------------------------------------------------------------
    def _show_question(self) -> None:
        number = len(self.answers) + 1
        total = len(self.spec.items)
        self.query_one("#questionnaire-progress", Static).update(
            Text(f"Question {number} of {total}", style="dim")
        )
        self.query_one("#questionnaire-item", Static).update(
            Text(self.spec.items[number - 1], style="bold")
        )
        options = self.query_one("#questionnaire-options", OptionList)
        options.highlighted = 0
        options.focus()

    def action_answer(self, value: int) -> None:
        if self.result is not None or not 0 <= value <= 3:
            return
        self.answers.append(value)
        if len(self.answers) < len(self.spec.items):
            self._save_draft()
            self._show_question()
        else:
            self._finish()

    def action_previous(self) -> None:
        if self.result is None and self.answers:
            self.answers.pop()
            self._save_draft()
            self._show_question()

    @on(OptionList.OptionSelected, "#questionnaire-options")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_answer(int((event.option.id or "answer-0").removeprefix("answer-")))

    # -- the result -----------------------------------------------------------------------
    def _finish(self) -> None:
        app = self.app
        submitted = submit_questionnaire(app.db, self.spec.key, self.answers, now=app.clock())
        result = self.result = submitted.score
        for selector in (
            "#questionnaire-options",
            "#questionnaire-hint",
            "#questionnaire-item",
            "#questionnaire-progress",
        ):
            self.query_one(selector).display = False
        body = self.query_one("#questionnaire-result", Static)
        lines = submitted.lines
        text = Text(lines[0], style="bold")
        for line in lines[1:]:
            text.append("\n\n" + line)
        text.append("\n\nSaved. Press Escape to go back.", style="dim")
        body.update(text)
        body.display = True
        if result.suggest_professional:
            body.add_class("-professional")
        self.post_message(AssessmentSaved(submitted.assessment_id, result))
        app.show_safety(submitted.decision)
