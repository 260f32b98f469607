"""The whole model fitness check: the model's own probes (companion.core.llm.fitness_probes) and the
probes of the features that use a model, declared here beside the features they exercise
(exercises.ai's Socratic questions and balanced thought, insights' weekly reflection).

``run_fitness_check(engine)`` is what `companion model check` and `companion model pull` run;
the stored result, its key and the feature gates stay in companion.core.llm.fitness.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlite_utils import Database

from companion.core.exercises import ai
from companion.core.insights.reflection import write_reflection
from companion.core.llm import quality
from companion.core.llm.fitness import CHECKS, FitnessReport, Probe, ProbeEngine, run_probes
from companion.core.llm.fitness_probes import MODEL_PROBES

REFLECTION_FIGURES = [
    "Week: 2026-11-23 to 2026-11-29",
    "Mood check-ins this week: 5",
    "Average mood this week (0-10): 4.5",
    "Average mood the week before (0-10): 7.7 from 6",
    "Exercises completed this week: 0",
    "Days in a row with some practice, up to today: 0",
    "Latest GAD-7: 18 (severe) on 2026-11-28",
]


def _p_socratic(engine: ProbeEngine) -> tuple[str, list[str]]:

    step = "What facts do not fit the hot thought, or point another way?"
    questions = ai.socratic_questions(
        engine, "evidence against", step, "Hot thought: I always mess everything up."
    )
    problems = [] if len(questions) >= 2 else [f"{len(questions)} usable questions, not 2-3"]
    step_words = quality.normalised(step)
    if any(quality.normalised(q) == step_words for q in questions):
        problems.append("repeats the step's prompt")
    return "\n".join(questions), problems


def _p_reflection(engine: ProbeEngine) -> tuple[str, list[str]]:

    reflection = write_reflection(engine, REFLECTION_FIGURES)
    text, given = reflection.text, "\n".join(REFLECTION_FIGURES)
    problems = [] if text else ["nothing usable left after grounding"]
    problems += [f"speaks of improvement: {s}" for s in quality.claims_improvement(text)]
    problems += [
        f"names what is not in the figures: {n}" for n in quality.invented_names(text, given)
    ]
    if reflection.dropped:
        problems.append(f"{len(reflection.dropped)} sentence(s) with numbers not in the figures")
    return text, problems


def _p_balanced(engine: ProbeEngine) -> tuple[str, list[str]]:

    against = "I helped her move house last month and she called me to talk yesterday."
    wording = ai.balanced_thought(
        engine, "I'm a terrible friend.", "I forgot her birthday.", against
    )
    evidence = set(quality.words("forgot birthday helped move house month called talk"))
    problems = [] if wording else ["no usable wording"]
    if wording and not evidence & set(quality.words(wording)):
        problems.append("uses none of the person's evidence")
    if wording and quality.unsupported_numbers(wording, against):
        problems.append("adds numbers")
    if wording and "terrible friend" in wording.lower():
        problems.append("repeats the automatic thought")
    return wording, problems


FEATURE_PROBES: list[Probe] = [
    ("instruction", "socratic questions", _p_socratic),
    ("faithfulness", "weekly reflection from figures", _p_reflection),
    ("faithfulness", "balanced thought from evidence", _p_balanced),
]

# Every probe, grouped by check in CHECKS' order (the model's before the features' within one).
PROBES: list[Probe] = sorted([*MODEL_PROBES, *FEATURE_PROBES], key=lambda p: CHECKS.index(p[0]))


def run_fitness_check(
    engine: Any,
    *,
    db: Database | None = None,
    sha256: str | None = None,
    progress: Callable[[str], None] | None = None,
    only: tuple[str, ...] = CHECKS,
) -> FitnessReport:
    """Run every probe on ``engine`` (see ``companion.core.llm.fitness.run_probes``: stored
    under the model's key when ``db`` is given and every check ran)."""
    return run_probes(engine, PROBES, db=db, sha256=sha256, progress=progress, only=only)
