"""An optional weekly reflection written by the local model, grounded only in the figures.

The figures are computed here (deterministic) and shown beside the reflection. The model's
text is checked: every sentence with a number that is not among the figures is dropped, and
the safety output guard runs on what is left. Blocking: callers run it in a thread worker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING

from companion.core.insights import trends
from companion.core.insights.questionnaires import INSTRUMENTS
from companion.core.insights.sentences import exercise_name, fmt
from companion.core.llm.completer import Completer

if TYPE_CHECKING:
    from sqlite_utils import Database

MAX_TOKENS = 160
_NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Reflection:
    """The checked text, and the sentences left out (with the reason)."""

    text: str
    dropped: list[str] = field(default_factory=list)
    blocked_reason: str | None = None


def weekly_figures(db: Database, today: date) -> list[str]:
    """The week's figures as short "name: value" lines (the only facts the model gets)."""
    start = today - timedelta(days=6)
    lines = [f"Week: {start} to {today}"]
    mean, count = trends.mean_mood(db, start.isoformat(), today.isoformat())
    lines.append(f"Mood check-ins this week: {count}")
    if mean is not None:
        lines.append(f"Average mood this week (0-10): {fmt(mean)}")
    prev_end = start - timedelta(days=1)
    prev, prev_count = trends.mean_mood(
        db, (prev_end - timedelta(days=6)).isoformat(), prev_end.isoformat()
    )
    if prev is not None:
        lines.append(f"Average mood the week before (0-10): {fmt(prev)} from {prev_count}")
    done = trends.exercises_done(db, since=start.isoformat(), until=today.isoformat())
    if done:
        parts = ", ".join(exercise_name(kind, n) for kind, n in done.items())
        lines.append(f"Exercises completed this week: {sum(done.values())} ({parts})")
    else:
        lines.append("Exercises completed this week: 0")
    run = trends.streaks(db, today)
    lines.append(f"Days in a row with some practice, up to today: {run.current}")
    for key, spec in INSTRUMENTS.items():
        series = trends.assessment_series(db, key)
        if series:
            last = series[-1]
            lines.append(f"Latest {spec.name}: {last.total} ({last.band}) on {last.local_date}")
    return lines


def _numbers(text: str) -> set[str]:
    found = set()
    for raw in _NUMBER.findall(text):
        value = float(raw.replace(",", "."))
        found.add(f"{value:g}")
    return found


def unsupported_numbers(text: str, figures: list[str]) -> list[str]:
    """Numbers in ``text`` that do not appear in the figures (7 and 0-10 count as given)."""
    allowed = _numbers("\n".join(figures)) | {"7", "0", "10"}
    return sorted(_numbers(text) - allowed)


def ground(text: str, figures: list[str]) -> Reflection:
    """Keep only sentences whose numbers are all in the figures; then run the output guard."""
    kept: list[str] = []
    dropped: list[str] = []
    for sentence in _SENTENCE_END.split(text.strip()):
        if not sentence.strip():
            continue
        (dropped if unsupported_numbers(sentence, figures) else kept).append(sentence.strip())
    result = " ".join(kept)
    from companion.core.safety import check_output

    verdict = check_output(result)
    if not verdict.ok:
        return Reflection("", dropped, verdict.reason or "guard")
    return Reflection(result, dropped)


def write_reflection(
    engine: Completer, figures: list[str], max_tokens: int = MAX_TOKENS
) -> Reflection:
    """Ask the model for a reflection on ``figures`` (greedy, fixed seed) and check it.

    Raises ``companion.core.llm.ModelUnavailable`` or ``PromptError`` from the llm module.
    """
    from companion.core.llm import render_prompt
    from companion.core.llm.decoding import decoding_options, helper_decoding

    prompt = render_prompt("weekly_reflection", figures="\n".join(f"- {f}" for f in figures))
    reply = engine.complete(
        [{"role": "user", "content": prompt}],
        max_tokens=max_tokens,
        temperature=0.0,
        seed=0,
        **decoding_options(engine.complete, helper_decoding("reflection", max_tokens)),
    )
    return ground(reply, figures)


_HIGH_BANDS = ("moderate", "moderately severe", "severe")


def figures_reflection(figures: list[str]) -> str:
    """A reflection built from the figures alone (no model): for a model that did not pass the
    faithfulness check. Only says what the figure lines say."""
    values: dict[str, str] = {}
    for line in figures:
        label, sep, value = line.partition(": ")
        if sep:
            values[label.strip()] = value.strip()
    parts: list[str] = []
    count = values.get("Mood check-ins this week", "0").split()[0]
    mood = values.get("Average mood this week (0-10)")
    before = values.get("Average mood the week before (0-10)", "").split(" ")[0]
    if mood and before:
        now, then = float(mood), float(before)
        change = (
            "lower than" if now < then - 0.2 else "higher than" if now > then + 0.2 else "about"
        )
        parts.append(
            f"Your average mood this week was {mood} out of 10 from {count} check-ins, "
            f"{change} the {before} of the week before."
        )
    elif mood:
        parts.append(f"Your average mood this week was {mood} out of 10 from {count} check-ins.")
    else:
        parts.append("There were no mood check-ins this week, so there is little to go on.")
    done = values.get("Exercises completed this week", "0")
    if done.split()[0] == "0":
        parts.append("No exercises were completed this week: one short one could be a next step.")
    else:
        parts.append(f"Exercises completed this week: {done}.")
    for label, value in values.items():
        if label.startswith("Latest "):
            band = value.partition("(")[2].partition(")")[0]
            sentence = f"Your {label[0].lower()}{label[1:]} was {value}."
            if band in _HIGH_BANDS:
                sentence += " A score like that is worth talking over with a professional."
            parts.append(sentence)
    return " ".join(parts)
