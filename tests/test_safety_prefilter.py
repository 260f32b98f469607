"""The rules' prefilter (companion/core/safety/rules/lazy.py) may skip a pattern only when it cannot
match, and the stored triggers are the ones the patterns give today."""

from __future__ import annotations

import json
import re

from hypothesis import given, settings
from hypothesis import strategies as st

import companion.core.safety.detect as detect
from companion.core.safety.normalize import normalize
from companion.core.safety.rules import lazy, triggers
from tests.safety_lists import CONCERN, CRISIS, NONE

WORDS = sorted(
    {w for p in lazy.REGISTRY for t in (p.triggers or ()) for w in t.split()}
    | {"i", "my", "myself", "want", "to", "die", "he", "said", "lol", "|", "not", "od", "sh"}
)


def test_stored_triggers_are_current() -> None:
    """triggers.json is what the patterns give with the stored frequencies (rerun
    `python bench/safety_speed.py --write-triggers` after editing a rule)."""
    freq = json.loads(triggers.FREQUENCY_FILE.read_text(encoding="utf-8"))
    stored = json.loads(lazy.TRIGGERS_FILE.read_text(encoding="utf-8"))
    assert triggers.choose_triggers(lambda s: freq[s]) == stored


def test_a_pattern_missing_from_the_file_still_gets_sound_triggers() -> None:
    pattern = lazy.LazyPattern(r"\b(?:kill|end) (?:myself|meself)\b")
    assert pattern.triggers is not None
    assert pattern.search(" i want to kill myself ") is not None
    assert pattern.search(" a quiet walk ") is None


def _check(text: str) -> None:
    norm = normalize(text)
    for unit in (norm, *detect._clauses(norm)):
        brute = frozenset(t for p in lazy.REGISTRY for t in (p.triggers or ()) if t in unit)
        assert lazy.present(unit) == brute
        for pattern in lazy.REGISTRY:
            if pattern.compiled.search(unit):
                assert pattern.may_match(unit), (pattern.pattern[:80], unit)


def test_no_pattern_that_matches_is_skipped_on_the_detector_test_messages() -> None:
    for text in [*CRISIS, *CONCERN, *NONE]:
        _check(text)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=14))
def test_no_pattern_that_matches_is_skipped_on_word_salad(words: list[str]) -> None:
    _check(" ".join(words))


def test_triggers_of_handles_groups_and_classes() -> None:
    assert triggers.triggers_of(r"\bsuicid\w*") == ("suicid",)
    assert triggers.triggers_of(r"[a-z]+") is None
    assert triggers.triggers_of(r"(?i)kill myself") is None  # case folding: no literal is certain
    assert set(triggers.triggers_of(r" (?:self ?harm|sh)\b") or ()) <= {
        " self",
        " sh",
        "self",
        "harm",
    }
    assert re.compile(r" (?:self ?harm|sh)\b").search(" sh ")
