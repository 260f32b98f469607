"""Deleting leaves no trace: the db file, its -wal and the FTS index are scanned for the words."""

from __future__ import annotations

from pathlib import Path

from sqlite_utils import Database

from companion.core import paths
from companion.core.store import backup, conversations, journal
from companion.core.store import exercise_records as exercises
from companion.core.store.export import write_export
from companion.core.store.forget import forget_all, scrub
from companion.core.store.search import search

# Distinctive words: each must vanish from the bytes, including the stemmed FTS terms.
PHRASE = "quixotic zeppelin marmalade"
TOKENS = [b"quixotic", b"zeppelin", b"marmalad", PHRASE.encode()]
KEEP = "an ordinary entry about the garden"


def _bytes(db_file: Path) -> bytes:
    out = b""
    for suffix in ("", "-wal"):
        file = db_file.with_name(db_file.name + suffix)
        if file.exists():
            out += file.read_bytes()
    return out


def _assert_gone(db_file: Path) -> None:
    data = _bytes(db_file)
    for token in TOKENS:
        assert token not in data, token


def test_single_deletions_then_scrub_leave_no_trace(db: Database) -> None:
    db_file = paths.db_path()
    keep = journal.add_entry(db, KEEP)
    entry = journal.add_entry(db, f"Today: {PHRASE}.")
    record = exercises.start_exercise(db, "thought_record")
    exercises.save_draft(db, record.id, {"situation": PHRASE}, 1)
    conv = conversations.create_conversation(db, "chat")
    conversations.add_message(db, conv.id, "user", f"I keep thinking {PHRASE}")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the words are now in the main file too
    assert PHRASE.encode() in _bytes(db_file)

    journal.delete_entry(db, entry.id)
    exercises.delete_exercise(db, record.id)
    conversations.delete_conversation(db, conv.id)
    assert scrub(db) is True

    _assert_gone(db_file)
    assert search(db, "zeppelin") == []
    assert [hit.id for hit in search(db, "garden")] == [keep.id]
    assert journal.get_entry(db, keep.id).body == KEEP


def test_forget_all_erases_rows_backups_exports_and_state(db: Database) -> None:
    journal.add_entry(db, PHRASE)
    made = backup.backup_now(db)
    exported = write_export(db, "json")
    state = paths.state_dir() / "kv-1.bin"
    paths.write_private_bytes(state, PHRASE.encode())
    report = forget_all(db)
    assert report.rows_deleted >= 1 and report.wal_truncated
    assert {made, exported, state} <= set(report.files_removed)
    assert not made.exists() and not exported.exists() and not state.exists()
    assert journal.count_entries(db) == 0
    _assert_gone(paths.db_path())
    journal.add_entry(db, "a new beginning")  # the database still works
    assert [h.kind for h in search(db, "beginning")] == ["journal"]
