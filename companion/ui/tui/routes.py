"""Where the app can go: one ``Route`` per screen a person opens by name.

Each route's ``load`` does a real import of its screen class when it is first opened (start-up
only pays for Home), so a broken import fails loudly in tests instead of turning into a notice.
Home's quick actions (``HOME_ROUTES``) and the command palette read their keys and titles here.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.screen import Screen

ScreenClass = type["Screen[Any]"]


@dataclass(frozen=True)
class Route:
    """A screen by name: ``key`` is what ``app.open(key)`` takes, ``binding`` Home's key."""

    key: str
    title: str
    help: str
    load: Callable[[], ScreenClass]
    kwargs: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    binding: str = ""

    def screen(self) -> Screen[Any]:
        """A new screen for this route."""
        return self.load()(**self.kwargs)


def _journal() -> ScreenClass:
    from companion.ui.tui.screens.journal import JournalScreen

    return JournalScreen


def _entry_editor() -> ScreenClass:
    from companion.ui.tui.screens.entry_editor import EntryEditorScreen

    return EntryEditorScreen


def _checkin() -> ScreenClass:
    from companion.ui.tui.screens.checkin import CheckInScreen

    return CheckInScreen


def _chat() -> ScreenClass:
    from companion.ui.tui.screens.chat import ChatScreen

    return ChatScreen


def _exercises() -> ScreenClass:
    from companion.ui.tui.screens.exercises import ExerciseListScreen

    return ExerciseListScreen


def _insights() -> ScreenClass:
    from companion.ui.tui.screens.insights import InsightsScreen

    return InsightsScreen


def _mood_calendar() -> ScreenClass:
    from companion.ui.tui.screens.mood_calendar import MoodCalendarScreen

    return MoodCalendarScreen


def _assessment() -> ScreenClass:
    from companion.ui.tui.screens.questionnaire import QuestionnaireScreen

    return QuestionnaireScreen


def _safety_plan() -> ScreenClass:
    from companion.ui.tui.screens.safety_plan import SafetyPlanScreen

    return SafetyPlanScreen


def _breathing() -> ScreenClass:
    from companion.ui.tui.screens.breathing import BreathingScreen

    return BreathingScreen


def _grounding() -> ScreenClass:
    from companion.ui.tui.screens.grounding import GroundingScreen

    return GroundingScreen


def _history() -> ScreenClass:
    from companion.ui.tui.screens.exercise_history import ExerciseHistoryScreen

    return ExerciseHistoryScreen


def _models() -> ScreenClass:
    from companion.ui.tui.screens.models import ModelsScreen

    return ModelsScreen


def _routes(*routes: Route) -> Mapping[str, Route]:
    return MappingProxyType({route.key: route for route in routes})


#: In palette order.
ROUTES = _routes(
    Route("journal", "Journal", "Browse and search entries", _journal, binding="j"),
    Route("new_entry", "New journal entry", "Write an entry", _entry_editor, binding="n"),
    Route("checkin", "Mood check-in", "Log how you feel", _checkin, binding="m"),
    Route("chat", "Chat", "Talk with the local model", _chat, binding="c"),
    Route("exercises", "Exercises", "Guided CBT exercises", _exercises, binding="e"),
    Route("insights", "Insights", "Mood trends and patterns", _insights, binding="i"),
    Route("mood_calendar", "Mood calendar", "A year of days coloured by mood", _mood_calendar),
    Route(
        "phq9",
        "PHQ-9 questionnaire",
        "Depression screening questionnaire",
        _assessment,
        MappingProxyType({"instrument": "phq9"}),
        binding="a",
    ),
    Route(
        "gad7",
        "GAD-7 questionnaire",
        "Anxiety screening questionnaire",
        _assessment,
        MappingProxyType({"instrument": "gad7"}),
        binding="g",
    ),
    Route("safety_plan", "Safety plan", "Edit your safety plan", _safety_plan, binding="p"),
    Route("breathing", "Paced breathing", "A calming breathing exercise", _breathing, binding="b"),
    Route("grounding", "5-4-3-2-1 grounding", "Come back to the present", _grounding),
    Route("history", "Exercise history", "Every exercise you did or started", _history),
    Route("models", "Models", "Installed models and ones that suit this machine", _models),
)

#: Home's quick actions, in the order Home lists them (each with its ``binding``).
HOME_ROUTES: tuple[Route, ...] = tuple(
    ROUTES[key]
    for key in (
        "new_entry",
        "journal",
        "checkin",
        "exercises",
        "chat",
        "insights",
        "phq9",
        "gad7",
        "safety_plan",
        "breathing",
    )
)
