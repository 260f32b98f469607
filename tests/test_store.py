"""The store: migrations, CRUD, full-text search (including hostile queries), drafts."""

from __future__ import annotations

import sqlite3
import stat
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from companion.core import paths
from companion.core.store import (
    CorruptDatabaseError,
    StoreError,
    checkins,
    conversations,
    drafts,
    integrity_problems,
    journal,
    open_db,
    search,
)
from companion.core.store import (
    exercise_records as exercises,
)
from companion.core.store.migrations import migrations

NOON = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


def test_open_sets_pragmas_and_private_permissions(db: Database) -> None:
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert db.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL
    assert db.execute("PRAGMA busy_timeout").fetchone()[0] >= 5000
    journal.add_entry(db, "a private thought")
    folder = paths.data_dir()
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for file in folder.glob("companion.db*"):
        assert stat.S_IMODE(file.stat().st_mode) == 0o600, file


def test_upgrade_from_first_schema_keeps_data(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    old = Database(sqlite3.connect(path))
    migrations.apply(old, stop_before="m002_full_text_search")
    old.table("journal_entries").insert(
        {
            "created_utc": "2025-01-01T10:00:00+00:00",
            "updated_utc": "2025-01-01T10:00:00+00:00",
            "local_date": "2025-01-01",
            "body": "written before search existed",
            "tags": "[]",
        }
    )
    old.table("checkins").insert(
        {
            "created_utc": "2025-01-01T10:00:00+00:00",
            "local_date": "2025-01-01",
            "mood": 4,
            "emotions": '{"sad": 70}',
            "note": "old note",
        }
    )
    old.close()
    db = open_db(path)
    assert [m.name for m in migrations.pending(db)] == []
    entry = journal.list_entries(db)[0]
    assert entry.body == "written before search existed"
    assert checkins.list_checkins(db)[0].emotions == {"sad": 70}
    # rows written before FTS existed are searchable after the upgrade
    assert [hit.id for hit in search.search(db, "search")] == [entry.id]
    assert "follow_up_date" in db["exercises"].columns_dict


def test_journal_crud_and_order(db: Database) -> None:
    first = journal.add_entry(db, "first", ["work"], now=NOON)
    second = journal.add_entry(db, "second\nline", now=NOON.replace(hour=13))
    assert [e.id for e in journal.list_entries(db)] == [second.id, first.id]
    assert first.tags == ["work"] and first.local_date == "2026-03-14"
    updated = journal.update_entry(db, first.id, "first, edited", now=NOON.replace(hour=14))
    assert updated.body == "first, edited" and updated.updated_utc > updated.created_utc
    journal.delete_entry(db, first.id)
    with pytest.raises(KeyError):
        journal.get_entry(db, first.id)
    with pytest.raises(ValueError):
        journal.add_entry(db, "   \n ")


def test_bad_text_is_kept_literally(db: Database) -> None:
    nasty = "[bold]x[/bold] [link=https://example.com]y[/link] \x1b[31mred\x07 \u202eRTL עברית 🙂"
    saved = journal.add_entry(db, nasty + "\x00tail")
    assert journal.get_entry(db, saved.id).body == nasty + "tail"  # NUL removed, the rest kept
    huge = "word " * 200_000  # a 1 MB paste
    assert len(journal.get_entry(db, journal.add_entry(db, huge).id).body) == len(huge)


def test_search_ranks_snippets_and_forgets_deleted_rows(db: Database) -> None:
    a = journal.add_entry(db, "I worried about the exam all day. exam exam")
    journal.add_entry(db, "A calm walk by the river")
    b = journal.add_entry(db, "The exam went fine in the end")
    hits = search.search(db, "exam")
    assert [h.id for h in hits] == [a.id, b.id]
    assert search.MARK_START in hits[0].snippet and "exam" in hits[0].plain_snippet()
    assert [h.id for h in search.search(db, "riv")] != []  # prefix while typing
    journal.delete_entry(db, a.id)
    assert [h.id for h in search.search(db, "worried")] == []


def test_search_covers_exercises_and_messages(db: Database) -> None:
    record = exercises.start_exercise(db, "thought_record")
    exercises.save_draft(db, record.id, {"situation": "presentation at work"}, 1)
    chat = conversations.create_conversation(db)
    conversations.add_message(db, chat.id, "user", "my presentation tomorrow")
    kinds = {h.kind for h in search.search(db, "presentation")}
    assert kinds == {"exercise", "message"}


@pytest.mark.parametrize(
    "query",
    [
        '"',
        '""',
        "*",
        "-",
        "NEAR",
        "NEAR(a b)",
        "(",
        ")",
        "a OR",
        "AND",
        "NOT x",
        "^x",
        "x:y",
        "col:",
        "'",
        "\\",
        "\x00",
        "   ",
        "",
        "🙂",
        "a*b",
        '"unbalanced',
        "{x}",
        "[bold]",
    ],
)
def test_hostile_queries_never_raise(db: Database, query: str) -> None:
    journal.add_entry(db, "NEAR the river (x) and a [bold] word")
    assert isinstance(search.search(db, query), list)


@settings(max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=40))
def test_any_query_is_safe(db: Database, query: str) -> None:
    assert isinstance(search.search(db, query), list)


def test_drafts_round_trip(db: Database) -> None:
    drafts.save_draft(db, "journal:new", "half a thought")
    assert drafts.load_draft(db, "journal:new") == "half a thought"
    drafts.save_draft(db, "journal:new", "   ")
    assert drafts.load_draft(db, "journal:new") is None


def test_checkin_validation(db: Database) -> None:
    with pytest.raises(ValueError):
        checkins.add_checkin(db, 11)
    with pytest.raises(ValueError):
        checkins.add_checkin(db, 5, {"sad": 101})
    saved = checkins.add_checkin(db, 0, {"Sad ": 100}, "low day")
    assert saved.emotions == {"sad": 100}


def test_conversation_delete_removes_messages(db: Database) -> None:
    chat = conversations.create_conversation(db, "talk")
    conversations.add_message(db, chat.id, "user", "hello there")
    conversations.delete_conversation(db, chat.id)
    assert db.execute("select count(*) from messages").fetchone()[0] == 0
    assert search.search(db, "hello") == []


def test_corrupt_file_is_reported_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "companion.db"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    with pytest.raises(CorruptDatabaseError) as caught:
        open_db(path)
    assert "left untouched" in str(caught.value)
    assert path.read_bytes() == garbage


def test_truncated_database_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "companion.db"
    db = open_db(path)
    for n in range(200):
        journal.add_entry(db, f"entry {n} " * 50)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    try:
        reopened = open_db(path)
    except StoreError:
        return  # reported clearly
    assert integrity_problems(reopened) != []


def test_unwritable_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x")
    with pytest.raises(StoreError) as caught:
        open_db(blocker / "companion.db")
    assert "Cannot create the data folder" in str(caught.value)
