"""`companion assess`, `mood` and `insights` through the CLI, item 9 routing included."""

from __future__ import annotations

import json

import pytest
import typer
from typer.testing import CliRunner

from companion.core.store import open_db
from companion.core.store.checkins import add_checkin
from companion.core.store.questionnaire_results import list_questionnaire_results
from companion.core.store.safety_records import list_safety_events
from companion.ui.cli import insights as cli


@pytest.fixture
def app() -> typer.Typer:
    """Only these commands (so the tests do not depend on the other command modules)."""
    application = typer.Typer()

    @application.callback()
    def _root() -> None:
        pass

    cli.register(application)
    return application


def run(app: typer.Typer, *args: str, stdin: str | None = None) -> tuple[int, str]:
    result = CliRunner().invoke(app, list(args), input=stdin)
    return result.exit_code, result.output


def test_assess_answers_json(app: typer.Typer) -> None:
    code, out = run(app, "assess", "gad7", "--answers", "2,2,2,2,1,1,0", "--json")
    assert code == 0
    assert json.loads(out) == {
        "instrument": "gad7",
        "answers": [2, 2, 2, 2, 1, 1, 0],
        "total": 10,
        "band": "moderate",
        "safety_flag": False,
    }
    db = open_db()
    assert [(a.instrument, a.total, a.band) for a in list_questionnaire_results(db)] == [
        ("gad7", 10, "moderate")
    ]
    assert list_safety_events(db) == []


@pytest.mark.parametrize(
    ("answers", "message"),
    [("1,2", "has 9 questions"), ("0,0,0,0,0,0,0,0,4", "Answer 9 must be 0, 1, 2 or 3")],
)
def test_assess_validates_answers(app: typer.Typer, answers: str, message: str) -> None:
    code, out = run(app, "assess", "phq9", "--answers", answers)
    assert code == 1 and message in out
    assert list_questionnaire_results(open_db()) == []


def test_unknown_questionnaire(app: typer.Typer) -> None:
    code, out = run(app, "assess", "bdi", "--answers", "1")
    assert code == 1 and "phq9 or gad7" in out


def test_item9_opens_the_safety_flow_even_with_a_minimal_total(app: typer.Typer) -> None:
    code, out = run(app, "assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,1")
    assert code == 0
    assert "minimal" in out
    assert "emergency" in out.lower() or "sos" in out.lower()
    events = list_safety_events(open_db())
    assert [(e["level"], e["source"], e["reasons"]) for e in events] == [
        ("crisis", "assessment", ["phq9_item9"])
    ]


def test_item9_with_json_keeps_stdout_json(app: typer.Typer) -> None:
    result = CliRunner().invoke(app, ["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,2", "--json"])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["safety_flag"] is True
    assert "findahelpline.com" in result.stderr
    assert len(list_safety_events(open_db())) == 1


def test_assess_asks_in_the_terminal(app: typer.Typer) -> None:
    code, out = run(app, "assess", "phq9", stdin="1\n1\n7\n1\n1\n1\n1\n1\n1\n0\n")
    assert code == 0
    assert "Please type 0, 1, 2 or 3." in out
    assert "Over the last 2 weeks" in out
    assert "Your PHQ-9 score is 8 out of 27: mild." in out
    assert "not a diagnosis" in out and "Pfizer" in out
    assert "professional," not in out
    assert list_questionnaire_results(open_db())[0].answers == [1, 1, 1, 1, 1, 1, 1, 1, 0]


def test_moderate_suggests_a_professional(app: typer.Typer) -> None:
    code, out = run(app, "assess", "phq9", "--answers", "2,2,2,2,2,0,0,0,0")
    assert code == 0 and "10 out of 27: moderate" in out and "professional," in out


def test_mood_and_insights(app: typer.Typer) -> None:
    code, out = run(app, "mood")
    assert code == 0 and "No check-ins" in out
    code, out = run(app, "insights")
    assert code == 0 and "Nothing to show yet" in out
    db = open_db()
    add_checkin(db, 8)
    add_checkin(db, 4)
    code, out = run(app, "mood", "--days", "3")
    assert code == 0 and "··▅" in out and "6.0" in out
    code, out = run(app, "mood", "--json")
    assert json.loads(out)[0]["mean"] == 6.0
    code, out = run(app, "mood", "--by", "month", "--json")
    assert list(json.loads(out)[0]) == ["month", "mean", "checkins"]
    assert run(app, "mood", "--by", "year")[0] == 1
    code, out = run(app, "insights", "--json")
    assert json.loads(out)[0].startswith("Your average mood over the last 7 days was 6 out of 10")
