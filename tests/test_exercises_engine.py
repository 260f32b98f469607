"""The headless exercise engine: definitions, every step type's validation, drafts, resume,
follow-ups, hand-offs and broken definition files."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from companion.core.exercises import (
    AnswerError,
    ExerciseSession,
    definition_problems,
    due_follow_ups,
    get_definition,
    load_definitions,
)
from companion.core.exercises.loader import DefinitionError, parse_definition
from companion.core.exercises.model import STEP_TYPES, Option, Step
from companion.core.exercises.validation import validate_answer
from companion.core.store import exercise_records as records

TODAY = date(2026, 3, 14)
NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)
ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = re.compile(r"\btherap|\bdiagnos|\btreat(?:s|ed|ing|ment)?\b")


def test_every_builtin_definition_loads_and_uses_every_step_type() -> None:
    definitions = load_definitions()
    assert definition_problems() == []
    expected = {
        "thought_record",
        "distortions_guide",
        "behavioural_activation",
        "behavioural_experiment",
        "exposure_ladder",
        "worry_time",
        "problem_solving",
        "paced_breathing",
        "grounding",
        "three_good_things",
        "self_compassion",
    }
    assert expected <= set(definitions)
    used = {step.type for d in definitions.values() for step in d.steps}
    assert used == set(STEP_TYPES)


def test_definitions_never_call_the_product_therapy() -> None:
    folder = ROOT / "companion" / "core" / "exercises"
    for path in [*folder.glob("definitions/*.toml"), folder / "data" / "distortions.toml"]:
        text = path.read_text(encoding="utf-8").lower()
        assert not FORBIDDEN.search(text), f"{path.name}: {FORBIDDEN.search(text)}"


def test_get_definition_accepts_dashes_and_names_the_known_ones() -> None:
    assert get_definition("thought-record").name == "thought_record"
    with pytest.raises(KeyError, match="known: "):
        get_definition("no_such_thing")


def _step(kind: str, **fields: object) -> Step:
    return Step(id="s", type=kind, prompt="?", **fields)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("step", "raw", "expected"),
    [
        (_step("text"), "  hello  ", "hello"),
        (_step("text", required=False), "   ", None),
        (_step("list"), ["a", " ", "b "], ["a", "b"]),
        (_step("list"), "a\nb", ["a", "b"]),
        (_step("rating100"), "70%", 70),
        (_step("rating100"), 0, 0),
        (_step("rating10"), "10", 10),
        (_step("choice", options=(Option("x", "X"), Option("y", "Y"))), "y", "y"),
        (
            _step("multichoice", options=(Option("x", "X"), Option("y", "Y"))),
            ["y", "x"],
            ["x", "y"],
        ),
        (_step("multichoice", options=(Option("x", "X"),), required=False), [], None),
        (
            _step("rated_list", item_label="emotion"),
            [{"name": "sad", "rating": "40"}],
            [{"name": "sad", "rating": 40}],
        ),
        (_step("rated_list"), {"sad": 40}, [{"name": "sad", "rating": 40}]),
        (_step("timed"), 12, 12),
        (_step("paced"), 3, 3),
        (_step("date"), "+1", "2026-03-15"),
        (_step("date"), "tomorrow", "2026-03-15"),
        (_step("date"), "2026-03-20", "2026-03-20"),
        (_step("quiz", catalog="distortions", correct=("labeling",)), "labeling", "labeling"),
        (_step("info"), "ignored", None),
        (_step("review"), None, None),
    ],
)
def test_valid_answers_are_normalised(step: Step, raw: object, expected: object) -> None:
    assert validate_answer(step, raw, {}, TODAY) == expected


def test_pros_cons_follow_an_earlier_list() -> None:
    step = _step("pros_cons", options_from="options")
    data = {"options": ["ask", "wait"]}
    raw = {"ask": {"pros": "quick", "cons": ""}, "wait": {"pros": "", "cons": ""}}
    assert validate_answer(step, raw, data, TODAY) == {"ask": {"pros": "quick", "cons": ""}}
    with pytest.raises(AnswerError, match="not one of the options"):
        validate_answer(step, {"other": {"pros": "x"}}, data, TODAY)
    with pytest.raises(AnswerError, match="at least one pro or con"):
        validate_answer(step, {"ask": {"pros": "", "cons": ""}}, data, TODAY)


@pytest.mark.parametrize(
    ("step", "raw", "message"),
    [
        (_step("text"), "", "write something"),
        (_step("text", max_length=5), "too long text", "too long"),
        (_step("list", min_items=3, item_label="good thing"), ["one"], "at least 3 good thing"),
        (_step("list", max_items=1), ["a", "b"], "at most"),
        (_step("rating100"), "101", "0 to 100"),
        (_step("rating100"), "-1", "0 to 100"),
        (_step("rating10"), "eleven", "0 to 10"),
        (_step("rating10"), True, "0 to 10"),
        (_step("choice", options=(Option("x", "X"),)), "z", "options shown"),
        (_step("multichoice", options=(Option("x", "X"),)), [], "choose at least one"),
        (_step("multichoice", options=(Option("x", "X"),)), ["q"], "not one of"),
        (
            _step("multichoice", options=(Option("x", "X"), Option("y", "Y")), max_choices=1),
            ["x", "y"],
            "at most 1",
        ),
        (_step("rated_list"), [{"name": "sad", "rating": None}], "rating for 'sad'"),
        (_step("rated_list", scale=10), [{"name": "sad", "rating": 11}], "0 to 10"),
        (_step("date"), "next week", "YYYY-MM-DD"),
        (_step("date", min_days=1), "today", "or later"),
        (_step("date", max_days=3), "+10", "or earlier"),
        (_step("timed"), "x", "whole number"),
    ],
)
def test_invalid_answers_get_a_clear_message(step: Step, raw: object, message: str) -> None:
    with pytest.raises(AnswerError, match=message):
        validate_answer(step, raw, {}, TODAY)


@given(st.one_of(st.text(max_size=20), st.integers(), st.floats(), st.none(), st.booleans()))
def test_ratings_either_accept_0_to_100_or_explain(raw: object) -> None:
    try:
        value = validate_answer(_step("rating100"), raw, {}, TODAY)
    except AnswerError as error:
        assert str(error)
    else:
        assert isinstance(value, int) and 0 <= value <= 100


def _walk(session: ExerciseSession, answers: list[object]) -> None:
    for answer in answers:
        session.submit(answer, today=TODAY, now=NOW)


def test_draft_is_saved_after_every_step_and_resumes(db: Database) -> None:
    definitions = load_definitions()
    session = ExerciseSession.start(db, definitions["thought_record"], now=NOW)
    _walk(session, ["Exam results", [{"name": "anxious", "rating": 80}]])
    saved = records.get_exercise(db, session.record.id)
    assert saved.status == "draft"
    assert saved.data["situation"] == "Exam results"
    resumed = ExerciseSession.resume(db, definitions, session.record.id)
    assert resumed.current is not None and resumed.current.id == "thoughts"
    resumed.back(now=NOW)
    assert resumed.current is not None and resumed.current.id == "emotions"
    assert resumed.initial_answer(resumed.current) == [{"name": "anxious", "rating": 80}]


def test_a_failed_answer_saves_nothing_and_does_not_move(db: Database) -> None:
    session = ExerciseSession.start(db, load_definitions()["three_good_things"], now=NOW)
    with pytest.raises(AnswerError, match="at least 3"):
        session.submit(["only one"], today=TODAY)
    assert session.index == 0
    assert records.get_exercise(db, session.record.id).data == {}


def test_thought_record_completes_into_a_structured_record(db: Database) -> None:
    definitions = load_definitions()
    session = ExerciseSession.start(db, definitions["thought_record"], now=NOW)
    assert session.current is not None and session.current.type == "text"
    _walk(
        session,
        [
            "Friend did not reply",
            [{"name": "sad", "rating": 70}],
            ["She is annoyed with me", "Nobody likes me"],
            "Nobody likes me",
            80,
            ["mind reading", "overgeneralization"],
            "She did not reply for a day",
            "She invited me last week",
            "She may be busy; people do like me",
            60,
            30,
        ],
    )
    step = session.current
    assert step is not None and step.id == "emotions_after"
    assert session.initial_answer(step) == [{"name": "sad", "rating": 70}]  # prefilled
    _walk(session, [[{"name": "sad", "rating": 30}], "", None])
    assert session.finished
    record = session.complete(now=NOW)
    assert record.status == "complete" and record.follow_up_date is None
    assert record.data["distortions"] == ["overgeneralization", "mind reading"]
    assert record.data["belief_after"] == 30
    assert "next_step" not in record.data


def test_experiment_due_tomorrow_shows_tomorrow_then_follow_up_clears_it(db: Database) -> None:
    definitions = load_definitions()
    session = ExerciseSession.start(db, definitions["behavioural_experiment"], now=NOW)
    _walk(session, ["If I speak up they laugh", 80, "They laugh", 70, "Ask one question"])
    _walk(session, [[], "+1", None])
    record = session.complete(now=NOW)
    assert record.follow_up_date == "2026-03-15"
    assert due_follow_ups(db, TODAY) == []
    due = due_follow_ups(db, TODAY + timedelta(days=1))
    assert [d.record_id for d in due] == [record.id]
    assert "Behavioural experiment" in due[0].line and "If I speak up" in due[0].line
    later = ExerciseSession.resume(db, definitions, record.id)
    assert later.phase == "follow_up" and later.current is not None
    assert later.current.id == "outcome"
    _walk(later, ["Nobody laughed", 0, 20, "It went fine", None])
    done = later.complete(now=NOW)
    assert done.follow_up_date is None and done.data["belief_rerating"] == 20
    assert due_follow_ups(db, TODAY + timedelta(days=5)) == []


def test_worry_time_hands_a_solvable_worry_to_problem_solving(db: Database) -> None:
    definitions = load_definitions()
    session = ExerciseSession.start(db, definitions["worry_time"], now=NOW)
    _walk(session, [["rent is due", "the weather"], "18:30", 5, ["rent is due"], "", "rent is due"])
    _walk(session, [None])
    session.complete(now=NOW)
    assert session.handoff() == ("problem_solving", {"problem": "rent is due"})
    follow_on = ExerciseSession.start(db, definitions["problem_solving"], prefill={"problem": "x"})
    assert follow_on.initial_answer(definitions["problem_solving"].steps[0]) == "x"


def test_exposure_ladder_prefills_the_last_ladder(db: Database) -> None:
    from companion.core.exercises.progress import exposure_progress_lines

    definitions = load_definitions()
    first = ExerciseSession.start(db, definitions["exposure_ladder"], now=NOW)
    ladder = [{"name": "phone a shop", "rating": 40}, {"name": "give a talk", "rating": 90}]
    _walk(first, [ladder, "phone a shop", 50, 70, 30, "", None])
    first.complete(now=NOW)
    second = ExerciseSession.start(db, definitions["exposure_ladder"], now=NOW)
    assert second.current is not None
    assert second.initial_answer(second.current) == ladder
    lines = exposure_progress_lines(db)
    assert lines[1].startswith("phone a shop (SUDS 40): 1x, 2026-03-14 50/70/30")
    assert lines[2] == "give a talk (SUDS 90): not practised yet"


def test_crisis_text_is_saved_and_reported(db: Database) -> None:
    session = ExerciseSession.start(db, load_definitions()["self_compassion"], now=NOW)
    result = session.submit("I want to kill myself", today=TODAY)
    assert result.safety_level == "crisis"
    assert records.get_exercise(db, session.record.id).data["difficulty"]
    from companion.core.store.safety_records import list_safety_events

    assert [e for e in list_safety_events(db) if e["source"] == "exercise"]


def _override(tmp: Path, name: str, text: str) -> Path:
    tmp.mkdir(parents=True, exist_ok=True)
    path = tmp / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


GOOD = """
name = "my_own"
title = "My own"
summary = "A person's own exercise."
psychoeducation = "Some kind words."
[[steps]]
id = "what"
type = "text"
prompt = "What?"
"""


def test_own_definitions_load_and_broken_ones_are_named(companion_home: Path) -> None:
    folder = companion_home / "exercises"
    _override(folder, "good.toml", GOOD)
    _override(folder, "bad_toml.toml", "name = \n")
    _override(folder, "bad_type.toml", GOOD.replace('type = "text"', 'type = "essay"'))
    _override(
        folder,
        "bad_ref.toml",
        GOOD.replace('prompt = "What?"', 'prompt = "?"\noptions_from = "later"'),
    )
    definitions = load_definitions()
    assert "my_own" in definitions and "thought_record" in definitions
    problems = {p.path.name: p.message for p in definition_problems()}
    assert set(problems) == {"bad_toml.toml", "bad_type.toml", "bad_ref.toml"}
    assert "not valid TOML" in problems["bad_toml.toml"]
    assert "unknown type 'essay'" in problems["bad_type.toml"]
    assert "'later', which is not an earlier step" in problems["bad_ref.toml"]
    assert str(folder / "bad_type.toml") in str(definition_problems()[1]) or any(
        str(folder) in str(p) for p in definition_problems()
    )


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.pop("title"), "needs 'title'"),
        (lambda d: d.update(extra=1), "unknown key"),
        (lambda d: d.update(steps=[]), "at least one"),
        (lambda d: d["steps"][0].update(id="Bad Id"), "lower-case"),
        (lambda d: d["steps"][0].update(colour="red"), "unknown key 'colour'"),
        (lambda d: d["steps"][0].update(type="choice"), "exactly one of"),
        (lambda d: d["steps"][0].update(required="yes"), "true or false"),
        (lambda d: d["steps"][0].update(type="paced", pattern="4-x"), "breathing pattern"),
        (lambda d: d["steps"][0].update(phase="follow_up"), "no date step with follow_up"),
        (lambda d: d["steps"][0].update(phase="later"), "phase must be"),
    ],
)
def test_definition_problems_say_what_is_wrong(change: object, message: str) -> None:
    import tomllib

    data = tomllib.loads(GOOD)
    change(data)  # type: ignore[operator]
    with pytest.raises(DefinitionError, match=message):
        parse_definition(data)


CHILD = """
import sys
from companion.core.store import open_db
from companion.core.exercises import ExerciseSession, load_definitions
db = open_db()
session = ExerciseSession.start(db, load_definitions()["thought_record"])
session.submit("Missed the bus")
session.submit([{"name": "annoyed", "rating": 60}])
session.keep_typing(session.current, "I always mess")
print(session.record.id, flush=True)
sys.stdin.read()
"""


def test_a_draft_survives_a_killed_process(companion_home: Path) -> None:
    env = {**os.environ, "COMPANION_HOME": str(companion_home)}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD],
        cwd=ROOT,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    record_id = int(child.stdout.readline())
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    assert child.returncode == -signal.SIGKILL
    from companion.core.store import open_db

    db = open_db()
    try:
        session = ExerciseSession.resume(db, load_definitions(), record_id)
        assert session.data["situation"] == "Missed the bus"
        assert session.current is not None and session.current.id == "thoughts"
        assert session.typed_text(session.current) == "I always mess"
    finally:
        db.close()
