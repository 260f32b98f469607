"""Export (JSON, Markdown, CSV, encrypted) and import (validated, dry run, round trip)."""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from companion.core.store import app_state as kv
from companion.core.store import (
    checkins,
    conversations,
    drafts,
    journal,
)
from companion.core.store import (
    exercise_records as exercises,
)
from companion.core.store import (
    questionnaire_results as assessments,
)
from companion.core.store import (
    safety_records as safety,
)
from companion.core.store.db import open_db
from companion.core.store.export import (
    ExportError,
    data_tables,
    export_document,
    seal,
    to_json,
    unseal,
    write_export,
)
from companion.core.store.importer import ImportFileError, import_document, import_file
from companion.core.store.search import search

NOW = datetime(2026, 11, 22, 9, 30, tzinfo=UTC)
SECRET = "the thing I never told anyone about the lighthouse"


def _fill(db: Database, texts: list[str]) -> None:
    for text in texts:
        body = text if text.replace("\x00", "").strip() else f"x{text}"
        journal.add_entry(db, body, tags=["a", text[:5]], now=NOW)
        checkins.add_checkin(db, 4, {"sad": 40}, note=text, now=NOW)
        record = exercises.start_exercise(db, "thought_record", now=NOW)
        exercises.complete_exercise(db, record.id, {"situation": text, "n": [1, 2]}, now=NOW)
        conv = conversations.create_conversation(db, text or "t", now=NOW)
        conversations.add_message(db, conv.id, "user", body, now=NOW, meta={"k": text})
        conversations.add_message(db, conv.id, "assistant", "ok", ttft_ms=1.5, now=NOW)
    assessments.add_questionnaire_result(db, "phq9", [1] * 9, 9, "mild", now=NOW)
    safety.set_safety_plan_section(db, "warning_signs", ["not sleeping", *texts[:2]], now=NOW)
    safety.record_safety_event(db, "concern", "journal", ["r1"], now=NOW)
    drafts.save_draft(db, "journal:new", "half a thought", now=NOW)
    kv.set_setting(db, "country", "GB")


def _roundtrip(texts: list[str]) -> tuple[dict[str, object], dict[str, object]]:
    with tempfile.TemporaryDirectory() as tmp:
        first = open_db(Path(tmp) / "a.db")
        _fill(first, texts)
        exported = export_document(first, now=NOW)
        first.close()
        second = open_db(Path(tmp) / "b.db")
        import_document(second, json.loads(json.dumps(exported)))
        again = export_document(second, now=NOW)
        second.close()
    return exported, again


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(min_size=1, max_size=60), min_size=1, max_size=3))
def test_export_import_export_is_identical(texts: list[str]) -> None:
    exported, again = _roundtrip(texts)
    assert exported == again


def test_json_export_is_complete(db: Database, tmp_path: Path) -> None:
    _fill(db, [SECRET])
    out = write_export(db, "json", tmp_path / "out.json", now=NOW)
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "companion-export"
    assert document["schema_version"] >= 3
    assert document["exported_at"] == "2026-11-22T09:30:00.000000+00:00"
    assert set(document["tables"]) == set(data_tables(db))
    assert {"journal_entries", "messages", "safety_plan", "drafts"} <= set(document["tables"])
    assert not any("_fts" in name for name in document["tables"])
    assert document["tables"]["journal_entries"][0]["body"] == SECRET
    assert out.stat().st_mode & 0o777 == 0o600


def test_markdown_and_csv_exports(db: Database, tmp_path: Path) -> None:
    _fill(db, [SECRET])
    md = write_export(db, "md", tmp_path / "out.md", now=NOW).read_text(encoding="utf-8")
    assert "## Journal" in md and SECRET in md and "## Safety plan" in md
    folder = write_export(db, "csv", tmp_path / "csv", now=NOW)
    rows = list(csv.DictReader((folder / "journal_entries.csv").open(encoding="utf-8")))
    assert rows[0]["body"] == SECRET
    assert all(f.stat().st_mode & 0o777 == 0o600 for f in folder.iterdir())
    zipped = write_export(db, "csv", tmp_path / "out.zip", now=NOW)
    with zipfile.ZipFile(zipped) as archive:
        text = archive.read("messages.csv").decode("utf-8")
    assert SECRET in next(csv.DictReader(io.StringIO(text)))["content"]


def test_encrypted_export_hides_the_text_and_imports_back(db: Database, tmp_path: Path) -> None:
    _fill(db, [SECRET])
    out = write_export(db, "json", tmp_path / "out.json.enc", passphrase="pass phrase", now=NOW)
    data = out.read_bytes()
    assert SECRET.encode() not in data and b"lighthouse" not in data
    with pytest.raises(ExportError, match="does not open"):
        unseal(data, "wrong")
    tampered = bytearray(data)
    tampered[-1] ^= 1
    with pytest.raises(ExportError):
        unseal(bytes(tampered), "pass phrase")
    fresh = open_db(tmp_path / "fresh.db")
    with pytest.raises(ImportFileError, match="passphrase"):
        import_file(fresh, out)
    report = import_file(fresh, out, passphrase="pass phrase")
    assert report.added["journal_entries"] == 1
    assert journal.list_entries(fresh)[0].body == SECRET
    assert unseal(seal(b"abc", "p"), "p") == b"abc"
    fresh.close()


def test_dry_run_writes_nothing_and_import_rebuilds_search(db: Database, tmp_path: Path) -> None:
    _fill(db, [SECRET])
    path = write_export(db, "json", tmp_path / "out.json", now=NOW)
    fresh = open_db(tmp_path / "fresh.db")
    report = import_file(fresh, path, dry_run=True)
    assert report.dry_run and report.added["journal_entries"] == 1
    assert journal.count_entries(fresh) == 0
    import_file(fresh, path)
    assert sorted(h.kind for h in search(fresh, "lighthouse")) == ["exercise", "journal", "message"]
    fresh.close()


def test_import_into_a_database_with_data_adds_alongside(db: Database, tmp_path: Path) -> None:
    _fill(db, ["first"])
    path = write_export(db, "json", tmp_path / "out.json", now=NOW)
    report = import_file(db, path)
    assert journal.count_entries(db) == 2
    assert report.skipped == {"drafts": 1, "safety_plan": 1, "settings": 1}
    convs = conversations.list_conversations(db)
    assert len(convs) == 2
    assert all(len(conversations.list_messages(db, c.id)) == 2 for c in convs)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda d: d.update(format="other"), "not a companion export"),
        (lambda d: d.update(schema_version=999), "newer version"),
        (lambda d: d["tables"].update(evil=[]), "Unknown table"),
        (lambda d: d["tables"]["journal_entries"][0].pop("body"), "missing 'body'"),
        (lambda d: d["tables"]["checkins"][0].update(mood="high"), "wrong type"),
        (lambda d: d["tables"]["messages"][0].update(conversation_id=77), "not in the export"),
        (lambda d: d["tables"]["journal_entries"][0].update(extra=1), "unknown fields"),
    ],
)
def test_invalid_exports_are_refused_and_change_nothing(
    db: Database, tmp_path: Path, change: object, message: str
) -> None:
    _fill(db, ["x"])
    document = json.loads(to_json(db, now=NOW))
    change(document)  # type: ignore[operator]
    fresh = open_db(tmp_path / "fresh.db")
    with pytest.raises(ImportFileError, match=message):
        import_document(fresh, document)
    assert all(fresh.table(name).count == 0 for name in data_tables(fresh))
    fresh.close()


def test_not_json_is_a_clear_error(tmp_path: Path, db: Database) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{nope", encoding="utf-8")
    with pytest.raises(ImportFileError, match="not a JSON export"):
        import_file(db, bad)
