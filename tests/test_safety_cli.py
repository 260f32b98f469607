"""`companion safety check`, `safety events`, `safety-plan`, `sos` and `country`."""

from __future__ import annotations

import json
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.ui.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.output


def test_check_text_prints_one_json_object() -> None:
    code, out = run("safety", "check", "I want to end my life")
    assert code == 0
    value = json.loads(out)
    assert value["level"] == "crisis" and value["reasons"]


def test_check_file_prints_one_json_line_per_message(tmp_path: Path) -> None:
    path = tmp_path / "messages.txt"
    path.write_text("this traffic is killing me\nI wish I were dead\nkms\n", encoding="utf-8")
    code, out = run("safety", "check", "--file", str(path))
    assert code == 0
    rows = [json.loads(line) for line in out.splitlines()]
    assert [row["level"] for row in rows] == ["none", "concern", "crisis"]
    assert [row["category"] for row in rows] == [None, "self", "self"]
    assert [row["layer"] for row in rows][1:] == ["rules", "rules"] or all(
        row["layer"] in {"rules", "learned"} for row in rows[1:]
    )
    assert set(rows[0]) == {"level", "reasons", "category", "layer"}


def test_check_reads_stdin_with_dash() -> None:
    code, out = run("safety", "check", "--file", "-", input="hello\nI want to kill myself\n")
    assert code == 0
    assert [json.loads(line)["level"] for line in out.splitlines()] == ["none", "crisis"]


def test_check_needs_exactly_one_input() -> None:
    code, _ = run("safety", "check")
    assert code == 1


def test_check_missing_file_is_one_sentence(tmp_path: Path) -> None:
    result = runner.invoke(app, ["safety", "check", "--file", str(tmp_path / "nope.txt")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_check_saves_nothing(db) -> None:  # type: ignore[no-untyped-def]
    from companion.core.store.safety_records import list_safety_events

    run("safety", "check", "I want to kill myself")
    assert list_safety_events(db) == []


def test_events_lists_level_and_source(db) -> None:  # type: ignore[no-untyped-def]
    from companion.core.safety import screen_user_text

    screen_user_text(db, "I want to end my life", "journal")
    code, out = run("safety", "events")
    assert code == 0
    assert "crisis" in out and "journal" in out
    assert "end my life" not in out


def test_plan_set_and_print_literally() -> None:
    code, _ = run("safety-plan", "set", "people_to_ask", "Sam [bold]0770[/bold]", "Alex")
    assert code == 0
    code, out = run("safety-plan")
    assert code == 0
    assert "Sam [bold]0770[/bold]" in out and "Alex" in out
    assert "4. People I can ask for help" in out


def test_plan_unknown_section_fails() -> None:
    code, _ = run("safety-plan", "set", "nonsense", "x")
    assert code == 1


def test_plan_edit_by_prompts() -> None:
    keys = "\n" * 6  # keep sections 1-6
    code, _ = run("safety-plan", "edit", "--prompt", input=keys + "c\nmy dog\nmy sister\n\n")
    assert code == 0
    _, out = run("safety-plan")
    assert "my dog" in out and "my sister" in out


def test_plan_edit_with_editor(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    script = tmp_path / "fake-editor"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "p = sys.argv[1]\n"
        "text = open(p).read()\n"
        "text = text.replace('## warning_signs: 1. My warning signs',"
        " '## warning_signs: 1. My warning signs\\n- not sleeping\\n- pulling away')\n"
        "open(p, 'w').write(text)\n",
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("EDITOR", str(script))
    code, out = run("safety-plan", "edit")
    assert code == 0, out
    _, out = run("safety-plan")
    assert "not sleeping" in out and "pulling away" in out


def test_sos_prints_helplines_and_plan() -> None:
    run("country", "NZ")
    run("safety-plan", "set", "reasons_for_living", "my niece")
    code, out = run("sos")
    assert code == 0
    assert "1737" in out and "111" in out
    assert "findahelpline.com" in out
    assert "my niece" in out


def test_sos_without_database_still_prints_helplines(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COMPANION_COUNTRY", "AU")
    code, out = run("sos")
    assert code == 0
    assert "13 11 14" in out and "000" in out


def test_sos_with_a_corrupt_database_still_prints_helplines() -> None:
    from companion.core import paths

    paths.ensure_private_dir(paths.db_path().parent)
    paths.db_path().write_bytes(b"this is not a database" * 100)
    code, out = run("sos")
    assert code == 0
    assert "findahelpline.com" in out


def test_sos_imports_no_textual_and_no_llama_cpp(companion_home: Path) -> None:
    code = (
        "import sys\n"
        "from companion.ui.cli import app\n"
        "try:\n"
        "    app(['sos'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "bad = [m for m in ('textual', 'llama_cpp') if m in sys.modules]\n"
        "print('HEAVY', bad)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert "HEAVY []" in result.stdout


def test_country_set_show_and_reject_unknown() -> None:
    code, out = run("country", "uk")
    assert code == 0 and "GB" in out
    code, out = run("country")
    assert code == 0 and out.startswith("GB")
    code, out = run("country", "ZZ")
    assert code == 1
    code, out = run("country", "--list")
    assert code == 0 and len(out.splitlines()) >= 30
