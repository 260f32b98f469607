"""One parser for "name and rating" text, used by the check-in, exercise steps and the CLI.

Headless and import-light (only ``re``): ``companion checkin`` pays nothing for it at start-up.

People write emotions (or situations) with a rating in several ways, and every front end accepts
all of them: ``anxious 60``, ``anxious=60``, ``anxious: 60``, ``anxious 60%``, separated by commas
or new lines, so ``anxious 80, ashamed 60`` is two emotions. A name alone has no rating (None).

Emotions are single words or short phrases, so every comma separates two of them. Situations
(an exposure ladder's rungs) may contain commas ("Calling the GP, asking for a test 60"), so
there a comma only separates items when a rating comes right before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ITEM = re.compile(r"^(?P<name>.*?)(?:\s*[=:]\s*|\s+)(?P<rating>\d+)\s*%?$")
_AFTER_RATING = re.compile(r"(?<=\d)\s*%?\s*,")

#: How the rated-text syntax is described to people, in every front end.
SYNTAX_HINT = "a name and 0-100, like 'anxious 60' or 'anxious=60'"


@dataclass(frozen=True)
class RatedItem:
    """One parsed item: its name as written (trimmed) and its rating, or None when not given."""

    name: str
    rating: int | None


def _pieces(text: str, *, split_every_comma: bool) -> list[str]:
    pieces: list[str] = []
    for line in text.splitlines():
        parts = line.split(",") if split_every_comma else _split_after_ratings(line)
        pieces.extend(part.strip() for part in parts if part.strip())
    return pieces


def _split_after_ratings(line: str) -> list[str]:
    # keep the '%' with its number: "a 60%, b 20" -> ["a 60%", "b 20"]
    out: list[str] = []
    start = 0
    for match in _AFTER_RATING.finditer(line):
        out.append(line[start : match.end() - 1])
        start = match.end()
    out.append(line[start:])
    return out


def parse_item(piece: str) -> RatedItem:
    """``'anxious 60'`` / ``'anxious=60'`` / ``'anxious: 60%'`` -> RatedItem; a name alone -> None."""
    piece = piece.strip()
    match = _ITEM.match(piece)
    if match:
        return RatedItem(match.group("name").strip(" =:"), int(match.group("rating")))
    return RatedItem(piece.strip(" =:"), None)


def parse_rated(text: str, *, split_every_comma: bool = True) -> list[RatedItem]:
    """Every item in ``text`` in the order written (see the module docstring for the syntax)."""
    return [parse_item(piece) for piece in _pieces(text, split_every_comma=split_every_comma)]


def parse_emotions(text: str, *, default: int = 50, high: int = 100) -> dict[str, int]:
    """Emotions for a check-in: ``{'anxious': 80, 'ashamed': 60}``, names lower-cased.

    A name alone gets ``default``. Raises ValueError with one clear sentence for anything else:
    a number with no name, a rating outside 0-``high``, or stray digits inside a name."""
    result: dict[str, int] = {}
    for item in parse_rated(text):
        if not item.name:
            raise ValueError(f"Each rating needs an emotion's name: write {SYNTAX_HINT}.")
        if any(ch.isdigit() for ch in item.name):
            raise ValueError(f"Write each emotion as {SYNTAX_HINT} (not {item.name!r}).")
        rating = default if item.rating is None else item.rating
        if not 0 <= rating <= high:
            raise ValueError(f"The intensity of {item.name!r} must be 0-{high}, not {rating}.")
        result[item.name.lower()] = rating
    return result


def format_rated(items: object) -> str:
    """A stored rated list back as text, one item per line (``name rating``)."""
    if isinstance(items, str):
        return items
    if not isinstance(items, list):
        return ""
    lines = []
    for item in items:
        if isinstance(item, dict):
            rating = item.get("rating")
            lines.append(f"{item.get('name', '')} {'' if rating is None else rating}".strip())
    return "\n".join(lines)
