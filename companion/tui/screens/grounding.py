"""5-4-3-2-1 grounding (also opened from the crisis screen): the grounding exercise, saved
like any other so nothing typed is lost."""

from __future__ import annotations

from companion.tui.screens.exercise_run import ExerciseRunScreen


class GroundingScreen(ExerciseRunScreen):
    """The grounding exercise, starting straight at its first sense."""

    def __init__(self) -> None:
        super().__init__(exercise_type="grounding")

    def on_mount(self) -> None:
        super().on_mount()
        if self.intro:  # in a hard moment, skip the explanation and begin at once
            self.intro = False
            self._show()
