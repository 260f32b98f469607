"""Interrupted file operations leave nothing wrong behind: each known kill point is hit with a
SIGKILL in a real `companion` process (COMPANION_KILL_AT names the step), and the next command
finishes or undoes the operation, says so in one line, and leaves no plaintext copy next to an
encrypted journal, no stray temporary file and every entry in place."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.integrity_lib import (
    PHRASE,
    cli,
    inspect,
    is_plaintext_db,
    journal_encrypted,
    leftovers,
    plaintext_copies,
)

ENTRIES = ["first entry", "second entry"]
KILLED = -9


def _journal(home: Path, *, backup: bool = True) -> None:
    for body in ENTRIES:
        assert cli(home, "journal", "add", body).code == 0
    if backup:
        assert cli(home, "backup").code == 0


def _db(home: Path, suffix: str = "") -> Path:
    return home / f"companion.db{suffix}"


def test_encrypt_killed_right_after_the_swap_is_finished_and_leaves_no_plaintext(
    companion_home: Path,
) -> None:
    _journal(companion_home)
    run = cli(companion_home, "encrypt", passphrase=PHRASE, kill_at="convert:swapped")
    assert run.code == KILLED
    assert is_plaintext_db(_db(companion_home, ".old"))  # the kill point was reached
    state = inspect(companion_home, PHRASE)  # the next process, any command
    assert state == {"bodies": ENTRIES[::-1], "problems": []}
    assert journal_encrypted(companion_home)
    assert plaintext_copies(companion_home) == []
    assert leftovers(companion_home) == []
    again = cli(companion_home, "encrypt", passphrase=PHRASE)
    assert "already encrypted" in again.err


def test_the_repair_is_reported_in_one_line(companion_home: Path) -> None:
    _journal(companion_home, backup=False)
    assert cli(companion_home, "encrypt", passphrase=PHRASE, kill_at="convert:swapped").code
    run = cli(companion_home, "journal", "list", passphrase=PHRASE)
    assert run.code == 0
    assert run.err.strip().count("\n") == 0 and "interrupted `encrypt` was finished" in run.err


def test_a_backup_killed_before_its_rename_leaves_a_private_partial_that_is_erased(
    companion_home: Path,
) -> None:
    _journal(companion_home, backup=False)
    assert cli(companion_home, "backup", kill_at="backup:copied").code == KILLED
    partials = list((companion_home / "backups").glob("*.partial"))
    assert len(partials) == 1 and partials[0].stat().st_mode & 0o777 == 0o600
    assert cli(companion_home, "encrypt", passphrase=PHRASE).code == 0
    assert plaintext_copies(companion_home) == []
    assert leftovers(companion_home) == []


def test_a_kill_between_link_and_replace_is_undone_and_forget_cannot_zero_the_journal(
    companion_home: Path,
) -> None:
    _journal(companion_home)
    assert cli(companion_home, "encrypt", passphrase=PHRASE, kill_at="convert:linked").code
    assert os.path.samefile(_db(companion_home), _db(companion_home, ".old"))
    run = cli(companion_home, "journal", "list")
    assert run.code == 0 and "rolled back" in run.err
    assert not journal_encrypted(companion_home)
    assert inspect(companion_home) == {"bodies": ENTRIES[::-1], "problems": []}
    assert leftovers(companion_home) == []


def test_forget_all_after_a_link_only_unlinks_the_second_name(companion_home: Path) -> None:
    """Even with the recovery bypassed, erasing .old never destroys the journal it links to."""
    from companion.core.store import files

    _journal(companion_home, backup=False)
    os.link(_db(companion_home), _db(companion_home, ".old"))
    files.erase(_db(companion_home, ".old"))
    assert inspect(companion_home) == {"bodies": ENTRIES[::-1], "problems": []}


@pytest.mark.parametrize(
    ("step", "expected"),
    [
        ("restore:copied", ["after the backup", *ENTRIES[::-1]]),
        ("restore:set-aside", ENTRIES[::-1]),
    ],
)
def test_an_interrupted_restore_is_finished_or_undone_never_an_empty_journal(
    companion_home: Path, step: str, expected: list[str]
) -> None:
    _journal(companion_home)
    assert cli(companion_home, "journal", "add", "after the backup").code == 0
    assert cli(companion_home, "restore", "--yes", kill_at=step).code == KILLED
    assert inspect(companion_home) == {"bodies": expected, "problems": []}
    assert leftovers(companion_home) == []
    if step == "restore:set-aside":
        assert list(companion_home.glob("companion.db.replaced-*"))


def test_decrypt_killed_midway_leaves_no_readable_plaintext_copy(companion_home: Path) -> None:
    _journal(companion_home, backup=False)
    assert cli(companion_home, "encrypt", passphrase=PHRASE).code == 0
    assert cli(companion_home, "decrypt", passphrase=PHRASE, kill_at="convert:exported").code
    converting = _db(companion_home, ".converting")
    assert converting.stat().st_mode & 0o777 == 0o600
    assert inspect(companion_home, PHRASE) == {"bodies": ENTRIES[::-1], "problems": []}
    assert journal_encrypted(companion_home)
    assert plaintext_copies(companion_home) == []
    assert leftovers(companion_home) == []


def test_an_export_killed_before_its_rename_leaves_nothing(companion_home: Path) -> None:
    _journal(companion_home, backup=False)
    assert cli(companion_home, "export", kill_at="export:before-rename").code == KILLED
    temps = list((companion_home / "exports").glob(".*.tmp-*"))
    assert len(temps) == 1 and temps[0].stat().st_mode & 0o777 == 0o600
    assert cli(companion_home, "journal", "list").code == 0
    assert leftovers(companion_home) == []


def test_forget_all_killed_while_erasing_copies_is_finished(companion_home: Path) -> None:
    _journal(companion_home)
    assert cli(companion_home, "export").code == 0
    assert cli(companion_home, "forget", "--all", "--yes", kill_at="forget:files").code == KILLED
    run = cli(companion_home, "journal", "list")
    assert "interrupted `forget --all` was finished" in run.err
    assert not [p for p in (companion_home / "backups").iterdir()]
    assert not [p for p in (companion_home / "exports").iterdir()]
    assert inspect(companion_home) == {"bodies": [], "problems": []}


def test_report_into_an_existing_folder_keeps_its_mode(
    companion_home: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    _journal(companion_home, backup=False)
    run = cli(companion_home, "report", "-o", str(folder / "r.html"))
    assert run.code == 0, run.err
    assert folder.stat().st_mode & 0o777 == 0o755
    assert (folder / "r.html").stat().st_mode & 0o777 == 0o600


def test_doctor_reports_leftovers_it_cannot_repair_yet(companion_home: Path) -> None:
    _journal(companion_home, backup=False)
    assert cli(companion_home, "backup", kill_at="backup:copied").code == KILLED
    run = cli(companion_home, "doctor")
    assert "interrupted operations" in run.out
    assert "An interrupted backup left a partial file; it was erased." in run.out + run.err


@pytest.mark.parametrize("step", ["forget:rows", "forget:deleted"])
def test_forget_all_killed_before_its_rows_are_gone_is_finished_on_the_next_start(
    companion_home: Path, step: str
) -> None:
    _journal(companion_home)
    assert cli(companion_home, "export").code == 0
    assert cli(companion_home, "forget", "--all", "--yes", kill_at=step).code == KILLED
    assert list((companion_home / "ops").glob("forget-*.json"))  # the kill point was reached
    assert cli(companion_home, "sos").code == 0  # a command that never opens the journal...
    assert list((companion_home / "ops").glob("forget-*.json"))  # ...leaves it for the next
    run = cli(companion_home, "journal", "list")
    assert run.code == 0, run.err
    assert run.err.strip() == (
        "An interrupted `forget --all` was finished: every entry was deleted and 2 copies "
        "were erased."
    )
    assert run.out.startswith("No entries yet.")
    assert not [p for p in (companion_home / "backups").iterdir()]
    assert not [p for p in (companion_home / "exports").iterdir()]
    assert inspect(companion_home) == {"bodies": [], "problems": []}
    assert leftovers(companion_home) == []


def test_an_interrupted_forget_of_an_encrypted_journal_is_finished_once_it_is_unlocked(
    companion_home: Path,
) -> None:
    _journal(companion_home, backup=False)
    assert cli(companion_home, "encrypt", passphrase=PHRASE).code == 0
    assert cli(companion_home, "backup", passphrase=PHRASE).code == 0
    run = cli(companion_home, "forget", "--all", "--yes", passphrase=PHRASE, kill_at="forget:rows")
    assert run.code == KILLED
    locked = cli(companion_home, "journal", "list")  # no passphrase: nothing can be finished
    assert locked.code != 0 and "encrypted" in locked.err
    run = cli(companion_home, "journal", "list", passphrase=PHRASE)
    assert run.code == 0 and "interrupted `forget --all` was finished" in run.err
    assert inspect(companion_home, PHRASE) == {"bodies": [], "problems": []}
    assert journal_encrypted(companion_home) and plaintext_copies(companion_home) == []
    assert not [p for p in (companion_home / "backups").iterdir()]
    assert leftovers(companion_home) == []
