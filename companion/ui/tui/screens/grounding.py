"""5-4-3-2-1 grounding (also opened from the crisis screen): the grounding exercise, saved
like any other so nothing typed is lost."""

from __future__ import annotations

from companion.ui.tui.screens.exercise_run import ExerciseRunScreen


class GroundingScreen(ExerciseRunScreen):
    """The grounding exercise, starting straight at its first sense."""

    SKIP_INTRO = True  # in a hard moment, begin at once

    def __init__(self) -> None:
        super().__init__(exercise_type="grounding")
