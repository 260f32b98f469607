"""Stretch imports: a jrnl plain-text journal and a Daylio CSV export."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlite_utils import Database
from typer.testing import CliRunner

from companion.core.store import checkins, journal
from companion.core.store.foreign_import import import_daylio, import_jrnl, parse_daylio, parse_jrnl
from companion.core.store.importer import ImportFileError
from companion.ui.cli import app

JRNL = """[2024-03-01 09:15] Morning pages
Slept badly but the walk helped. @sleep @Walk

[2024-03-02 21:40:05] Evening
A quiet day.
[not a date] stays in the body

2024-03-03 07:05 PM Third one @work
"""

DAYLIO = """\ufefffull_date,date,weekday,time,mood,activities,note_title,note
2024-03-02,March 2,Saturday,21:40,good,friends | reading,Nice,"Dinner &amp; a film<br>then bed"
2024-03-01,March 1,Friday,8:05 am,awful,,,
"""


def test_parse_jrnl_entries_tags_and_times() -> None:
    entries = parse_jrnl(JRNL)
    assert [e.body.splitlines()[0] for e in entries] == [
        "Morning pages",
        "Evening",
        "Third one @work",
    ]
    assert entries[0].tags == ["sleep", "walk"]
    assert "[not a date] stays in the body" in entries[1].body
    assert entries[2].moment.hour == 19 and entries[2].moment.tzinfo is not None
    with pytest.raises(ImportFileError, match="No jrnl entries"):
        parse_jrnl("just some text\nwithout dates")


def test_parse_daylio_rows_and_problems() -> None:
    rows = parse_daylio(DAYLIO)
    assert [r.mood for r in rows] == [7, 1]
    assert rows[0].note == "Nice\nDinner & a film\nthen bed\nActivities: friends, reading"
    assert rows[1].moment.hour == 8
    with pytest.raises(ImportFileError, match="unknown mood 'ecstatic'"):
        parse_daylio(DAYLIO.replace(",good,", ",ecstatic,"))
    with pytest.raises(ImportFileError, match="not a Daylio"):
        parse_daylio("a,b\n1,2\n")


def test_imports_write_in_one_go_and_dry_run_counts(db: Database, tmp_path: Path) -> None:
    (tmp_path / "j.txt").write_text(JRNL, encoding="utf-8")
    (tmp_path / "d.csv").write_text(DAYLIO, encoding="utf-8")
    assert import_jrnl(db, tmp_path / "j.txt", dry_run=True).total == 3
    assert journal.count_entries(db) == 0
    import_jrnl(db, tmp_path / "j.txt")
    import_daylio(db, tmp_path / "d.csv")
    assert journal.count_entries(db) == 3
    assert sorted(c.mood for c in checkins.list_checkins(db)) == [1, 7]
    assert {e.local_date for e in journal.list_entries(db)} == {
        "2024-03-01",
        "2024-03-02",
        "2024-03-03",
    }


def test_cli_import_from(tmp_path: Path) -> None:
    (tmp_path / "j.txt").write_text(JRNL, encoding="utf-8")
    result = CliRunner().invoke(app, ["import", str(tmp_path / "j.txt"), "--from", "jrnl"])
    assert result.exit_code == 0 and "Imported 3 rows" in result.output
    bad = CliRunner().invoke(app, ["import", str(tmp_path / "j.txt"), "--from", "daylio"])
    assert bad.exit_code == 1
