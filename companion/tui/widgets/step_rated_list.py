"""Items each with a rating, typed one per line as "name 80" (e.g. emotions with intensity)."""

from __future__ import annotations

import re
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.widgets import Static, TextArea

from companion.tui.widgets.step_base import StepWidget

_LINE = re.compile(r"^(?P<name>.*?)[\s:=,]+(?P<rating>\d+)\s*%?\s*$")


def parse_rated_lines(text: str) -> list[dict[str, Any]]:
    """ "anxious 80" / "sad: 40" lines -> [{"name", "rating"}]; a missing number stays None."""
    items: list[dict[str, Any]] = []
    for line in text.splitlines():
        if not line.strip():
            continue
        match = _LINE.match(line.strip())
        if match and match.group("name").strip():
            items.append({"name": match.group("name").strip(), "rating": match.group("rating")})
        else:
            items.append({"name": line.strip(), "rating": None})
    return items


def format_rated_lines(items: Any) -> str:
    if isinstance(items, str):
        return items
    if not isinstance(items, list):
        return ""
    return "\n".join(
        f"{item.get('name', '')} {item.get('rating', '')}".strip()
        for item in items
        if isinstance(item, dict)
    )


class RatedListStep(StepWidget):
    DEFAULT_CSS = """
    RatedListStep TextArea { height: 7; }
    RatedListStep .step-hint { color: $text-muted; }
    """

    def compose(self) -> ComposeResult:
        yield Static(
            f"One {self.step.item_label} per line with a rating 0-{self.step.scale}, "
            f"e.g. 'anxious 70'.",
            classes="step-hint",
            markup=False,
        )
        yield TextArea(
            format_rated_lines(self.initial), id="step-rated", soft_wrap=True, tab_behavior="focus"
        )

    def value(self) -> Any:
        return parse_rated_lines(self.query_one("#step-rated", TextArea).text)

    def focus_input(self) -> None:
        self.query_one("#step-rated", TextArea).focus()

    @on(TextArea.Changed)
    def _typed(self, event: TextArea.Changed) -> None:
        event.stop()
        self.post_message(self.Typed(event.text_area.text))
