"""`companion exercise list/history/show/start`."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from typer.testing import CliRunner

from companion.core.exercises import ExerciseSession, load_definitions
from companion.ui.cli import app

runner = CliRunner()
NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def test_list_shows_every_exercise() -> None:
    result = runner.invoke(app, ["exercise", "list", "--json"])
    assert result.exit_code == 0
    names = {item["name"] for item in json.loads(result.stdout)}
    assert {"thought_record", "behavioural_experiment", "grounding"} <= names
    text = runner.invoke(app, ["exercise", "list"]).stdout
    assert "Thought record" in text


def _done_record() -> int:
    from companion.core.store import open_db

    db = open_db()
    try:
        session = ExerciseSession.start(db, load_definitions()["three_good_things"], now=NOW)
        for answer in (["[red]tea[/red]", "a walk", "a call"], "luck", None):
            session.submit(answer, today=date(2026, 3, 14))
        return session.complete(now=NOW).id
    finally:
        db.close()


def test_history_and_show() -> None:
    record_id = _done_record()
    result = runner.invoke(app, ["exercise", "history"])
    assert result.exit_code == 0 and "Three good things" in result.stdout
    result = runner.invoke(app, ["exercise", "history", "--type", "thought_record", "--json"])
    assert json.loads(result.stdout) == []
    assert runner.invoke(app, ["exercise", "history", "--type", "nope"]).exit_code == 1
    shown = runner.invoke(app, ["exercise", "show", str(record_id)])
    assert shown.exit_code == 0
    assert "- [red]tea[/red]" in shown.stdout  # literal, never markup
    data = json.loads(runner.invoke(app, ["exercise", "show", str(record_id), "--json"]).stdout)
    assert data["data"]["good_things"][1] == "a walk" and data["status"] == "complete"
    assert runner.invoke(app, ["exercise", "show", "999"]).exit_code == 1


def test_start_opens_the_app_on_the_exercise(monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    monkeypatch.setattr("companion.ui.cli.launch.open_tui", lambda start=None: opened.append(start))
    assert runner.invoke(app, ["exercise", "start", "thought-record"]).exit_code == 0
    assert opened == [("exercise", "thought_record")]
    result = runner.invoke(app, ["exercise", "start", "nope"])
    assert result.exit_code == 1 and not opened[1:]
