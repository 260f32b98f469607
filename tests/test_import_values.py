"""Import checks values, not only shapes: each bad value is one sentence naming the row and the
field, nothing is half-imported, a dry run and a real import agree, and whatever an import lets
in can be shown (insights, overview, exports) without failing."""

from __future__ import annotations

import copy
import json
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database
from typer.testing import CliRunner

from companion.core.insights import insight_sentences
from companion.core.insights.overview import overview
from companion.core.store import checkins, conversations, journal, open_db
from companion.core.store import exercise_records as exercises
from companion.core.store import safety_records as safety
from companion.core.store.export import data_tables, export_document, to_csv_files, to_markdown
from companion.core.store.importer import ImportFileError, import_document
from companion.ui.cli import app

runner = CliRunner()
NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


def _document() -> dict[str, Any]:
    """A small valid export with a row in the main tables."""
    import tempfile

    folder = Path(tempfile.mkdtemp())
    db = open_db(folder / "source.db")
    journal.add_entry(db, "a day by the sea", tags=["sea"], now=NOW)
    checkins.add_checkin(db, 6, {"calm": 40}, note="fine", now=NOW)
    record = exercises.start_exercise(db, "thought_record", now=NOW)
    exercises.complete_exercise(db, record.id, {"situation": "bus late"}, now=NOW)
    conv = conversations.create_conversation(db, "chat", now=NOW)
    conversations.add_message(db, conv.id, "user", "hello", now=NOW)
    safety.set_safety_plan_section(db, "warning_signs", ["not sleeping"], now=NOW)
    document = export_document(db, now=NOW)
    db.close()
    return document


BASE = _document()


def _counts(db: Database) -> dict[str, int]:
    return {name: db.table(name).count for name in data_tables(db)}


def _import_cli(tmp_path: Path, document: Any, *extra: str) -> tuple[int, str]:
    path = tmp_path / "export.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document))
    result = runner.invoke(app, ["import", str(path), *extra])
    return result.exit_code, result.stderr + result.stdout


def _with(table: str, column: str, value: Any, row: int = 0) -> dict[str, Any]:
    document = copy.deepcopy(BASE)
    document["tables"][table][row][column] = value
    return document


@pytest.mark.parametrize(
    ("table", "column", "value", "expected"),
    [
        ("checkins", "mood", 999, "checkins row 1: 'mood' must be from 0 to 10, not 999."),
        ("journal_entries", "local_date", "garbage", "'local_date' is not a date like"),
        ("journal_entries", "created_utc", "garbage", "'created_utc' is not a date and time"),
        ("journal_entries", "body", "a\x00b", "journal_entries row 1: 'body' holds a NUL"),
        ("journal_entries", "body", "x" * 5_000_001, "'body' is 5,000,001 characters long"),
        ("exercises", "data", "{not json", "exercises row 1: 'data' is not valid JSON."),
        ("journal_entries", "id", [1, 2], "journal_entries row 1: 'id' has the wrong type"),
        ("journal_entries", "local_date", "2026-13-40", "'local_date' is not a date like"),
        ("checkins", "emotions", '{"calm": 400}', "'emotions' holds a value that must be from"),
        ("messages", "role", "wizard", "'role' must be one of user, assistant, system"),
    ],
)
def test_a_bad_value_is_one_sentence_naming_row_and_field(
    tmp_path: Path, table: str, column: str, value: Any, expected: str
) -> None:
    code, out = _import_cli(tmp_path, _with(table, column, value))
    assert code == 1
    assert expected in " ".join(out.split())
    assert "unexpected problem" not in out
    db = open_db()
    assert sum(_counts(db).values()) == 0  # nothing half-imported
    db.close()


def test_a_row_without_id_and_deep_nesting_are_sentences(tmp_path: Path) -> None:
    document = copy.deepcopy(BASE)
    del document["tables"]["journal_entries"][0]["id"]
    code, out = _import_cli(tmp_path, document)
    assert code == 1 and "journal_entries row 1 is missing 'id'." in out
    code, out = _import_cli(tmp_path, "[" * 200_000 + "]" * 200_000)
    assert code == 1 and "nested too deeply" in out and "unexpected" not in out


def test_an_escape_in_a_field_name_never_reaches_the_terminal(tmp_path: Path) -> None:
    document = _with("journal_entries", "\x1b]0;pwned\x07title", "x")
    code, out = _import_cli(tmp_path, document)
    assert code == 1 and "unknown fields" in out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07title" in out


def test_json_output_and_exports_escape_controls_but_keep_text(tmp_path: Path) -> None:
    text = "csi\x9b31m esc\x1b[2J del\x7f [bold]kept[/bold]\nline two"
    db = open_db()
    journal.add_entry(db, text, now=NOW)
    db.close()
    out = runner.invoke(app, ["journal", "list", "--json"]).stdout
    assert not any(ch in out for ch in "\x9b\x1b\x7f")
    assert json.loads(out)[0]["body"] == text  # still exact JSON
    for fmt, name in (("md", "e.md"), ("json", "e.json")):
        result = runner.invoke(app, ["export", "--format", fmt, "-o", str(tmp_path / name)])
        assert result.exit_code == 0, result.output
        written = (tmp_path / name).read_text()
        assert not any(ch in written for ch in "\x9b\x1b\x7f")
        assert "[bold]kept[/bold]" in written
    assert "csi\\x9b31m esc\\x1b[2J del\\x7f" in (tmp_path / "e.md").read_text()
    result = runner.invoke(app, ["export", "--format", "csv", "-o", str(tmp_path / "csv")])
    assert result.exit_code == 0
    csv_text = (tmp_path / "csv" / "journal_entries.csv").read_text()
    assert "\x1b" not in csv_text and "esc\\x1b[2J" in csv_text


def test_jrnl_and_daylio_limits_are_sentences(tmp_path: Path) -> None:
    jrnl = tmp_path / "j.txt"
    jrnl.write_text("[2024-03-01 09:15] Title\n" + "x" * 5_000_001 + "\n")
    result = runner.invoke(app, ["import", str(jrnl), "--from", "jrnl"])
    assert result.exit_code == 1
    assert "jrnl entry 1 (dated 2024-03-01 09:15) is 5,000,0" in result.stderr
    daylio = tmp_path / "d.csv"
    header = "full_date,date,weekday,time,mood,activities,note_title,note\n"
    daylio.write_text(header + f'2024-03-01,March 1,Friday,09:15,good,,,"{"y" * 200_000}"\n')
    result = runner.invoke(app, ["import", str(daylio), "--from", "daylio"])
    assert result.exit_code == 1 and "line 2: the field 'note' is longer than" in result.stderr
    daylio.write_text(header + f'2024-03-01,March 1,Friday,09:15,good,,,"{"y" * 6_000_000}"\n')
    result = runner.invoke(app, ["import", str(daylio), "--from", "daylio"])
    assert result.exit_code == 1 and "cannot be read at line" in result.stderr
    daylio.write_bytes(header.encode() + b"2024-03-01,x,y,09:15,good,,,caf\xe9\n")
    result = runner.invoke(app, ["import", str(daylio), "--from", "daylio"])
    assert result.exit_code == 1 and "is not UTF-8 text" in result.stderr


# -- any value anywhere ------------------------------------------------------------------------

odd_values = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=30),
    st.sampled_from(
        [
            "garbage",
            "2026-13-01",
            "2026-02-30T10:00:00",
            "2026-03-14T09:30:00+00:00",
            "{}",
            "[]",
            '{"a": 1}',
            '["x", 2]',
            "2026-03-14",
            "0000-00-00",
            "\x00",
            "\x1b[31m",
            "null",
            "[1,",
        ]
    ),
    st.lists(st.integers(), max_size=3),
    st.dictionaries(st.text(max_size=5), st.integers(), max_size=2),
)


def _mutations() -> st.SearchStrategy[list[tuple[str, str, Any]]]:
    cells = [
        (table, column) for table, rows in BASE["tables"].items() if rows for column in rows[0]
    ]
    return st.lists(st.tuples(st.sampled_from(cells), odd_values), min_size=1, max_size=3).map(
        lambda pairs: [(t, c, v) for (t, c), v in pairs]
    )


def _outcome(db: Database, document: dict[str, Any], dry_run: bool) -> Any:
    try:
        report = import_document(db, document, dry_run=dry_run)
    except ImportFileError as error:
        message = str(error)
        assert "\x1b" not in message and "\x00" not in message
        return "refused"
    return report.added


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(changes=_mutations())
def test_any_import_goes_in_whole_or_not_at_all_and_can_be_shown(
    changes: list[tuple[str, str, Any]],
) -> None:
    import tempfile

    document = copy.deepcopy(BASE)
    for table, column, value in changes:
        document["tables"][table][0][column] = value
    db = open_db(Path(tempfile.mkdtemp()) / "c.db")
    try:
        dry = _outcome(db, copy.deepcopy(document), dry_run=True)
        assert sum(_counts(db).values()) == 0
        real = _outcome(db, copy.deepcopy(document), dry_run=False)
        assert dry == real
        if real == "refused":
            assert sum(_counts(db).values()) == 0
            return
        # what went in can be shown and exported
        insight_sentences(db, date(2026, 3, 20))
        overview(db, date(2026, 3, 20))
        to_markdown(db)
        to_csv_files(db)
        journal.list_entries(db)
        checkins.list_checkins(db)
    finally:
        db.close()
