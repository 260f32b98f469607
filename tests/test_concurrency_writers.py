"""Two processes writing at once: every write lands and "database is locked" never surfaces."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import traceback
from pathlib import Path

import pytest

from companion.core import paths
from companion.core.store import conversations, journal
from companion.core.store.db import open_db

WRITES = 150


def test_cli_capture_waits_for_another_write_transaction(companion_home: Path) -> None:
    db = open_db()
    db.execute("BEGIN IMMEDIATE")
    journal.add_entry(db, "written inside a long transaction")
    process = subprocess.Popen(
        [sys.executable, "-m", "companion", "journal", "add", "captured from the CLI"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "COMPANION_HOME": str(companion_home)},
    )
    time.sleep(1.5)  # the CLI is now waiting on the lock
    db.execute("COMMIT")
    out, err = process.communicate(timeout=60)
    assert process.returncode == 0, err.decode()
    assert b"locked" not in out + err
    bodies = {entry.body for entry in journal.list_entries(db)}
    assert bodies == {"written inside a long transaction", "captured from the CLI"}
    db.close()


def _child(path: Path, label: str) -> None:
    """Read-then-write transactions, the pattern that fails at once under BEGIN DEFERRED."""
    code = 0
    try:
        db = open_db(path)
        conv = conversations.create_conversation(db, label)
        for i in range(WRITES):
            with db.atomic():
                count = db.execute("select count(*) from journal_entries").fetchone()[0]
                time.sleep(0.002)  # widen the window in which the other process commits
                journal.add_entry(db, f"{label} {i} after {count}")
            conversations.add_message(db, conv.id, "user", f"{label} message {i}")
        db.close()
    except BaseException:
        traceback.print_exc()
        code = 1
    finally:
        os._exit(code)


def test_two_processes_writing_at_once_all_land() -> None:
    path = paths.db_path()
    open_db(path).close()  # created (and migrated) before the race
    children = []
    for label in ("left", "right"):
        pid = os.fork()
        if pid == 0:  # pragma: no cover - the child
            _child(path, label)
        children.append(pid)
    codes = [os.waitpid(pid, 0)[1] for pid in children]
    assert codes == [0, 0]
    db = open_db(path)
    assert journal.count_entries(db) == 2 * WRITES
    for conv in conversations.list_conversations(db):
        assert len(conversations.list_messages(db, conv.id)) == WRITES
    db.close()


def test_encrypt_and_restore_refuse_while_another_process_has_the_database_open(
    companion_home: Path,
) -> None:
    from companion.core.store import backup, crypto

    db = open_db()
    journal.add_entry(db, "still here")
    backup.backup_now(db)
    db.close()
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from companion.core.store.db import open_db; db = open_db(); "
            "print('open', flush=True); sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        env={**os.environ, "COMPANION_HOME": str(companion_home)},
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == b"open"
        before = paths.db_path().read_bytes()
        with pytest.raises(crypto.PassphraseError, match="open in another"):
            crypto.encrypt_database(paths.db_path(), "a passphrase")
        with pytest.raises(backup.BackupError, match="open in another"):
            backup.restore()
        assert paths.db_path().read_bytes() == before
    finally:
        holder.communicate(b"", timeout=30)
    crypto.encrypt_database(paths.db_path(), "a passphrase")  # fine once it has closed
    assert crypto.needs_passphrase(paths.db_path())
