"""The quick path: plain sqlite3 for journal add/list/search, checkin and today, sqlite-utils
only when a migration is due, and every migration still applied."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from sqlite_utils import Database

from companion.core import paths
from companion.core.store import CorruptDatabaseError, journal, open_db
from companion.core.store.db import PassphraseRequiredError
from companion.core.store.migrations import migrations
from companion.core.store.quick import MIGRATIONS, PRAGMAS, open_quick, up_to_date


def test_the_quick_path_knows_every_migration() -> None:
    # A migration added without listing it here would make every quick command slow.
    assert [m.name for m in migrations._migrations] == list(MIGRATIONS)


def _pragmas(connection: sqlite3.Connection) -> dict[str, object]:
    names = [p.split()[1] for p in PRAGMAS]
    return {name: connection.execute(f"PRAGMA {name}").fetchone()[0] for name in names}


def test_quick_and_full_connections_have_the_same_pragmas(db: Database) -> None:
    quick = open_quick()
    try:
        assert _pragmas(quick) == _pragmas(db.conn)
        assert _pragmas(quick)["journal_mode"] == "wal"
    finally:
        quick.close()


def test_a_new_database_is_created_and_migrated() -> None:
    assert not paths.db_path().exists()
    connection = open_quick()
    try:
        assert up_to_date(connection)
        entry = journal.add_entry(connection, "first words #start")
        assert entry.tags == ["start"]
    finally:
        connection.close()
    assert (paths.db_path().stat().st_mode & 0o777) == 0o600


def test_a_pending_migration_is_applied_on_the_quick_path(db: Database) -> None:
    # As if the database was last opened by the version before tags were read from text.
    db.execute(
        "insert into journal_entries (created_utc, updated_utc, local_date, body, tags) "
        "values ('2026-01-01T00:00:00+00:00', '2026-01-01T00:00:00+00:00', '2026-01-01', "
        "'a day at #Work with @sam', '[\"Extra\"]')"
    )
    db.execute("delete from _sqlite_migrations where name = 'm004_tags_from_text'")
    db.close()
    connection = open_quick()
    try:
        assert up_to_date(connection)
        assert journal.list_entries(connection)[0].tags == ["extra", "sam", "work"]
    finally:
        connection.close()


def test_a_corrupt_file_gets_the_same_sentence_and_is_untouched() -> None:
    paths.ensure_private_dir(paths.db_path().parent)
    paths.db_path().write_bytes(b"not a database at all" * 100)
    before = paths.db_path().read_bytes()
    with pytest.raises(CorruptDatabaseError):
        open_quick()
    assert paths.db_path().read_bytes() == before


def test_an_encrypted_database_takes_the_full_path(monkeypatch: pytest.MonkeyPatch) -> None:
    full = open_db(passphrase="correct horse")
    journal.add_entry(full, "kept secret")
    full.close()
    from companion.core.store import crypto

    crypto.lock(paths.db_path())  # forget the key this process derived
    monkeypatch.setenv("COMPANION_PASSPHRASE", "correct horse")
    connection = open_quick()
    try:
        assert journal.list_entries(connection)[0].body == "kept secret"
    finally:
        connection.close()


def test_an_encrypted_database_without_passphrase_says_so(companion_home: Path) -> None:
    full = open_db(passphrase="correct horse")
    full.close()
    code = (
        "from companion.core.store.quick import open_quick\n"
        "from companion.core.store.db import PassphraseRequiredError\n"
        "try:\n    open_quick()\nexcept PassphraseRequiredError:\n    print('asked')\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ)
    )
    assert out.stdout.strip() == "asked", out.stderr
    assert issubclass(PassphraseRequiredError, Exception)  # the class the CLI turns into a prompt


def _modules_after(argv: list[str]) -> dict[str, object]:
    """Run the CLI in a fresh interpreter and report which heavy modules it imported."""
    code = (
        "import json, sys\n"
        f"sys.argv = {['companion', *argv]!r}\n"
        "from companion.ui.cli import main\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = ['sqlite_utils', 'numpy', 'dateutil', 'pluggy', 'sqlcipher3', 'argon2',"
        " 'textual', 'llama_cpp']\n"
        "sys.stderr.write(json.dumps({m: m in sys.modules for m in heavy}))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=dict(os.environ)
    )
    return dict(json.loads(out.stderr.strip().splitlines()[-1]))


@pytest.mark.parametrize(
    "argv",
    [
        ["journal", "add", "a walk by the river #walk"],
        ["journal", "list"],
        ["journal", "list", "--tag", "walk"],
        ["journal", "search", "river"],
        ["journal", "search", "#walk"],
        ["journal", "tags"],
        ["checkin", "6", "--note", "long day"],
        ["today"],
    ],
)
def test_quick_commands_import_nothing_heavy(db: Database, argv: list[str]) -> None:
    db.close()  # migrated, so no migration is due
    loaded = _modules_after(argv)
    assert not any(loaded.values()), loaded


def test_a_due_migration_still_runs_from_the_cli(db: Database) -> None:
    db.execute("delete from _sqlite_migrations where name = 'm004_tags_from_text'")
    db.close()
    loaded = _modules_after(["journal", "list"])
    assert loaded["sqlite_utils"]
    again = open_db()
    assert up_to_date(again.conn)
    again.close()
