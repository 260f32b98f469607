"""Privacy and safety-net commands: encrypt, decrypt, passphrase change, export, import,
backup, restore, forget."""

from __future__ import annotations

import getpass
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from companion.ui.cli._common import console, fail, literal, store

passphrase_app = typer.Typer(help="Change the database passphrase.", no_args_is_help=True)

PASSPHRASE_ENV = "COMPANION_PASSPHRASE"
NEW_PASSPHRASE_ENV = "COMPANION_NEW_PASSPHRASE"  # `passphrase change` in scripts and tests


def register(app: typer.Typer) -> None:
    app.command("encrypt")(encrypt)
    app.command("decrypt")(decrypt)
    app.add_typer(passphrase_app, name="passphrase")
    app.command("export")(export)
    app.command("import")(import_command)
    app.command("backup")(backup_command)
    app.command("restore")(restore)
    app.command("forget")(forget)


def ask_passphrase(prompt: str, *, confirm: bool = False, env: bool = True) -> str:
    """COMPANION_PASSPHRASE when set (and ``env``), else asked without echo in a terminal."""
    value = os.environ.get(PASSPHRASE_ENV) if env else None
    if value:
        return value
    if sys.stdin is None or not sys.stdin.isatty():
        fail(f"A passphrase is needed: run this in a terminal or set {PASSPHRASE_ENV}.")
    first = getpass.getpass(f"{prompt}: ")
    if not first:
        fail("The passphrase cannot be empty; nothing was changed.")
    if confirm and getpass.getpass("Once more to confirm: ") != first:
        fail("The two passphrases differ; nothing was changed.")
    return first


def _db_path() -> Path:
    from companion.core import paths

    return paths.db_path()


def _ok(message: str) -> None:
    from rich.text import Text

    console.print(Text(message))


def encrypt() -> None:
    """Encrypt the database with a passphrase (SQLCipher, Argon2id key)."""
    from companion.core.store import backup, crypto
    from companion.core.store.db import open_db

    path = _db_path()
    if crypto.needs_passphrase(path):
        fail("The database is already encrypted; use `companion passphrase change`.")
    with store():
        pass  # creates and migrates the database if it is new
    phrase = ask_passphrase("New passphrase", confirm=True)
    old = backup.list_backups()
    try:
        # Erases the unencrypted backups and the saved model state (conversation tokens in the
        # clear) once the encrypted file is in place; a kill midway is finished at next start.
        crypto.encrypt_database(path, phrase)
    except crypto.PassphraseError as error:
        fail(str(error))
    db = open_db(path, passphrase=phrase)
    try:
        made = backup.backup_now(db)
    finally:
        db.close()
    _ok("The database is encrypted. Keep the passphrase safe: without it nothing can be read.")
    if old:
        _ok(f"{len(old)} unencrypted backup(s) were erased; a new encrypted one is {made.name}.")
    _ok("Exports you made earlier are not encrypted; delete any you no longer need.")


def decrypt() -> None:
    """Turn the encrypted database back into a plain SQLite file."""
    from companion.core.store import crypto

    path = _db_path()
    if not crypto.needs_passphrase(path):
        fail("The database is not encrypted.")
    try:
        crypto.decrypt_database(path, ask_passphrase("Passphrase"))
    except crypto.PassphraseError as error:
        fail(str(error))
    _ok("The database is no longer encrypted. Existing backups stay encrypted.")


@passphrase_app.command("change")
def passphrase_change() -> None:
    """Re-encrypt the database under a new passphrase."""
    from companion.core.store import crypto

    path = _db_path()
    if not crypto.needs_passphrase(path):
        fail("The database is not encrypted; use `companion encrypt` first.")
    old = ask_passphrase("Current passphrase")
    new = os.environ.get(NEW_PASSPHRASE_ENV) or ask_passphrase(
        "New passphrase", confirm=True, env=False
    )
    try:
        crypto.change_passphrase(path, old, new)
    except crypto.PassphraseError as error:
        fail(str(error))
    _ok("Passphrase changed. Backups made before now still open with the old one.")


def export(
    fmt: Annotated[str, typer.Option("--format", "-f", help="json, md or csv.")] = "json",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File (or folder for csv).")
    ] = None,
    encrypt_export: Annotated[
        bool, typer.Option("--encrypt", help="Seal the export with a passphrase (AES-GCM).")
    ] = False,
) -> None:
    """Export everything: JSON (complete, importable), Markdown (to read) or CSV."""
    from rich.text import Text

    from companion.core.store.export import FORMATS, ExportError, write_export

    if fmt not in FORMATS:
        fail(f"Unknown format {fmt!r}; choose json, md or csv.")
    phrase = ask_passphrase("Passphrase for the export", confirm=True) if encrypt_export else None
    with store() as db:
        try:
            target = write_export(db, fmt, output, passphrase=phrase)
        except ExportError as error:
            fail(str(error))
    console.print(Text("Exported to ").append(literal(str(target))))


def import_command(
    file: Annotated[Path, typer.Argument(help="A JSON export (encrypted or not).")],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and count, change nothing.")
    ] = False,
    source: Annotated[
        str,
        typer.Option(
            "--from", help="companion (a JSON export), jrnl (plain text) or daylio (CSV)."
        ),
    ] = "companion",
) -> None:
    """Import a JSON export made by `companion export`, a jrnl journal or a Daylio CSV."""
    from companion.core.store import foreign_import
    from companion.core.store.importer import ImportFileError, import_file, is_sealed

    if source not in ("companion", "jrnl", "daylio"):
        fail(f"Unknown source {source!r}; choose companion, jrnl or daylio.")
    if not file.is_file():
        fail(f"There is no file at {file}.")
    phrase = None
    if source == "companion" and is_sealed(file):
        phrase = ask_passphrase("Passphrase of the export")
    with store() as db:
        try:
            if source == "jrnl":
                report = foreign_import.import_jrnl(db, file, dry_run=dry_run)
            elif source == "daylio":
                report = foreign_import.import_daylio(db, file, dry_run=dry_run)
            else:
                report = import_file(db, file, passphrase=phrase, dry_run=dry_run)
        except ImportFileError as error:
            fail(str(error))
        if not dry_run:
            from companion.core.store.forget import scrub

            scrub(db)
    verb = "Would import" if dry_run else "Imported"
    parts = [f"{count} {name}" for name, count in report.added.items() if count]
    _ok(f"{verb} {report.total} rows" + (f" ({', '.join(parts)})" if parts else "") + ".")
    if report.skipped:
        kept = ", ".join(f"{count} {name}" for name, count in report.skipped.items())
        _ok(f"Kept what was already here instead of: {kept}.")


def backup_command() -> None:
    """Make a backup now (SQLite backup API, integrity-checked)."""
    from rich.text import Text

    from companion.core.store.backup import BackupError, backup_now

    with store() as db:
        try:
            made = backup_now(db)
        except BackupError as error:
            fail(str(error))
    console.print(Text("Backup written to ").append(literal(str(made))))


def restore(
    file: Annotated[
        Path | None, typer.Argument(help="A backup file; default: the latest good one.")
    ] = None,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Restore a backup. The current database is set aside, never overwritten."""
    from rich.text import Text

    from companion.core.store import backup, crypto

    if file is not None and not file.is_file():
        fail(f"There is no file at {file}.")
    chosen = file
    phrase = None
    if chosen is None:
        phrase = os.environ.get(PASSPHRASE_ENV) or None
        newest = backup.list_backups()
        if newest and crypto.is_encrypted(newest[0]) and phrase is None:
            phrase = ask_passphrase("Passphrase of the backups")
        chosen = backup.latest_good_backup(phrase)
        if chosen is None:
            fail("There is no good backup to restore.")
    elif crypto.is_encrypted(chosen):
        phrase = ask_passphrase("Passphrase of the backup")
    if not yes and not _confirm(f"Restore {chosen.name}? The current database is set aside."):
        fail("Nothing was changed.")
    try:
        result = backup.restore(chosen, passphrase=phrase)
    except backup.BackupError as error:
        fail(str(error))
    _ok(f"Restored {result.restored_from.name}.")
    if result.set_aside is not None:
        console.print(
            Text("The previous database was kept as ").append(literal(str(result.set_aside)))
        )


def _confirm(question: str) -> bool:
    if sys.stdin is None or not sys.stdin.isatty():
        fail("Add --yes to confirm (no terminal to ask in).")
    return typer.confirm(question, default=False)


def forget(
    everything: Annotated[bool, typer.Option("--all", help="Erase all your data.")] = False,
    erase_backups: Annotated[
        bool, typer.Option("--erase-backups", help="Also erase every backup file.")
    ] = False,
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask for confirmation.")] = False,
) -> None:
    """Erase all your data for good: database rows, backups, exports and model state."""
    from companion.core.store import forget as forgetting
    from companion.core.store.backup_scrub import describe, scrub_backups

    if not everything:
        if erase_backups and not yes and not _confirm("Erase every backup file?"):
            fail("Nothing was changed.")
        with store() as db:
            forgetting.scrub(db)
            report = None if erase_backups else scrub_backups(db)
        _ok("Deleted items are now erased from the database files. Use --all to erase all data.")
        if erase_backups:
            _ok(f"{len(forgetting.erase_backups())} backup files were erased.")
        elif report is not None:
            for line in describe(report) or ["The backups hold no deleted items."]:
                _ok(line)
        return
    if not yes and not _confirm("Erase ALL journal entries, exercises, chats and backups?"):
        fail("Nothing was changed.")
    from companion.core.store import editor_files

    with store() as db:
        result = forgetting.forget_all(db)
    editor_files.erase_all()  # text written in $EDITOR, even by an editor still open
    _ok(f"Erased {result.rows_deleted} rows and {len(result.files_removed)} files.")
    if not result.wal_truncated:
        _ok("Another companion window is open: close it and run this again to finish.")
