"""Backups: daily at start, rotation after a checked copy, restore, corrupt files set aside."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlite_utils import Database

from companion.core import paths
from companion.core.store import backup, journal
from companion.core.store.db import CorruptDatabaseError, open_db

T0 = datetime(2026, 11, 1, 12, 0, tzinfo=UTC)


def _corrupt(path: Path) -> None:
    """Scribble over the middle of the file, keeping the SQLite header."""
    data = bytearray(path.read_bytes())
    for i in range(100, len(data)):
        data[i] = 0xA5
    path.write_bytes(bytes(data))


def test_auto_backup_is_daily_and_rotates(db: Database) -> None:
    journal.add_entry(db, "first entry")
    made = backup.auto_backup(db, keep=3, now=T0)
    assert made is not None and made.exists()
    assert backup.auto_backup(db, keep=3, now=T0 + timedelta(minutes=5)) is None
    for day in range(1, 6):
        assert backup.auto_backup(db, keep=3, now=T0 + timedelta(days=day)) is not None
    kept = backup.list_backups()
    assert len(kept) == 3
    assert kept[0].name == backup.backup_name(T0 + timedelta(days=5))
    assert all(p.stat().st_mode & 0o777 == 0o600 for p in kept)
    assert paths.backups_dir().stat().st_mode & 0o777 == 0o700
    assert backup.check_file(kept[0]) == []
    assert backup.auto_backup(db, keep=0, now=T0 + timedelta(days=9)) is None


def test_a_corrupt_database_never_replaces_a_good_backup(db: Database) -> None:
    journal.add_entry(db, "precious words")
    good = backup.auto_backup(db, keep=1, now=T0)
    assert good is not None
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    _corrupt(paths.db_path())
    try:
        broken = open_db()
    except CorruptDatabaseError:
        pass  # start-up refuses the file, so nothing can be copied from it
    else:
        with pytest.raises(backup.BackupError):
            backup.auto_backup(broken, keep=1, now=T0 + timedelta(days=1))
    assert backup.list_backups() == [good]
    assert backup.check_file(good) == []


def test_backup_of_a_damaged_open_database_is_refused(tmp_path: Path) -> None:
    target = tmp_path / "x.db"
    db = Database(target)
    db.table("t").insert({"body": "x" * 5000})
    for i in range(200):
        db.table("t").insert({"body": f"row {i} " * 100})
    db.close()
    good = backup.backup_now(open_db(target), now=T0)
    _corrupt(target)
    damaged = Database(str(target))
    with pytest.raises(backup.BackupError, match="integrity"):
        backup.auto_backup(damaged, keep=1, now=T0 + timedelta(days=1))
    assert backup.list_backups() == [good]


def test_restore_sets_the_current_file_aside(db: Database) -> None:
    journal.add_entry(db, "kept in the backup")
    made = backup.backup_now(db, now=T0)
    journal.add_entry(db, "written after the backup")
    db.close()
    current_bytes = paths.db_path().read_bytes()
    result = backup.restore()
    assert result.restored_from == made
    assert result.set_aside is not None and result.set_aside.read_bytes() == current_bytes
    restored = open_db()
    assert [e.body for e in journal.list_entries(restored)] == ["kept in the backup"]
    restored.close()
    assert paths.db_path().stat().st_mode & 0o777 == 0o600


def test_corrupt_file_is_set_aside_and_the_latest_good_backup_restored(db: Database) -> None:
    journal.add_entry(db, "older")
    backup.backup_now(db, now=T0)
    journal.add_entry(db, "newer")
    newest = backup.backup_now(db, now=T0 + timedelta(days=1))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    _corrupt(newest)  # the newest backup is bad: the one before it is chosen
    _corrupt(paths.db_path())
    corrupt_bytes = paths.db_path().read_bytes()
    with pytest.raises(CorruptDatabaseError, match="companion restore"):
        open_db()
    aside = backup.set_aside_corrupt(paths.db_path(), now=T0)
    assert aside.read_bytes() == corrupt_bytes
    assert not paths.db_path().exists()
    result = backup.restore()
    assert result.restored_from.name == backup.backup_name(T0)
    assert result.set_aside is None
    again = open_db()
    assert [e.body for e in journal.list_entries(again)] == ["older"]
    again.close()
    second = backup.set_aside_corrupt(paths.db_path(), now=T0)  # same name: never overwritten
    assert second != aside and aside.read_bytes() == corrupt_bytes


def test_encrypted_database_gives_encrypted_backups() -> None:
    secret = "the phrase nobody should read"
    db = open_db(passphrase="correct horse")
    journal.add_entry(db, secret)
    made = backup.backup_now(db, now=T0)
    db.close()
    assert secret.encode() not in made.read_bytes()
    assert backup.check_file(made, "correct horse") == []
    assert backup.check_file(made, "wrong") != []
    result = backup.restore(made, passphrase="correct horse")
    assert result.restored_from == made
    again = open_db(passphrase="correct horse")
    assert journal.list_entries(again)[0].body == secret
    again.close()


def test_no_backup_to_restore_is_a_clear_error() -> None:
    with pytest.raises(backup.BackupError, match="no good backup"):
        backup.restore()


def test_backups_of_an_unlocked_database_are_checked_with_the_kept_key() -> None:
    from companion.core.store import crypto

    db = open_db(passphrase="kept in memory")
    journal.add_entry(db, "x")
    made = backup.backup_now(db, now=T0)
    db.close()
    assert backup.check_file(made) != []  # nothing to open it with
    crypto.unlock(paths.db_path(), "kept in memory")
    try:
        assert backup.check_file(made) == []
        assert backup.latest_good_backup() == made
    finally:
        crypto.lock()
