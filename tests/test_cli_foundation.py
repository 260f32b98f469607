"""The foundation CLI: journal, checkin, paths, config and doctor, as a person uses them."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.ui.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_journal_round_trip_prints_markup_literally() -> None:
    code, out, _ = run("journal", "add", "[bold]x[/bold] and [link=https://e.com]y[/link]")
    assert code == 0 and "Saved entry 1." in out
    code, out, _ = run("journal", "show", "1")
    assert "[bold]x[/bold] and [link=https://e.com]y[/link]" in out
    code, out, _ = run("journal", "list")
    assert "[bold]x[/bold]" in out
    code, out, _ = run("journal", "search", "bold")
    assert code == 0 and "[" in out and "x[/" in out
    entries = json.loads(run("journal", "list", "--json")[1])
    assert entries[0]["body"].startswith("[bold]x[/bold]")


def test_journal_add_from_stdin_edit_and_delete() -> None:
    code, out, _ = run("journal", "add", input="from a pipe\nsecond line\n")
    assert code == 0
    assert (
        json.loads(run("journal", "show", "1", "--json")[1])["body"] == "from a pipe\nsecond line\n"
    )
    assert run("journal", "edit", "1", "--text", "changed")[0] == 0
    assert json.loads(run("journal", "show", "1", "--json")[1])["body"] == "changed"
    code, out, _ = run("journal", "delete", "1", input="n\n")
    assert code == 0 and "Kept." in out
    assert run("journal", "delete", "1", "--yes")[0] == 0
    code, _, err = run("journal", "show", "1")
    assert code == 1 and "There is no journal entry 1." in err


def test_control_characters_are_made_visible() -> None:
    run("journal", "add", "bell\x07 escape\x1b[31m")
    out = run("journal", "show", "1")[1]
    assert "\x1b" not in out and "\\x1b[31m" in out and "\\x07" in out


def test_empty_entry_and_bad_checkin_are_one_sentence_errors() -> None:
    code, _, err = run("journal", "add", "   ")
    assert code == 1 and "needs some text" in err
    code, _, err = run("checkin", "12")
    assert code == 1 and "0 to 10" in err and "Traceback" not in err
    code, _, err = run("checkin", "5", "--emotion", "sad=140")
    assert code == 1 and "must be 0-100" in err and "Traceback" not in err
    code, _, err = run("checkin", "5", "--emotion", "=40")
    assert code == 1 and "needs an emotion's name" in err


def test_checkin_with_emotions_json() -> None:
    code, out, _ = run(
        "checkin", "6", "-e", "anxious=60", "-e", "calm=20", "--note", "[i]ok[/i]", "--json"
    )
    saved = json.loads(out)
    assert code == 0 and saved["mood"] == 6 and saved["emotions"] == {"anxious": 60, "calm": 20}
    assert saved["note"] == "[i]ok[/i]"


def test_search_with_fts_syntax_does_not_raise() -> None:
    run("journal", "add", "quotes and stars")
    for query in ['"', "*", "-x", "NEAR(", "()", "a OR"]:
        code, _, err = run("journal", "search", "--", query)
        assert code == 0, (query, err)


def test_paths_point_into_companion_home(companion_home: Path) -> None:
    locations = json.loads(run("paths", "--json")[1])
    assert locations["database"] == str(companion_home / "companion.db")
    assert all(value.startswith(str(companion_home)) for value in locations.values())


def test_invalid_config_names_file_and_line(companion_home: Path) -> None:
    companion_home.mkdir(parents=True, exist_ok=True)
    (companion_home / "config.toml").write_text('theme = "dark"\nn_ctx = "big"\n')
    code, _, err = run("config")
    assert code == 1 and "config.toml, line 2" in err and "n_ctx" in err
    (companion_home / "config.toml").write_text("theme = [unclosed\n")
    code, _, err = run("config")
    assert code == 1 and "config.toml" in err and "line 1" in err


def test_corrupt_database_is_reported_and_untouched(companion_home: Path) -> None:
    companion_home.mkdir(parents=True, exist_ok=True)
    db = companion_home / "companion.db"
    db.write_bytes(b"garbage" * 1000)
    code, _, err = run("journal", "list")
    assert code == 1 and "cannot be read" in err
    assert db.read_bytes() == b"garbage" * 1000


def _fresh_env(home: Path) -> dict[str, str]:
    return {**os.environ, "COMPANION_HOME": str(home)}


@pytest.mark.parametrize("flag", ["--help", "--version"])
def test_help_and_version_do_not_import_textual_or_llama(flag: str, companion_home: Path) -> None:
    code = (
        f"import sys; sys.argv=['companion', {flag!r}]\n"
        "from companion.ui.cli import app\n"
        "try:\n    app()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('textual', 'llama_cpp') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        env=_fresh_env(companion_home),
        check=True,
    ).stdout
    assert "HEAVY []" in out


def test_python_dash_m_works(companion_home: Path) -> None:
    out = subprocess.run(
        [sys.executable, "-m", "companion", "--version"],
        capture_output=True,
        text=True,
        env=_fresh_env(companion_home),
        check=True,
    ).stdout
    assert out.startswith("companion ")


def test_doctor_reports_each_check(companion_home: Path) -> None:
    code, out, _ = run("doctor")
    for name in ("python", "textual", "database", "model"):
        assert name in out
    assert "quick_check ok" in out
    assert code in (0, 1)


def test_saved_text_that_sounds_like_a_crisis_points_to_help() -> None:
    code, out, _ = run("journal", "add", "I am going to kill myself tonight")
    assert code == 0 and "Saved entry 1." in out and "companion sos" in out
    code, out, _ = run("checkin", "2", "--note", "I am going to kill myself tonight")
    assert code == 0 and "companion sos" in out
    code, out, _ = run("journal", "add", "A calm walk by the river")
    assert "companion sos" not in out


def test_json_output_stays_one_object_when_the_text_is_risky() -> None:
    # The crisis words go to stderr; stdout is what a script parses (it held both before).
    code, out, err = run("journal", "add", "--json", "I want to kill myself tonight")
    assert code == 0
    saved = json.loads(out)
    assert saved["body"] == "I want to kill myself tonight"
    assert saved["safety"] == {"level": "crisis", "category": "self", "layer": "rules"}
    assert "companion sos" in err
    code, out, err = run("checkin", "3", "--note", "i want to die", "--json")
    assert code == 0 and json.loads(out)["safety"]["level"] == "crisis"
    assert (
        json.loads(run("journal", "add", "--json", "a calm walk")[1])["safety"]["level"] == "none"
    )
