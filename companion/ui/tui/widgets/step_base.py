"""The shared shape of a step widget: give back the raw answer, ask to move on, report typing."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import on
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input

from companion.core.exercises.model import Option, Step
from companion.ui.tui.widgets.focus import focus_now


class StepWidget(Widget):
    """One exercise step's input. Subclasses implement ``value`` and ``focus_input``."""

    DEFAULT_CSS = """
    StepWidget { height: auto; }
    """

    @dataclass
    class Submit(Message):
        """The person asked to go on (Enter on a one-line field, a choice picked, time up)."""

    @dataclass
    class Typed(Message):
        """Text changed: the screen saves it as a draft so a kill loses nothing."""

        text: str

    def __init__(
        self,
        step: Step,
        initial: Any = None,
        options: tuple[Option, ...] = (),
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.step = step
        self.initial = initial
        self.options = options

    def value(self) -> Any:
        """The raw answer as the engine's validation expects it."""
        return None

    def focus_input(self) -> None:
        """Put the keyboard focus where the person types (at once: see ``focus_now``)."""
        focus_now(self)

    def enter_moves_on(self) -> bool:
        """True when Enter on this step means "next": the screen then moves on inside the
        handling of that key, so keys typed right after it belong to the next step."""
        return False

    def enter_moves_within(self) -> bool:
        """Handle an Enter that moves to another field of this step (True when it did)."""
        return False


class OneFieldStep(StepWidget):
    """A step answered in one Input whose id is ``FIELD_ID``: Enter moves on."""

    FIELD_ID = "step-field"

    def value(self) -> Any:
        return self.query_one(f"#{self.FIELD_ID}", Input).value

    def focus_input(self) -> None:
        focus_now(self.query_one(f"#{self.FIELD_ID}", Input))

    def enter_moves_on(self) -> bool:
        return True

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submit())
