"""Items each with a rating, typed as "name 80" (e.g. emotions with intensity).

Emotions may be comma-separated ("anxious 80, ashamed 60"); other items (situations, which may
contain commas) go one per line. The parsing is companion.core.emotions, shared with the
check-in and the CLI."""

from __future__ import annotations

from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from companion.core.emotions import format_rated, parse_rated
from companion.ui.tui.widgets.focus import focus_now
from companion.ui.tui.widgets.step_base import StepWidget


def parse_rated_lines(text: str, *, split_every_comma: bool = True) -> list[dict[str, Any]]:
    """ "anxious 80, sad 40" or one per line -> [{"name", "rating"}]; a missing number is None."""
    return [
        {"name": item.name, "rating": item.rating}
        for item in parse_rated(text, split_every_comma=split_every_comma)
    ]


def format_rated_lines(items: Any) -> str:
    return format_rated(items)


class RatedListStep(StepWidget):
    @property
    def commas_separate(self) -> bool:
        """Emotions are words, so a comma always separates two; situations may hold commas."""
        return self.step.item_label == "emotion"

    def hint(self) -> str:
        step = self.step
        example = step.placeholder or (
            "anxious 70, sad 40" if self.commas_separate else f"a {step.item_label} 40"
        )
        where = "commas or new lines between them" if self.commas_separate else "one per line"
        also = " 'anxious=70' works too." if self.commas_separate else ""
        return f"Each {step.item_label} with a rating 0-{step.scale} ({where}), e.g. '{example}'.{also}"

    def compose(self) -> ComposeResult:
        yield Static(self.hint(), classes="step-hint", markup=False)
        yield TextArea(
            format_rated_lines(self.initial), id="step-rated", soft_wrap=True, tab_behavior="focus"
        )

    def on_mount(self) -> None:
        area = self.query_one("#step-rated", TextArea)
        area.move_cursor(area.document.end)  # type after what was filled in, never before it

    def value(self) -> Any:
        text = self.query_one("#step-rated", TextArea).text
        return parse_rated_lines(text, split_every_comma=self.commas_separate)

    def focus_input(self) -> None:
        focus_now(self.query_one("#step-rated", TextArea))

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Typed(event.text_area.text))
