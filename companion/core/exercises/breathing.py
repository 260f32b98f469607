"""Paced-breathing patterns, headless: parse "4-7-8" into phases and say where a moment falls."""

from __future__ import annotations

from dataclasses import dataclass

PATTERNS: dict[str, str] = {
    "4-4-4-4": "Box breathing: in 4, hold 4, out 4, hold 4.",
    "4-7-8": "In 4, hold 7, out slowly for 8.",
    "4-6": "In 4, out 6: a longer out-breath, no holds.",
    "5-5": "In 5, out 5: slow, even breathing.",
}

_NAMES_4 = ("Breathe in", "Hold", "Breathe out", "Hold")
_NAMES_3 = ("Breathe in", "Hold", "Breathe out")
_NAMES_2 = ("Breathe in", "Breathe out")


class PatternError(ValueError):
    """A pattern that is not 2-4 whole numbers of seconds, e.g. "4-7-8"."""


@dataclass(frozen=True)
class Phase:
    label: str  # "Breathe in", "Hold", "Breathe out"
    seconds: int


@dataclass(frozen=True)
class PhaseState:
    cycle: int  # 0-based cycle number
    phase: Phase
    remaining: float  # seconds left in this phase
    fraction: float  # 0..1 of the phase done


def parse_pattern(pattern: str) -> tuple[Phase, ...]:
    """ "4-7-8" -> in 4, hold 7, out 8. Two to four parts of 1-20 seconds; zero holds dropped."""
    parts = [p.strip() for p in pattern.strip().split("-")]
    if not 2 <= len(parts) <= 4 or not all(p.isdigit() for p in parts):
        raise PatternError(
            f"breathing pattern '{pattern}' should be 2 to 4 numbers of seconds, like 4-7-8"
        )
    seconds = [int(p) for p in parts]
    if any(s > 20 for s in seconds) or seconds[0] == 0:
        raise PatternError(f"breathing pattern '{pattern}': each part is 0-20 seconds")
    names = {2: _NAMES_2, 3: _NAMES_3, 4: _NAMES_4}[len(parts)]
    phases = tuple(Phase(n, s) for n, s in zip(names, seconds, strict=True) if s > 0)
    if not any(p.label == "Breathe out" for p in phases):
        raise PatternError(f"breathing pattern '{pattern}' needs an out-breath")
    return phases


def cycle_seconds(phases: tuple[Phase, ...]) -> int:
    return sum(p.seconds for p in phases)


def state_at(phases: tuple[Phase, ...], elapsed: float) -> PhaseState:
    """Which cycle and phase ``elapsed`` seconds into the exercise falls in."""
    total = cycle_seconds(phases)
    cycle, within = divmod(max(elapsed, 0.0), total)
    for phase in phases:
        if within < phase.seconds:
            return PhaseState(int(cycle), phase, phase.seconds - within, within / phase.seconds)
        within -= phase.seconds
    last = phases[-1]
    return PhaseState(int(cycle), last, 0.0, 1.0)
