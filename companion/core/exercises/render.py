"""Answers as plain text lines, for the review step, `exercise show` and follow-up lines."""

from __future__ import annotations

from typing import Any

from companion.core.exercises import catalog
from companion.core.exercises.model import Definition, Step


def format_answer(step: Step, value: Any) -> str:
    """One answer as readable text (several lines for lists). Empty text for no answer."""
    if value is None or value == [] or value == {}:
        return ""
    if step.type == "rating100":
        return f"{value}/100"
    if step.type == "rating10":
        return f"{value}/10"
    if step.type == "rated_list":
        return "\n".join(f"- {i['name']}: {i['rating']}/{step.scale}" for i in value)
    if step.type == "list":
        return "\n".join(f"- {item}" for item in value)
    if step.type in ("choice", "quiz", "multichoice"):
        chosen = value if isinstance(value, list) else [value]
        labels = {o.value: o.label for o in step.options}
        if step.catalog == "distortions":
            labels = {d.name: d.label for d in catalog.distortions()}
        lines = [str(labels.get(v, v)) for v in chosen]
        return "\n".join(f"- {line}" for line in lines) if step.type == "multichoice" else lines[0]
    if step.type == "pros_cons":
        return "\n".join(
            f"- {name}: pros: {pc.get('pros') or '-'}; cons: {pc.get('cons') or '-'}"
            for name, pc in value.items()
        )
    if step.type == "timed":
        minutes, seconds = divmod(int(value), 60)
        return f"{minutes} min {seconds:02d} s" if minutes else f"{seconds} s"
    if step.type == "paced":
        return f"{value} breathing cycle{'' if value == 1 else 's'}"
    return str(value)


def answer_lines(definition: Definition, data: dict[str, Any]) -> list[tuple[str, str]]:
    """(prompt, answer text) for every answered step, in step order."""
    lines: list[tuple[str, str]] = []
    for step in definition.steps:
        text = format_answer(step, data.get(step.id))
        if text:
            lines.append((step.prompt, text))
    return lines


def first_text(definition: Definition, data: dict[str, Any], limit: int = 60) -> str:
    """The first free-text answer, shortened, to name a record in one line."""
    for step in definition.steps:
        value = data.get(step.id)
        if step.type == "text" and isinstance(value, str) and value.strip():
            text = " ".join(value.split())
            return text if len(text) <= limit else text[: limit - 1] + "…"
    return ""
