"""What to ask for when a person wants suggestions on an exercise step (``Step.ai_help``).

A step names the kinds of help it offers ("distortions", "balanced_thought", "socratic"); this
module says, for each kind, which earlier answers fill its prompt's variables and whether the
rule-based distortion finder runs first. Front ends only show the result and hand the request
to the model, so no screen knows a thought record's field names.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from companion.core.exercises.model import Definition, Step
from companion.core.exercises.render import answer_lines
from companion.core.exercises.suggest import Suggestion, suggest

#: For each kind of help: prompt variable -> the answers that fill it, first present wins
#: (a list answer is joined one item a line). The thought record's step ids.
INPUTS: dict[str, dict[str, tuple[str, ...]]] = {
    "distortions": {"thought": ("hot_thought", "thoughts"), "situation": ("situation",)},
    "balanced_thought": {
        "thought": ("hot_thought",),
        "evidence_for": ("evidence_for",),
        "evidence_against": ("evidence_against",),
    },
}
#: The order kinds are chosen in when a step offers several.
PREFERRED = ("distortions", "balanced_thought")


@dataclass(frozen=True)
class ModelRequest:
    """Ask the model for ``kind`` (a prompt purpose) with these prompt variables."""

    kind: str
    variables: dict[str, Any]


@dataclass(frozen=True)
class StepHelp:
    """``rules``: rule-based distortion suggestions to show at once (None: this kind has none);
    ``request``: what to ask the local model for."""

    rules: tuple[Suggestion, ...] | None
    request: ModelRequest


def _answer(data: dict[str, Any], fields: tuple[str, ...]) -> str:
    for name in fields:
        value = data.get(name)
        if isinstance(value, list):
            value = "\n".join(str(item) for item in value)
        if value:
            return str(value)
    return ""


def step_help(definition: Definition, step: Step, data: dict[str, Any]) -> StepHelp | None:
    """The help ``step`` offers given the answers so far (None: it offers none)."""
    if not step.ai_help:
        return None
    kind = next((k for k in PREFERRED if k in step.ai_help), "socratic")
    if kind in INPUTS:
        variables: dict[str, Any] = {
            name: _answer(data, fields) for name, fields in INPUTS[kind].items()
        }
        rules = tuple(suggest(variables["thought"])) if kind == "distortions" else None
        return StepHelp(rules, ModelRequest(kind, variables))
    variables = {
        "step_title": step.id.replace("_", " "),
        "step_prompt": step.prompt,
        "record": answer_lines(definition, data),
    }
    return StepHelp(None, ModelRequest("socratic", variables))
