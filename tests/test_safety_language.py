"""No interface text, prompt or document calls the product therapy or a therapist, or says it
diagnoses or treats.

Every string literal in companion/ but module docstrings (read by developers, never shown), and
every text file there, in prompts/, README.md and
models/README.md) is scanned for "therapy", "therapist", "diagnos..." and "treat...". Each
occurrence must match one precise allow rule: a negation ("not therapy", "does not diagnose"),
the method's name ("cognitive behavioural therapy"), the sense of talking to one's own therapist
("talk to a therapist", "your therapist"), a snake_case code ("diagnosis"), or "treat" aimed at a
person or thing ("treat yourself kindly", "treated as").
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
WORD = re.compile(r"\btherap\w*|\bdiagnos\w*|\btreat\w*", re.I)
TEXT_SUFFIXES = {".md", ".txt", ".json", ".toml", ".tcss"}

NEGATION_BEFORE = re.compile(
    r"\b(?:not|never|no|nor|cannot|can't|don't|doesn't|isn't|won't|without)\b"
    r"(?:[\s,]+[\w'-]+){0,5}[\s,]+$"
)
CBT_BEFORE = re.compile(r"cognitive[\s-]+behaviou?ral\s+$")
SEEK_BEFORE = re.compile(
    r"\b(?:talk|talking|speak|speaking|reach out|reaching out|see|seeing|find|finding|contact|"
    r"contacting|ask|asking|consult|consulting|call|calling|with|from|to)\s+(?:to\s+|with\s+)?"
    r"(?:a\s+|an\s+|your\s+)?(?:[\w-]+\s+)?$|\byour\s+$"
)
CLAIM_BEFORE = re.compile(
    r"\b(?:claim|claims|claiming|pretend|pretends|pretending)\s+to\s+be\s+(?:[\w,]+\s+){0,4}$|"
    r"\b(?:human|person|bot),?\s+(?:a\s+bot\s+)?or\s+(?:a\s+|an\s+)?$"
)
TREAT_AFTER = re.compile(
    r"^treat\w*\s+(?:yourself|myself|themselves|yourselves|ourselves|others|other people|"
    r"people|someone|it|them|you|this|that|him|her|me|each other|your\s+\w+|my\s+\w+|"
    r"(?:\w+\s+){0,3}as\b|(?:\w+\s+){0,2}(?:kindly|gently|with))",
    re.I,
)
IDENTITY_BEFORE = re.compile(
    r"\b(?:i am|i'm|im|as|be|is|am|are|was)\s+(?:a\s+|an\s+|your\s+)?(?:[\w-]+\s+)?$"
)
CODE = re.compile(r"^[a-z][a-z0-9_]*$")
QUOTED_CODE = re.compile(r"[\"'`][a-z0-9_]*$")


def allowed(text: str, start: int) -> bool:
    """Whether the match of WORD at ``start`` in ``text`` is an allowed use."""
    word = WORD.match(text, start)
    assert word is not None
    if CODE.match(text.strip()):
        return True
    before = text[max(0, start - 80) : start].lower().replace("\n", " ")
    before = re.split(r"[.!?:;(]\s", before)[-1] if re.search(r"[.!?:;(]\s", before) else before
    lower = word.group(0).lower()
    if NEGATION_BEFORE.search(before):
        return True
    if lower.startswith("therap") and CBT_BEFORE.search(before):
        return True
    if QUOTED_CODE.search(before) and re.match(r"[a-z0-9_]*[\"'`]", text[start:]):
        return True
    if lower.startswith("therapist"):
        if CLAIM_BEFORE.search(before):
            return True
        if IDENTITY_BEFORE.search(before):
            return False
        return bool(SEEK_BEFORE.search(before))
    return bool(lower.startswith("treat") and TREAT_AFTER.match(text[start:]))


def _is_regex(value: str) -> bool:
    return "(?:" in value or "\\b" in value or "(?!" in value


def strings() -> Iterator[tuple[str, str]]:
    """(where, text) for every string literal and text file in scope."""
    for path in sorted((ROOT / "companion").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        module_doc = ast.get_docstring(tree, clean=False)  # for developers, never shown
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and node.value == module_doc:
                continue
            if (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and not _is_regex(node.value)
            ):
                yield f"{path.relative_to(ROOT)}:{node.lineno}", node.value
    # The rules' trigger files hold regex sources and their literal pieces (data the detector
    # and the guard match on, never shown), like the regexes skipped above.
    rule_data = ROOT / "companion" / "core" / "safety" / "rules"
    files = [
        p
        for p in (ROOT / "companion").rglob("*")
        if p.suffix in TEXT_SUFFIXES and not (p.suffix == ".json" and p.parent == rule_data)
    ]
    files += [p for p in (ROOT / "prompts").rglob("*") if p.is_file()]
    files += [ROOT / "README.md", ROOT / "models" / "README.md"]
    for path in sorted(files):
        if path.is_file():
            yield str(path.relative_to(ROOT)), path.read_text(encoding="utf-8", errors="replace")


def violations(items: Iterator[tuple[str, str]] | list[tuple[str, str]]) -> list[str]:
    found = []
    for where, text in items:
        for match in WORD.finditer(text):
            if not allowed(text, match.start()):
                context = text[max(0, match.start() - 50) : match.end() + 30].replace("\n", " ")
                found.append(f"{where}: ...{context}...")
    return found


def test_no_string_calls_the_product_therapy_or_says_it_diagnoses_or_treats() -> None:
    problems = violations(strings())
    assert not problems, "Describe the product as self-help practice:\n" + "\n".join(problems)


@pytest.mark.parametrize(
    "text",
    [
        "Companion is your pocket therapist.",
        "AI therapy for everyone.",
        "This app treats anxiety and depression.",
        "It diagnoses what is going on with your mood.",
        "Start a therapy session",
        "Our therapeutic chat will fix this.",
        "Get a diagnosis in minutes.",
        "I am your therapist today.",
    ],
)
def test_the_scan_catches_product_claims(text: str) -> None:
    assert violations([("sample", text)])


@pytest.mark.parametrize(
    "text",
    [
        "This is self-help practice, not therapy.",
        "It is not a therapist and does not diagnose or treat anything.",
        "Skills from cognitive behavioural therapy (CBT).",
        "You could talk to a therapist or your doctor about this.",
        "Bring this to your therapist if you have one.",
        "Screening questionnaires, not a diagnosis.",
        "Treat yourself kindly today.",
        "Empty lines are treated as the end of the list.",
        "No claim to be a human or a therapist.",
        "diagnosis",
    ],
)
def test_the_scan_allows_honest_uses(text: str) -> None:
    assert not violations([("sample", text)])
