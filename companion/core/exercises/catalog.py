"""The cognitive distortions catalogue (data/distortions.toml): names, definitions, examples."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from companion.core.exercises.model import Option

_FILE = Path(__file__).parent / "data" / "distortions.toml"

#: The ten labels of the CBT-Bench distortion set; the app's extra ones map onto them.
BENCHMARK_NAMES = (
    "all-or-nothing thinking",
    "overgeneralization",
    "mental filter",
    "should statements",
    "labeling",
    "personalization",
    "magnification",
    "emotional reasoning",
    "mind reading",
    "fortune-telling",
)
BENCHMARK_MAP = {"catastrophizing": "magnification", "disqualifying the positive": "mental filter"}


@dataclass(frozen=True)
class Distortion:
    name: str
    label: str
    definition: str
    example: str
    question: str


@cache
def distortions() -> tuple[Distortion, ...]:
    """Every distortion the app knows, in teaching order."""
    data = tomllib.loads(_FILE.read_text(encoding="utf-8"))
    return tuple(Distortion(**item) for item in data["distortions"])


def by_name(name: str) -> Distortion:
    for item in distortions():
        if item.name == name:
            return item
    raise KeyError(name)


def normalise_name(text: str) -> str | None:
    """Map loose spellings ("Mind-reading", "labelling", "black and white") to a known name."""
    key = " ".join(text.lower().replace("_", " ").replace("-", " ").split()).strip(" .,:;*\"'")
    for item in distortions():
        if key in (item.name.replace("-", " "), item.label.lower().replace("-", " ")):
            return item.name
    return ALIASES.get(key)


ALIASES = {
    "all or nothing": "all-or-nothing thinking",
    "black and white thinking": "all-or-nothing thinking",
    "black and white": "all-or-nothing thinking",
    "polarized thinking": "all-or-nothing thinking",
    "overgeneralisation": "overgeneralization",
    "over generalization": "overgeneralization",
    "filtering": "mental filter",
    "discounting the positive": "disqualifying the positive",
    "jumping to conclusions": "mind reading",
    "fortune telling": "fortune-telling",
    "catastrophising": "catastrophizing",
    "catastrophic thinking": "catastrophizing",
    "magnification": "magnification",
    "minimization": "magnification",
    "magnifying": "magnification",
    "should statement": "should statements",
    "shoulds": "should statements",
    "labelling": "labeling",
    "mislabeling": "labeling",
    "name calling": "labeling",
    "blame": "personalization",
    "blaming": "personalization",
    "personalisation": "personalization",
}


def benchmark_name(name: str) -> str:
    """The benchmark label for an app distortion name (catastrophizing -> magnification)."""
    return BENCHMARK_MAP.get(name, name)


def options() -> tuple[Option, ...]:
    """The catalogue as choice options, each described by its definition and an example."""
    return tuple(
        Option(value=d.name, label=d.label, description=f'{d.definition} E.g. "{d.example}"')
        for d in distortions()
    )
