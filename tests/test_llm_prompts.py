"""Prompt templates: shipped files, user overrides, variables, and the wording rules."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from companion.core import paths
from companion.core.llm import PromptError, load_prompt, prompt_names, render_prompt

NEEDED = {"system", "summarise", "socratic", "distortions", "balanced_thought", "weekly_reflection"}


def test_every_prompt_the_app_uses_is_shipped() -> None:
    assert set(prompt_names()) >= NEEDED


def test_system_prompt_states_boundaries_without_calling_itself_therapy() -> None:
    text = load_prompt("system")
    assert "not a therapist" in text and "do not diagnose" in text
    assert "F1" in text
    for line in text.splitlines():
        # the product is never called therapy (naming the CBT method is fine)
        assert not re.search(r"\b(is|am|are) (a )?(therapy|therapist)\b", line, re.I), line


def test_variables_are_filled_and_missing_ones_named() -> None:
    text = render_prompt(
        "balanced_thought", thought="I fail", evidence_for="a", evidence_against="b"
    )
    assert "I fail" in text and "{" not in text
    with pytest.raises(PromptError, match="evidence_for"):
        render_prompt("balanced_thought", thought="x")
    distortions = render_prompt("distortions", thought="t", situation="s", distortion_list="- A")
    assert '[{"name"' in distortions  # doubled braces become literal JSON


def test_override_in_the_config_dir_wins() -> None:
    folder = paths.ensure_private_dir(paths.prompts_override_dir())
    (folder / "system.txt").write_text("My own prompt.\n")
    assert load_prompt("system") == "My own prompt."
    with pytest.raises(PromptError):
        load_prompt("../etc/passwd")
    with pytest.raises(PromptError, match="no prompt named"):
        load_prompt("nope")


def test_prompts_ship_in_the_wheel() -> None:
    text = (Path(__file__).resolve().parents[1] / "pyproject.toml").read_text()
    assert '"prompts" = "companion/_prompts"' in text
