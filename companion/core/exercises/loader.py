"""Read exercise definitions from TOML files and check them, with messages a person can act on.

Built-in definitions live in ``companion/core/exercises/definitions``; people may add their own (or
replace a built-in one by using its name) in ``companion.core.paths.exercises_override_dir()``. A
broken file never stops the others loading: it becomes a ``DefinitionProblem`` naming the file
and what is wrong.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from companion.core.exercises.model import STEP_TYPES, Definition, Handoff, Option, Step

BUILTIN_DIR = Path(__file__).parent / "definitions"
CATALOGS = ("distortions",)
_NAME = re.compile(r"^[a-z][a-z0-9_]{0,40}$")
_TOP_KEYS = {
    "name",
    "title",
    "summary",
    "psychoeducation",
    "steps",
    "category",
    "minutes",
    "handoff",
    "tags",
}
_STEP_FIELDS = {f.name: f for f in fields(Step)}
_CHOICE_TYPES = {"choice", "multichoice", "quiz"}


class DefinitionError(ValueError):
    """A definition file that cannot be used; str() says which file and why."""


@dataclass(frozen=True)
class DefinitionProblem:
    path: Path
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


def _expect(value: Any, kind: type | tuple[type, ...], where: str) -> Any:
    if isinstance(value, bool) and kind is not bool:
        raise DefinitionError(f"{where} must be {_kind_name(kind)}, not {value!r}")
    if not isinstance(value, kind):
        raise DefinitionError(f"{where} must be {_kind_name(kind)}, not {value!r}")
    return value


def _kind_name(kind: type | tuple[type, ...]) -> str:
    names = {str: "text", int: "a whole number", bool: "true or false", list: "a list"}
    if isinstance(kind, tuple):
        return " or ".join(names.get(k, k.__name__) for k in kind)
    return names.get(kind, kind.__name__)


def _text(data: dict[str, Any], key: str, where: str) -> str:
    if key not in data:
        raise DefinitionError(f"{where} needs '{key}'")
    value = _expect(data[key], str, f"{where} '{key}'").strip()
    if not value:
        raise DefinitionError(f"{where} '{key}' is empty")
    return str(value)


def _options(raw: Any, where: str) -> tuple[Option, ...]:
    _expect(raw, list, f"{where} 'options'")
    options: list[Option] = []
    for number, item in enumerate(raw, start=1):
        spot = f"{where} option {number}"
        if isinstance(item, str):
            options.append(Option(value=item, label=item))
            continue
        _expect(item, dict, spot)
        unknown = set(item) - {"value", "label", "description"}
        if unknown:
            raise DefinitionError(f"{spot} has unknown key(s): {', '.join(sorted(unknown))}")
        label = _text(item, "label", spot)
        value = str(item.get("value", label))
        description = str(_expect(item.get("description", ""), str, f"{spot} 'description'"))
        options.append(Option(value=value, label=label, description=description))
    values = [option.value for option in options]
    if len(set(values)) != len(values):
        raise DefinitionError(f"{where} has two options with the same value")
    return tuple(options)


def _step(raw: Any, number: int, earlier: dict[str, Step]) -> Step:
    where = f"step {number}"
    _expect(raw, dict, where)
    step_id = _text(raw, "id", where)
    where = f"step {number} ('{step_id}')"
    if not _NAME.match(step_id):
        raise DefinitionError(f"{where}: ids are lower-case letters, digits and _")
    if step_id in earlier:
        raise DefinitionError(f"{where}: the id '{step_id}' is used twice")
    step_type = _text(raw, "type", where)
    if step_type not in STEP_TYPES:
        known = ", ".join(STEP_TYPES)
        raise DefinitionError(f"{where}: unknown type '{step_type}' (known: {known})")
    values: dict[str, Any] = {
        "id": step_id,
        "type": step_type,
        "prompt": _text(raw, "prompt", where),
    }
    for key, value in raw.items():
        if key in ("id", "type", "prompt"):
            continue
        if key not in _STEP_FIELDS:
            raise DefinitionError(f"{where}: unknown key '{key}'")
        if key == "options":
            values[key] = _options(value, where)
        elif key in ("correct", "ai_help"):
            values[key] = tuple(str(v) for v in _expect(value, list, f"{where} '{key}'"))
        else:
            default = _STEP_FIELDS[key].default
            values[key] = _expect(value, type(default), f"{where} '{key}'")
    step = Step(**values)
    _check_step(step, where, earlier)
    return step


def _check_step(step: Step, where: str, earlier: dict[str, Step]) -> None:
    if step.phase not in ("main", "follow_up"):
        raise DefinitionError(f"{where}: phase must be 'main' or 'follow_up'")
    for key in ("options_from", "prefill_from", "pattern_from"):
        ref = getattr(step, key)
        if ref and ref not in earlier:
            raise DefinitionError(f"{where}: '{key}' names '{ref}', which is not an earlier step")
    if step.type in _CHOICE_TYPES:
        sources = sum(bool(x) for x in (step.options, step.options_from, step.catalog))
        if sources != 1:
            raise DefinitionError(
                f"{where}: a {step.type} step needs exactly one of 'options', "
                "'options_from' or 'catalog'"
            )
    if step.type == "pros_cons" and not step.options_from:
        raise DefinitionError(f"{where}: a pros_cons step needs 'options_from'")
    if step.catalog and step.catalog not in CATALOGS:
        raise DefinitionError(f"{where}: unknown catalog '{step.catalog}'")
    if step.scale not in (10, 100):
        raise DefinitionError(f"{where}: scale must be 10 or 100")
    if step.min_items > step.max_items or step.min_days > step.max_days:
        raise DefinitionError(f"{where}: a minimum is larger than its maximum")
    if step.type == "quiz" and not step.correct:
        raise DefinitionError(f"{where}: a quiz step needs 'correct'")
    if step.type == "timed" and not 1 <= step.seconds <= 3600:
        raise DefinitionError(f"{where}: seconds must be between 1 and 3600")
    if step.type == "paced" and step.pattern:
        from companion.core.exercises.breathing import PatternError, parse_pattern

        try:
            parse_pattern(step.pattern)
        except PatternError as error:
            raise DefinitionError(f"{where}: {error}") from None
    if step.follow_up and (step.type != "date" or step.phase != "main"):
        raise DefinitionError(f"{where}: only a main-phase date step can be the follow-up date")


def parse_definition(data: dict[str, Any], source: str = "") -> Definition:
    """Build a checked Definition from parsed TOML; raise DefinitionError saying what is wrong."""
    unknown = set(data) - _TOP_KEYS
    if unknown:
        raise DefinitionError(f"unknown key(s): {', '.join(sorted(unknown))}")
    name = _text(data, "name", "the definition")
    if not _NAME.match(name):
        raise DefinitionError(f"name '{name}' must be lower-case letters, digits and _")
    raw_steps = data.get("steps")
    if not isinstance(raw_steps, list) or not raw_steps:
        raise DefinitionError("needs at least one [[steps]] table")
    steps: dict[str, Step] = {}
    for number, raw in enumerate(raw_steps, start=1):
        step = _step(raw, number, steps)
        steps[step.id] = step
    handoff = _handoff(data.get("handoff"), steps)
    definition = Definition(
        name=name,
        title=_text(data, "title", "the definition"),
        summary=_text(data, "summary", "the definition"),
        psychoeducation=_text(data, "psychoeducation", "the definition"),
        steps=tuple(steps.values()),
        category=str(_expect(data.get("category", "exercise"), str, "'category'")),
        minutes=int(_expect(data.get("minutes", 10), int, "'minutes'")),
        source=source,
        handoff=handoff,
        tags=tuple(str(t) for t in _expect(data.get("tags", []), list, "'tags'")),
    )
    if definition.has_follow_up and not any(s.follow_up for s in definition.steps):
        raise DefinitionError("has follow-up steps but no date step with follow_up = true")
    if not any(step.phase == "main" for step in definition.steps):
        raise DefinitionError("needs at least one main-phase step")
    return definition


def _handoff(raw: Any, steps: dict[str, Step]) -> Handoff | None:
    if raw is None:
        return None
    _expect(raw, dict, "'handoff'")
    handoff = Handoff(
        exercise=_text(raw, "exercise", "'handoff'"),
        from_step=_text(raw, "from_step", "'handoff'"),
        into_step=_text(raw, "into_step", "'handoff'"),
        prompt=str(raw.get("prompt", "")),
    )
    if handoff.from_step not in steps:
        raise DefinitionError(f"'handoff' from_step '{handoff.from_step}' is not a step")
    return handoff


def load_file(path: Path) -> Definition:
    """Read one definition file; raise DefinitionError naming the file and the problem."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise DefinitionError(f"{path}: cannot be read ({error.strerror})") from None
    except UnicodeDecodeError:
        raise DefinitionError(f"{path}: is not UTF-8 text") from None
    except tomllib.TOMLDecodeError as error:
        raise DefinitionError(f"{path}: is not valid TOML ({error})") from None
    try:
        return parse_definition(data, source=str(path))
    except DefinitionError as error:
        raise DefinitionError(f"{path}: {error}") from None


def load_all(
    extra_dir: Path | None = None,
) -> tuple[dict[str, Definition], list[DefinitionProblem]]:
    """Every usable definition by name (built-in, then the person's own), and the problems."""
    if extra_dir is None:
        from companion.core.paths import exercises_override_dir

        extra_dir = exercises_override_dir()
    definitions: dict[str, Definition] = {}
    problems: list[DefinitionProblem] = []
    files = sorted(BUILTIN_DIR.glob("*.toml"))
    if extra_dir.is_dir():
        files += sorted(extra_dir.glob("*.toml"))
    for path in files:
        try:
            definition = load_file(path)
        except DefinitionError as error:
            message = str(error).removeprefix(f"{path}: ")
            problems.append(DefinitionProblem(path, message))
            continue
        definitions[definition.name] = definition
    for definition in list(definitions.values()):
        problem = _cross_check(definition, definitions)
        if problem:
            problems.append(DefinitionProblem(Path(definition.source), problem))
            del definitions[definition.name]
    return definitions, problems


def _cross_check(definition: Definition, definitions: dict[str, Definition]) -> str:
    handoff = definition.handoff
    if handoff is None:
        return ""
    target = definitions.get(handoff.exercise)
    if target is None:
        return f"'handoff' names the exercise '{handoff.exercise}', which does not exist"
    if handoff.into_step not in {step.id for step in target.steps}:
        return f"'handoff' into_step '{handoff.into_step}' is not a step of '{target.name}'"
    return ""
