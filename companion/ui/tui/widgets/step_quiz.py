"""A practice question: pick an option (Enter), read the feedback, Enter again to go on."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option as ListOption

from companion.ui.tui.widgets.focus import focus_now
from companion.ui.tui.widgets.step_base import StepWidget


def feedback(correct: tuple[str, ...], explanation: str, chosen: str, label: str) -> Text:
    """Kind feedback on a practice answer, right or not."""
    if chosen in correct:
        text = Text(f"Yes: {label} fits well. ", style="bold green")
    else:
        text = Text(f"{label} could be part of it. A common reading: ", style="bold")
    text.append(explanation)
    text.append("\nPress Enter to go on.", style="dim")
    return text


class QuizStep(StepWidget):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.answered: str | None = self.initial if isinstance(self.initial, str) else None

    def compose(self) -> ComposeResult:
        yield OptionList(
            *[ListOption(Text(o.label), id=f"o{n}") for n, o in enumerate(self.options)],
            id="step-quiz",
        )
        yield Static("", id="quiz-feedback", classes="quiz-feedback")

    def value(self) -> Any:
        return self.answered

    def enter_moves_on(self) -> bool:
        """The second Enter on the answered option goes on (the first shows the feedback)."""
        listing = self.query_one("#step-quiz", OptionList)
        index = listing.highlighted
        return index is not None and self.answered == self.options[index].value

    def focus_input(self) -> None:
        focus_now(self.query_one("#step-quiz", OptionList))

    @on(OptionList.OptionSelected)
    def _selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option = self.options[event.option_index]
        if self.answered == option.value:
            self.post_message(self.Submit())
            return
        self.answered = option.value
        self.query_one("#quiz-feedback", Static).update(
            feedback(self.step.correct, self.step.explanation, option.value, option.label)
        )
