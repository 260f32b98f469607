"""Encryption at rest: SQLCipher through sqlite-utils, passphrases, conversions, no plaintext."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any, cast

import argon2.low_level as argon2_low_level
import pytest

from companion.core import paths
from companion.core.store import crypto, journal
from companion.core.store.db import (
    PassphraseRequiredError,
    WrongPassphraseError,
    integrity_problems,
    open_db,
)
from companion.core.store.search import search

PHRASE = "zebra-marmalade-umbrella"
SECRET = "my secret worry about the quarterly review"


def _files_bytes(path: Path) -> bytes:
    data = b""
    for suffix in ("", "-wal", "-shm"):
        file = path.with_name(path.name + suffix)
        if file.exists():
            data += file.read_bytes()
    return data


def test_sqlite_utils_behaves_on_an_encrypted_connection() -> None:
    db = open_db(passphrase=PHRASE)
    table = db.table("scratch")
    table.insert({"id": 1, "a": "x"}, pk="id")
    table.insert({"id": 2, "a": "y", "b": "new column"}, alter=True)
    assert db["scratch"].columns_dict == {"id": int, "a": str, "b": str}
    rows = list(db.query("insert into scratch (a) values ('z') returning id, a"))
    assert rows == [{"id": 3, "a": "z"}]
    db["never_existed"].drop(ignore=True)
    with pytest.raises(sqlite3.OperationalError):
        db["never_existed"].drop()
    with pytest.raises(sqlite3.IntegrityError):
        db.table("scratch").insert({"id": 1, "a": "duplicate"})
    with db.atomic():
        db.table("scratch").insert({"id": 10, "a": "in a transaction"})
    assert db["scratch"].count == 4
    assert integrity_problems(db) == []
    db.close()
    assert crypto.needs_passphrase(paths.db_path())


def test_a_known_phrase_appears_nowhere_in_the_encrypted_files() -> None:
    db = open_db(passphrase=PHRASE)
    journal.add_entry(db, SECRET)
    # before and after a checkpoint: the -wal holds the entry first, then the main file
    assert SECRET.encode() not in _files_bytes(paths.db_path())
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert SECRET.encode() not in _files_bytes(paths.db_path())
    assert b"quarterly" not in _files_bytes(paths.db_path())
    db.close()
    again = open_db(passphrase=PHRASE)
    assert journal.list_entries(again)[0].body == SECRET
    again.close()


def test_missing_and_wrong_passphrase_are_clear_and_change_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    open_db(passphrase=PHRASE).close()
    before = _files_bytes(paths.db_path())
    with pytest.raises(PassphraseRequiredError, match="encrypted"):
        open_db()
    with pytest.raises(WrongPassphraseError, match="does not open"):
        open_db(passphrase="not it")
    assert _files_bytes(paths.db_path()) == before
    monkeypatch.setenv("COMPANION_PASSPHRASE", PHRASE)
    open_db().close()


def test_encrypt_decrypt_and_change_passphrase_keep_every_row() -> None:
    db = open_db()
    entry = journal.add_entry(db, SECRET)
    db.close()
    path = paths.db_path()
    crypto.encrypt_database(path, PHRASE)
    assert crypto.needs_passphrase(path)
    assert SECRET.encode() not in _files_bytes(path)
    assert not path.with_name(path.name + ".old").exists()
    assert not path.with_name(path.name + ".converting").exists()
    assert path.stat().st_mode & 0o777 == 0o600

    crypto.change_passphrase(path, PHRASE, "a new one")
    with pytest.raises(WrongPassphraseError):
        open_db(passphrase=PHRASE)
    db = open_db(passphrase="a new one")
    assert journal.get_entry(db, entry.id).body == SECRET
    assert [hit.id for hit in search(db, "quarterly")] == [entry.id]
    db.close()

    crypto.decrypt_database(path, "a new one")
    assert not crypto.needs_passphrase(path)
    db = open_db()
    assert journal.get_entry(db, entry.id).body == SECRET
    assert integrity_problems(db, full=True) == []
    db.close()


def test_wrong_old_passphrase_leaves_the_file_alone() -> None:
    open_db(passphrase=PHRASE).close()
    path = paths.db_path()
    before = path.read_bytes()
    with pytest.raises(crypto.PassphraseError):
        crypto.change_passphrase(path, "wrong", "new")
    with pytest.raises(crypto.PassphraseError):
        crypto.encrypt_database(path, "again")
    assert path.read_bytes() == before


def test_empty_passphrase_is_refused() -> None:
    open_db().close()
    with pytest.raises(crypto.PassphraseError, match="empty"):
        crypto.encrypt_database(paths.db_path(), "")
    assert not crypto.needs_passphrase(paths.db_path())


def test_unlock_keeps_the_key_in_memory_for_every_thread() -> None:
    import threading

    open_db(passphrase=PHRASE).close()
    path = paths.db_path()
    with pytest.raises(crypto.PassphraseError):
        crypto.unlock(path, "wrong")
    assert not crypto.is_unlocked(path)
    crypto.unlock(path, PHRASE)
    try:
        results: list[int] = []

        def worker() -> None:
            db = open_db()  # no passphrase: the unlocked key is used
            results.append(journal.count_entries(db))
            db.close()

        thread = threading.Thread(target=worker)
        thread.start()
        thread.join()
        assert results == [0]
        crypto.change_passphrase(path, PHRASE, "another")
        assert not crypto.is_unlocked(path)  # a new salt: the old key is dropped
        with pytest.raises(PassphraseRequiredError):
            open_db()
    finally:
        crypto.lock()


def test_remove_securely_overwrites_the_bytes_before_unlinking(tmp_path: Path) -> None:
    import os

    secret_file = tmp_path / "plain.db"
    secret_file.write_bytes(SECRET.encode() * 1000)
    witness = os.open(secret_file, os.O_RDONLY)  # keeps the same bytes on disk reachable
    try:
        crypto.remove_securely(secret_file)
        assert not secret_file.exists()
        assert os.pread(witness, 100_000, 0) == b"\0" * len(SECRET.encode() * 1000)
    finally:
        os.close(witness)
    crypto.remove_securely(tmp_path / "missing")  # no error


def test_remove_securely_never_zeroes_a_file_that_has_another_name(tmp_path: Path) -> None:
    """A hard link (the database and its .old name during a swap) shares the bytes: erasing
    one name must not destroy the other (forget --all after an interrupted encrypt did)."""
    import os

    journal = tmp_path / "companion.db"
    journal.write_bytes(SECRET.encode() * 1000)
    os.link(journal, tmp_path / "companion.db.old")
    crypto.remove_securely(tmp_path / "companion.db.old")
    assert not (tmp_path / "companion.db.old").exists()
    assert journal.read_bytes() == SECRET.encode() * 1000


def test_a_key_is_derived_once_per_passphrase_and_salt(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bytes] = []
    real = argon2_low_level.hash_secret_raw

    def counting(secret: bytes, salt: bytes, **kwargs: object) -> bytes:
        calls.append(salt)
        return real(secret, salt, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(crypto, "hash_secret_raw", counting)
    crypto.lock()
    salt = b"s" * 16
    first = crypto.derive_key("same", salt)
    assert crypto.derive_key("same", salt) == first
    assert crypto.derive_key("other", salt) != first
    assert len(calls) == 2
    crypto.lock()
    crypto.derive_key("same", salt)
    assert len(calls) == 3


def test_neither_the_key_nor_the_passphrase_is_written_anywhere() -> None:
    from companion.core.store import backup

    db = open_db(passphrase=PHRASE)
    journal.add_entry(db, SECRET)
    backup.backup_now(db)
    salt = paths.db_path().read_bytes()[:16]
    key = crypto.derive_key(PHRASE, salt)
    needles = [key, key.hex().encode(), key.hex().upper().encode(), PHRASE.encode()]
    files = [p for p in paths.data_dir().rglob("*") if p.is_file()]
    assert any(p.name.endswith("-wal") for p in files)  # checked while the WAL is live
    for file in files:
        data = file.read_bytes()
        assert not any(needle in data for needle in needles), file
    db.close()


def test_model_state_is_not_kept_beside_an_encrypted_database(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from typer.testing import CliRunner

    from companion.core import paths
    from companion.core.llm.session import ChatSession
    from companion.core.store import open_db
    from companion.ui.cli import app as cli_app

    open_db().close()
    state = paths.ensure_private_dir(paths.state_dir()) / "conversation-1.kv"
    state.write_bytes(b"tokens of a private conversation")
    monkeypatch.setenv("COMPANION_PASSPHRASE", "a long passphrase")
    result = CliRunner().invoke(cli_app, ["encrypt"])
    assert result.exit_code == 0, result.output
    assert not state.exists()
    session = ChatSession.__new__(ChatSession)
    session.conversation_id = 1
    session._engine = cast(Any, object())
    assert session.save_state() is False
