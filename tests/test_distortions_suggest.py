"""The rule-based distortion suggester, the parsing of model answers, and the CLI."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from typer.testing import CliRunner

from companion.core.exercises import catalog
from companion.core.exercises.ai import parse_balanced, parse_distortions, parse_questions
from companion.core.exercises.suggest import for_benchmark, suggest
from companion.ui.cli import app

runner = CliRunner()


@pytest.mark.parametrize(
    ("thought", "name", "cue"),
    [
        ("I should be able to handle this on my own", "should statements", "should"),
        ("I must never make mistakes", "should statements", "must"),
        ("I'm such a loser", "labeling", "loser"),
        ("I am a complete failure as a parent", "labeling", "failure"),
        ("My boss thinks I'm useless", "mind reading", "thinks"),
        ("They probably think I'm boring", "mind reading", "think"),
        ("I'm going to fail the interview", "fortune-telling", "fail"),
        ("It will never get better", "fortune-telling", "never"),
        ("Nobody ever wants to talk to me", "overgeneralization", "Nobody"),
        ("The whole day was completely ruined", "all-or-nothing thinking", "whole day"),
        ("I feel stupid, so I must be stupid", "emotional reasoning", "I feel stupid"),
        ("It's all my fault that they split up", "personalization", "my fault"),
        ("If I make a mistake it will be a disaster", "catastrophizing", "disaster"),
        ("Forgetting that email was a huge deal", "magnification", "huge"),
        ("All I can think about is the one mistake I made", "mental filter", "All I can think"),
    ],
)
def test_each_distortion_has_a_rule_that_shows_its_cue(thought: str, name: str, cue: str) -> None:
    found = {s.name: s for s in suggest(thought)}
    assert name in found, [s.name for s in found.values()]
    assert cue.lower() in found[name].reason.lower()
    assert found[name].reason.startswith('"')


@pytest.mark.parametrize(
    "thought",
    [
        "I went to the shop and bought some milk.",
        "The meeting is at three and I have prepared my notes.",
        "I felt nervous, and I spoke anyway.",
        "",
    ],
)
def test_nothing_is_suggested_for_a_neutral_thought(thought: str) -> None:
    assert suggest(thought) == []


def test_strongest_suggestion_comes_first_and_benchmark_names_map() -> None:
    found = suggest("It will be a total disaster, a catastrophe, the worst thing ever")
    assert found[0].name == "catastrophizing"
    assert "magnification" in for_benchmark(found)
    assert all(n in catalog.BENCHMARK_NAMES for n in for_benchmark(found))


@given(st.text(max_size=300))
def test_the_suggester_never_fails_and_only_names_known_patterns(text: str) -> None:
    names = {d.name for d in catalog.distortions()}
    for item in suggest(text):
        assert item.name in names and item.reason


def test_catalogue_has_the_ten_plus_catastrophizing_each_with_definition_and_example() -> None:
    names = [d.name for d in catalog.distortions()]
    assert set(catalog.BENCHMARK_NAMES) <= set(names)
    assert "catastrophizing" in names
    for item in catalog.distortions():
        assert item.definition and item.example and item.label


def test_model_answers_are_parsed_defensively() -> None:
    reply = 'Sure! [{"name": "Mind-reading", "reason": "It guesses."}, {"name": "Astrology"}]'
    found = parse_distortions(reply)
    assert [(s.name, s.reason) for s in found] == [("mind reading", "It guesses.")]
    assert [s.name for s in parse_distortions("This looks like labelling to me.")] == ["labeling"]
    echoed = "\n".join(f"- {d.label}" for d in catalog.distortions())
    assert parse_distortions(echoed) == []  # the list copied out is not an answer
    assert parse_distortions("I am a helpful AI") == []
    assert parse_questions("1. What else could explain it?\nHello\n- Is that always true?") == [
        "What else could explain it?",
        "Is that always true?",
    ]
    assert parse_balanced('"I made a mistake, and I can learn from it." Extra. More.') == (
        "I made a mistake, and I can learn from it. Extra."
    )
    assert parse_balanced("") == ""


@given(st.text(max_size=400))
def test_parsing_any_model_reply_never_fails(reply: str) -> None:
    for item in parse_distortions(reply):
        assert item.name in [d.name for d in catalog.distortions()]
    assert len(parse_questions(reply)) <= 3
    assert isinstance(parse_balanced(reply), str)


def test_cli_suggest_without_a_model_prints_json() -> None:
    result = runner.invoke(
        app, ["distortions", "suggest", "--no-model", "--json", "They all think I'm an idiot"]
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    names = [s["name"] for s in data["suggestions"]]
    assert {"mind reading", "labeling"} <= set(names)
    assert all(set(s) == {"name", "reason"} for s in data["suggestions"])


def test_cli_suggest_text_output_and_nothing_found() -> None:
    result = runner.invoke(app, ["distortions", "suggest", "--no-model", "I made tea"])
    assert result.exit_code == 0
    assert "No thinking pattern stands out" in result.stdout
    thought = "It is either [b]perfect[/b] or nothing"
    result = runner.invoke(app, ["distortions", "suggest", "--no-model", thought])
    assert "either [b]perfect[/b] or" in result.stdout  # the person's words, literally


def test_cli_suggest_file_prints_one_json_line_per_thought(tmp_path: Path) -> None:
    thoughts = tmp_path / "thoughts.txt"
    thoughts.write_text("I should exercise more\n\nI made tea\n", encoding="utf-8")
    result = runner.invoke(app, ["distortions", "suggest", "--no-model", "--file", str(thoughts)])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(lines) == 3
    assert lines[0]["suggestions"][0]["name"] == "should statements"
    assert lines[1] == {"suggestions": []} and lines[2] == {"suggestions": []}


def test_cli_suggest_needs_text_or_file_and_one_model_choice() -> None:
    assert runner.invoke(app, ["distortions", "suggest", "--no-model"]).exit_code == 1
    result = runner.invoke(app, ["distortions", "suggest", "--no-model", "--model", "x", "hi"])
    assert result.exit_code == 1


def test_cli_suggest_with_a_missing_model_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "nope.gguf"
    result = runner.invoke(app, ["distortions", "suggest", "--model", str(missing), "I'm a loser"])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


class RecordingEngine:
    """Stands in for companion.core.llm's Engine: records the prompt, answers like a weak model."""

    def __init__(self, reply: str) -> None:
        self.reply = reply
        self.calls: list[tuple[str, dict[str, Any]]] = []

    def complete(self, messages: Any, **options: Any) -> str:
        self.calls.append((messages[-1]["content"], options))
        return self.reply


def test_ai_help_fills_the_shipped_prompts_and_asks_greedily() -> None:
    from companion.core.exercises import ai

    engine = RecordingEngine('[{"name": "Labeling", "reason": "It uses a harsh label."}]')
    found = ai.model_distortions(engine, "I'm a failure", "Lost my job")
    assert [s.name for s in found] == ["labeling"]
    prompt, options = engine.calls[-1]
    assert "I'm a failure" in prompt and "Lost my job" in prompt and "Mind reading" in prompt
    assert options["temperature"] == 0.0 and options["seed"] == 0 and options["max_tokens"] <= 200

    engine.reply = "What would a friend say?\nIs there another way to see it?"
    questions = ai.socratic_questions(engine, "evidence", "What facts?", "Situation: bus")
    assert questions == ["What would a friend say?", "Is there another way to see it?"]
    assert "Situation: bus" in engine.calls[-1][0]

    engine.reply = "I lost my job, and I have found work before."
    assert ai.balanced_thought(engine, "I'm a failure", "lost job", "found work before") == (
        "I lost my job, and I have found work before."
    )
    assert "found work before" in engine.calls[-1][0]
