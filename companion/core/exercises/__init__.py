"""Guided CBT self-help exercises: definitions as data, and the engine that walks them.

Headless (never imports Textual). The pieces:

- ``load_definitions()`` / ``definition_problems()``: built-in TOML definitions plus the
  person's own in ``companion.core.paths.exercises_override_dir()``; a broken file is reported by
  name and problem and the rest still load.
- ``ExerciseSession``: start or resume a record, ``submit`` one answer per step (validated,
  safety-screened, saved as a draft), ``complete``.
- ``due_follow_ups(db, today)``: follow-ups due on the home screen, with a display line each.
- ``suggest_distortions(text)`` (companion.core.exercises.suggest): rule-based, transparent.
"""

from __future__ import annotations

from pathlib import Path

from companion.core.exercises.engine import ExerciseSession, SubmitResult
from companion.core.exercises.follow_ups import FollowUp, due_follow_ups
from companion.core.exercises.loader import DefinitionError, DefinitionProblem, load_all
from companion.core.exercises.model import Definition, Option, Step
from companion.core.exercises.validation import AnswerError

__all__ = [
    "AnswerError",
    "Definition",
    "DefinitionError",
    "DefinitionProblem",
    "ExerciseSession",
    "FollowUp",
    "Option",
    "Step",
    "SubmitResult",
    "definition_problems",
    "due_follow_ups",
    "exercise_title",
    "get_definition",
    "load_all",
    "load_definitions",
]


def load_definitions(extra_dir: Path | None = None) -> dict[str, Definition]:
    """Every usable definition by name: the built-in ones, then the person's own."""
    return load_all(extra_dir)[0]


def definition_problems(extra_dir: Path | None = None) -> list[DefinitionProblem]:
    """The definition files that could not be used, each with its path and the problem."""
    return load_all(extra_dir)[1]


def exercise_title(kind: str) -> str:
    """The title people see for an exercise type (its definition's), e.g. "Activity log and
    planning" for ``behavioural_activation``; the type in words when there is no definition."""
    definition = load_definitions().get(kind)
    return definition.title if definition else kind.replace("_", " ").capitalize()


def get_definition(name: str, extra_dir: Path | None = None) -> Definition:
    """One definition by name (accepts "thought-record" for "thought_record"); KeyError if none."""
    definitions = load_definitions(extra_dir)
    key = name.strip().lower().replace("-", "_").replace(" ", "_")
    if key in definitions:
        return definitions[key]
    known = ", ".join(sorted(definitions))
    raise KeyError(f"There is no exercise called '{name}' (known: {known}).")
