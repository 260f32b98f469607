"""A data folder that cannot be written and a database damaged past its header: one sentence
each and a non-zero exit, from the app, `doctor` and every command."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.core.store import db as store_db
from companion.core.store import journal, open_db
from companion.ui.cli import app as cli
from tests.tui_helpers import make_app

runner = CliRunner()


@pytest.fixture
def read_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite cannot create the file, as in an empty read-only folder (root ignores chmod)."""

    def refuse(*args: object, **kwargs: object) -> None:
        raise sqlite3.OperationalError("unable to open database file")

    monkeypatch.setattr(store_db, "_connect", refuse)


@pytest.mark.usefixtures("read_only")
async def test_the_app_with_a_read_only_folder_says_so_and_exits_1() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
    assert app.return_code == 1
    assert app.startup_error is not None
    assert "cannot be written to" in app.startup_error and "Traceback" not in app.startup_error


@pytest.mark.usefixtures("read_only")
def test_a_command_with_a_read_only_folder_says_so_and_exits_1() -> None:
    result = runner.invoke(cli, ["journal", "list"])
    assert result.exit_code == 1
    assert "cannot be written to" in result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit)


def _damage(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for index in range(4096 + 100, min(len(data), 4096 * 3)):
        data[index] = 0x41
    path.write_bytes(bytes(data))


def test_doctor_on_a_damaged_database_names_it_in_one_sentence(companion_home: Path) -> None:
    db = open_db()
    for number in range(40):
        journal.add_entry(db, f"entry {number} " + "padding " * 20)
    db.close()
    _damage(companion_home / "companion.db")
    result = runner.invoke(cli, ["doctor"])
    assert result.exit_code == 1
    text = " ".join(result.stdout.split())
    assert "is damaged (SQLite: database disk image is malformed)" in text
    assert "unexpected problem" not in result.stdout + result.stderr
    listed = runner.invoke(cli, ["journal", "list"])
    assert listed.exit_code == 1 and "unexpected problem" not in listed.stderr
