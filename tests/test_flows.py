"""The flows both front ends call (companion/core/flows), tested headless: no Textual, no Typer."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from companion.core.config import Settings
from companion.core.exercises import ExerciseSession, get_definition
from companion.core.flows.checkin import CheckinInput, parse_checkin, record_checkin
from companion.core.flows.drafts import CHECKIN_NOTE, DraftKey, DraftKind
from companion.core.flows.due import due_items
from companion.core.flows.errors import NotSaved
from companion.core.flows.exercise_help import suggest_for_step
from companion.core.flows.journal import save_entry
from companion.core.flows.questionnaire import keep_answers, load_answers, submit_questionnaire
from companion.core.insights.reminders import DueKind, Target
from companion.core.safety.flow import Resource
from companion.core.safety.types import Level
from companion.core.store import drafts, journal
from companion.core.store.journal import MAX_BODY_CHARS
from companion.core.store.safety_records import list_safety_events

CRISIS = "I want to kill myself tonight"
NOON = datetime(2026, 11, 2, 12, tzinfo=UTC)


def test_flows_import_no_front_end() -> None:
    code = (
        "import sys\n"
        "import companion.core.flows.journal, companion.core.flows.checkin, companion.core.flows.questionnaire\n"
        "import companion.core.flows.exercise_help, companion.core.flows.due, companion.core.flows.warm\n"
        "print(sorted(m for m in ('textual', 'typer', 'rich.console') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_quick_flows_do_not_import_sqlite_utils() -> None:
    """`journal add` and `checkin` stay on plain sqlite3 (store/quick.py)."""
    code = (
        "import sys\nimport companion.core.flows.journal, companion.core.flows.checkin\n"
        "print('sqlite_utils' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


# -- journal ------------------------------------------------------------------------------


def test_saving_an_entry_returns_the_safety_decision_with_the_entry(db: Database) -> None:
    saved = save_entry(db, "A calm walk by the river. #walk", now=NOON)
    assert journal.get_entry(db, saved.entry_id).body.startswith("A calm walk")
    assert saved.entry.tags == ["walk"] and not saved.edited
    assert saved.decision.level is Level.NONE and saved.decision.reply is None
    assert list_safety_events(db) == []


def test_a_crisis_entry_is_saved_and_the_decision_opens_help(db: Database) -> None:
    saved = save_entry(db, CRISIS)
    assert saved.decision.level is Level.CRISIS and saved.decision.open_help_now
    assert Resource.CRISIS_LINES in saved.decision.resources
    assert journal.get_entry(db, saved.entry_id).body == CRISIS  # nothing is lost
    (event,) = list_safety_events(db)
    assert event["source"] == "journal" and CRISIS not in str(event)  # never the text


def test_an_edit_is_an_edit(db: Database) -> None:
    first = save_entry(db, "first words")
    edited = save_entry(db, "second words", entry_id=first.entry_id)
    assert edited.edited and edited.entry_id == first.entry_id
    assert journal.get_entry(db, first.entry_id).body == "second words"
    with pytest.raises(KeyError):
        save_entry(db, "no such entry", entry_id=999)


def test_text_that_cannot_be_saved_still_gets_the_safety_decision(db: Database) -> None:
    with pytest.raises(NotSaved) as blank:
        save_entry(db, "   \n")
    assert blank.value.field == "text" and "needs some text" in str(blank.value)
    too_long = CRISIS + " " + "x" * MAX_BODY_CHARS
    with pytest.raises(NotSaved) as refused:
        save_entry(db, too_long)
    assert refused.value.decision is not None and refused.value.decision.open_help_now
    assert journal.count_entries(db) == 0


# -- check-in -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("mood", "emotions", "field"),
    [(None, "", "mood"), (11, "", "mood"), (5, "60", "emotions"), (5, "sad 140", "emotions")],
)
def test_a_check_in_that_does_not_fit_names_the_field(
    mood: int | None, emotions: str, field: str
) -> None:
    with pytest.raises(NotSaved) as error:
        parse_checkin(mood, emotions)
    assert error.value.field == field and str(error.value).endswith(".")


def test_a_check_in_uses_the_one_emotions_parser(db: Database) -> None:
    given = parse_checkin(4, "Anxious 60, tired=40\nsad", "long day")
    assert given == CheckinInput(4, {"anxious": 60, "tired": 40, "sad": 50}, "long day")
    saved = record_checkin(db, given, now=NOON)
    assert saved.checkin.emotions == given.emotions and saved.checkin.mood == 4
    assert saved.decision is not None and saved.decision.reply is None


def test_a_check_in_without_a_note_is_not_screened(db: Database) -> None:
    assert record_checkin(db, parse_checkin(7)).decision is None


def test_a_crisis_note_is_saved_and_answered_with_help(db: Database) -> None:
    saved = record_checkin(db, parse_checkin(1, "", CRISIS))
    assert saved.checkin.note == CRISIS
    assert saved.decision is not None and saved.decision.open_help_now
    assert [e["source"] for e in list_safety_events(db)] == ["checkin"]


# -- assessment ---------------------------------------------------------------------------


def test_phq9_item_9_is_a_crisis_whatever_the_total(db: Database) -> None:
    submitted = submit_questionnaire(db, "phq9", [0] * 8 + [1], now=NOON)
    assert submitted.score.total == 1 and submitted.score.band == "minimal"
    assert submitted.decision.level is Level.CRISIS and submitted.decision.open_help_now
    assert any("better off dead" in line for line in submitted.lines)
    assert [e["source"] for e in list_safety_events(db)] == ["assessment"]


def test_gad7_from_text_is_scored_and_saved_without_a_safety_event(db: Database) -> None:
    submitted = submit_questionnaire(db, "gad7", "3,3,3,2,2,1,1")
    assert submitted.score.total == 15 and submitted.score.band == "severe"
    assert submitted.decision.level is Level.NONE and not submitted.decision.open_help_now
    assert submitted.assessment_id > 0 and list_safety_events(db) == []
    with pytest.raises(NotSaved) as error:
        submit_questionnaire(db, "gad7", "3,3")
    assert error.value.field == "answers"


def test_answers_so_far_are_a_draft_until_submitted(db: Database) -> None:
    assert load_answers(db, "phq9") == []
    keep_answers(db, "phq9", [1, 2, 0])
    assert load_answers(db, "PHQ-9") == [1, 2, 0]
    drafts.save_draft(db, "assessment:gad7", "[1, 7]")  # not answers: start afresh
    assert load_answers(db, "gad7") == []
    submit_questionnaire(db, "phq9", [1, 2, 0, 0, 0, 0, 0, 0, 0])
    assert drafts.load_draft(db, "assessment:phq9") is None


# -- drafts and due items -----------------------------------------------------------------


@given(st.sampled_from(list(DraftKind)), st.text(min_size=0, max_size=20))
def test_a_draft_key_reads_back_as_written(kind: DraftKind, name: str) -> None:
    key = DraftKey(kind, name)
    assert DraftKey.parse(str(key)) == key


def test_draft_keys_keep_the_stored_spelling(db: Database) -> None:
    assert str(DraftKey.journal(None)) == "journal:new"
    assert str(DraftKey.journal(12)) == "journal:12"
    assert str(DraftKey.assessment("phq9")) == "assessment:phq9"
    assert str(CHECKIN_NOTE) == "checkin:note"
    assert DraftKey.parse("nonsense") is None and DraftKey.parse("other:thing") is None
    session = ExerciseSession.start(db, get_definition("thought_record"))
    step = session.steps[0]
    assert str(DraftKey.exercise(session.record.id, step.id)) == session.typing_key(step)


def test_due_items_are_typed_and_lead_somewhere(db: Database) -> None:
    today = date(2026, 11, 20)
    settings = Settings(assessment_reminder_days=14)
    assert due_items(db, settings, today) == []
    drafts.save_draft(db, "journal:new", "half a thought")
    drafts.save_draft(db, str(CHECKIN_NOTE), "a note")
    drafts.save_draft(db, "assessment:gad7", "[1, 2]")
    submit_questionnaire(db, "phq9", [0] * 9, now=datetime(2026, 11, 1, 12, tzinfo=UTC))
    session = ExerciseSession.start(db, get_definition("thought_record"))
    session.keep_typing(session.steps[0], "typed in an exercise")  # listed as the exercise
    items = due_items(db, settings, today)
    by_kind = {item.kind: item for item in items}
    assert {item.target for item in items if item.kind is DueKind.DRAFT} == {
        Target("new_entry"),
        Target("checkin"),
        Target("gad7"),
    }
    assert by_kind[DueKind.EXERCISE].target == Target("exercise_run", record_id=session.record.id)
    reminder = by_kind[DueKind.QUESTIONNAIRE]
    assert reminder.target == Target("phq9") and "19 days" in reminder.sentence
    assert [item.kind for item in items][-1] is DueKind.QUESTIONNAIRE
    assert DraftKey.parse("journal:3") is not None
    assert DraftKey.journal(3).due_item().target == Target("entry_editor", entry_id=3)


# -- exercises ----------------------------------------------------------------------------


def _thought_record_at(db: Database, step_id: str) -> ExerciseSession:
    session = ExerciseSession.start(db, get_definition("thought_record"))
    session.data.update(
        situation="The meeting",
        thoughts=["They think I'm useless"],
        hot_thought="They think I'm useless",
        evidence_for="Nobody replied",
        evidence_against="Sam thanked me",
    )
    session.index = [s.id for s in session.steps].index(step_id)
    return session


def test_suggestions_fill_the_prompt_from_the_record(db: Database) -> None:
    found = suggest_for_step(_thought_record_at(db, "distortions"), [])
    assert found.help is not None and found.help.rules is not None
    assert found.help.request.kind == "distortions"
    assert found.help.request.variables == {
        "thought": "They think I'm useless",
        "situation": "The meeting",
    }
    balanced = suggest_for_step(_thought_record_at(db, "balanced_thought"), "")
    assert balanced.help is not None and balanced.help.rules is None
    assert balanced.help.request.variables["evidence_against"] == "Sam thanked me"
    socratic = suggest_for_step(_thought_record_at(db, "evidence_for"), "some words")
    assert socratic.help is not None and socratic.help.request.kind == "socratic"


def test_suggestions_wait_when_the_typed_text_needs_help(db: Database) -> None:
    found = suggest_for_step(_thought_record_at(db, "evidence_for"), CRISIS)
    assert found.blocked and found.help is None
    assert found.decision is not None and found.decision.open_help_now


def test_the_review_step_adds_what_the_exercise_adds(db: Database) -> None:
    ladder = ExerciseSession.start(db, get_definition("exposure_ladder"))
    answers, extra = ladder.review_lines()
    assert extra == []  # no ladder completed yet: nothing to add
    session = _thought_record_at(db, "evidence_for")
    answers, extra = session.review_lines()
    assert extra == [] and any("The meeting" in answer for _, answer in answers)


def test_warm_up_loads_the_check_and_records_nothing(db: Database) -> None:
    from companion.core.flows import warm

    warm.warm_up()
    assert not warm.needed()  # the screens start no more workers in this process
    warm.warm_up()
    assert list_safety_events(db) == []
