"""Steps with nothing to type: an explanation to read, or the review of every answer."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Static

from companion.ui.tui.widgets.step_base import StepWidget


def review_text(lines: list[tuple[str, str]], extra: list[str] | None = None) -> Text:
    """(prompt, answer) pairs as literal text: the person's words are never markup."""
    text = Text()
    for prompt, answer in lines:
        text.append(prompt + "\n", style="bold")
        text.append(answer + "\n\n")
    for line in extra or []:
        text.append(line + "\n", style="italic")
    return text


class InfoStep(StepWidget, can_focus=True):
    BINDINGS = [Binding("enter", "done", "Next", id="info_next")]

    def compose(self) -> ComposeResult:
        yield Static("Press Enter when you are ready.", classes="step-hint", markup=False)

    def enter_moves_on(self) -> bool:
        return True

    def action_done(self) -> None:
        self.post_message(self.Submit())


class ReviewStep(StepWidget, can_focus=True):
    """``initial`` is the review text (built by the screen from the answers)."""

    BINDINGS = [Binding("enter", "done", "Finish", id="review_finish")]

    def compose(self) -> ComposeResult:
        body = self.initial if isinstance(self.initial, Text) else Text(str(self.initial or ""))
        with VerticalScroll(id="review-scroll"):
            yield Static(body, id="review-body")

    def value(self) -> Any:
        return None

    def enter_moves_on(self) -> bool:
        return True

    def action_done(self) -> None:
        self.post_message(self.Submit())
