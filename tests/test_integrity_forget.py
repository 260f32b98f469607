"""Forgetting means forgetting: deleted rows leave the backups, edited words leave the search
index, and saved model state is overwritten before it is unlinked."""

from __future__ import annotations

import os
from pathlib import Path

from sqlite_utils import Database
from typer.testing import CliRunner

from companion.core import paths
from companion.core.store import backup, journal
from companion.core.store.backup_scrub import describe, scrub_backups
from companion.core.store.forget import scrub

SECRET = "quixotic zeppelin marmalade"
TOKENS = [b"quixotic", b"zeppelin", b"marmalad"]


def _bytes(file: Path) -> bytes:
    out = b""
    for suffix in ("", "-wal", "-journal"):
        side = file.with_name(file.name + suffix)
        if side.exists():
            out += side.read_bytes()
    return out


def test_deleted_rows_are_removed_from_the_backups(db: Database) -> None:
    keep = journal.add_entry(db, "an ordinary entry about the garden")
    gone = journal.add_entry(db, f"Today: {SECRET}.")
    made = backup.backup_now(db)
    assert SECRET.encode() in made.read_bytes()
    journal.delete_entry(db, gone.id)
    scrub(db)
    report = scrub_backups(db)
    assert report.rewritten == [made] and report.rows_removed == 1 and not report.unreadable
    data = _bytes(made)
    assert not [t for t in TOKENS if t in data]
    assert backup.check_file(made) == []
    copy = Database(str(made))
    assert [r["id"] for r in copy["journal_entries"].rows] == [keep.id]
    copy.close()
    assert "rewritten without the deleted items" in describe(report)[0]


def test_forget_names_the_backups_it_cannot_open_and_offers_to_erase_them(db: Database) -> None:
    from companion.ui.cli import app

    journal.add_entry(db, "kept")
    backup.backup_now(db)
    folder = paths.backups_dir()
    made = backup.backup_time(backup.list_backups()[0])
    assert made is not None
    stranger = folder / backup.backup_name(made.replace(year=2020))
    stranger.write_bytes(os.urandom(4096))  # like a backup made under an earlier passphrase
    db.close()
    result = CliRunner().invoke(app, ["forget"])
    assert result.exit_code == 0, result.output
    assert stranger.name in result.output and "--erase-backups" in result.output
    result = CliRunner().invoke(app, ["forget", "--erase-backups", "--yes"])
    assert result.exit_code == 0, result.output
    assert list(folder.iterdir()) == []


def test_editing_an_entry_leaves_no_old_words_in_the_index(db: Database) -> None:
    from companion.ui.cli import app

    entry = journal.add_entry(db, f"first draft: {SECRET}")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    result = CliRunner().invoke(app, ["journal", "edit", str(entry.id), "--text", "plain words"])
    assert result.exit_code == 0, result.output
    data = _bytes(paths.db_path())
    assert not [t for t in TOKENS if t in data]


def test_saved_model_state_is_overwritten_before_it_is_unlinked() -> None:
    from companion.core.llm.session import delete_state

    folder = paths.ensure_private_dir(paths.state_dir())
    state = folder / "conversation-7.kv"
    state.write_bytes(SECRET.encode() * 100)
    witness = os.open(state, os.O_RDONLY)
    try:
        delete_state(7)
        assert not state.exists()
        assert os.pread(witness, 10_000, 0) == b"\0" * len(SECRET.encode() * 100)
    finally:
        os.close(witness)
