"""`companion today`: silent when nothing is due, one or two lines otherwise, and --json."""

from __future__ import annotations

import json
from datetime import date, timedelta

from sqlite_utils import Database
from typer.testing import CliRunner

from companion.core.clock import today as local_today
from companion.core.config import Settings
from companion.core.insights.today import today_status
from companion.core.store import checkins
from companion.core.store import exercise_records as records
from companion.core.store.questionnaire_results import add_questionnaire_result
from companion.ui.cli import app

runner = CliRunner()
DAY = date(2026, 3, 14)


def test_no_checkin_yet_is_one_line(db: Database) -> None:
    status = today_status(db, Settings(), DAY)
    assert not status.checked_in and status.anything_due
    assert status.lines() == ["No mood check-in yet today: `companion checkin`."]


def test_follow_ups_and_questionnaires_due(db: Database) -> None:
    record = records.start_exercise(db, "behavioural_experiment")
    records.complete_exercise(db, record.id, {}, follow_up_date=DAY.isoformat())
    records.start_exercise(db, "thought_record")  # no follow-up: never due
    add_questionnaire_result(db, "phq9", [0] * 9, 0, "minimal")  # taken today (real clock)
    later = local_today() + timedelta(days=30)
    status = today_status(db, Settings(assessment_reminder_days=14), later)
    assert [f.record_id for f in status.follow_ups] == [record.id]
    assert [(q.key, q.days_since) for q in status.questionnaires] == [("phq9", 30)]
    lines = status.lines()
    assert len(lines) == 2
    assert lines[1] == (
        "Due: 1 to review (Behavioural experiment); PHQ-9 (mood), last taken 30 days ago. "
        "Open `companion` to see them."
    )
    off = today_status(db, Settings(assessment_reminder_days=0), later)
    assert off.questionnaires == []


def test_cli_is_silent_when_nothing_is_due(db: Database) -> None:
    checkins.add_checkin(db, 6)
    db.close()
    result = runner.invoke(app, ["today"])
    assert result.exit_code == 0 and result.output == ""
    result = runner.invoke(app, ["today", "--json"])
    document = json.loads(result.output)
    assert document["checked_in"] is True and document["anything_due"] is False


def test_cli_says_what_is_due(db: Database) -> None:
    db.close()
    result = runner.invoke(app, ["today"])
    assert result.exit_code == 0
    assert result.output == "No mood check-in yet today: `companion checkin`.\n"
