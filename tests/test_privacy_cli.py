"""The privacy commands end to end through the Typer app."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.core import paths
from companion.core.store import backup, crypto
from companion.ui.cli import app

runner = CliRunner()
SECRET = "penguin tuxedo confession"


def run(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def fails(*args: str, env: dict[str, str] | None = None) -> str:
    result = runner.invoke(app, list(args), env=env, catch_exceptions=False)
    assert result.exit_code == 1, result.output
    return result.output


def test_export_import_roundtrip_through_the_cli(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    run("journal", "add", SECRET)
    out = tmp_path / "all.json"
    assert "Exported" in run("export", "--format", "json", "--output", str(out))
    assert json.loads(out.read_text())["tables"]["journal_entries"][0]["body"] == SECRET
    run("export", "--format", "md", "--output", str(tmp_path / "all.md"))
    run("export", "--format", "csv", "--output", str(tmp_path / "csv"))
    assert (tmp_path / "csv" / "journal_entries.csv").exists()
    monkeypatch.setenv("COMPANION_HOME", str(tmp_path / "other-home"))
    assert "Would import" in run("import", str(out), "--dry-run")
    assert "Imported" in run("import", str(out))
    assert SECRET in run("journal", "list")
    assert "unknown" not in fails("import", str(tmp_path / "missing.json"))


def test_encrypt_then_use_then_decrypt(tmp_path: Path) -> None:
    run("journal", "add", SECRET)
    run("backup")
    env = {"COMPANION_PASSPHRASE": "hunter2 hunter2"}
    output = run("encrypt", env=env)
    assert "encrypted" in output
    path = paths.db_path()
    assert crypto.needs_passphrase(path)
    assert SECRET.encode() not in path.read_bytes()
    for made in backup.list_backups():  # the plain backup was erased, the new one is sealed
        assert SECRET.encode() not in made.read_bytes()
    assert "COMPANION_PASSPHRASE" in fails("journal", "list")
    assert "does not open" in fails("journal", "list", env={"COMPANION_PASSPHRASE": "nope"})
    assert SECRET in run("journal", "list", env=env)
    sealed = tmp_path / "x.json.enc"
    run("export", "--encrypt", "--output", str(sealed), env=env)
    assert SECRET.encode() not in sealed.read_bytes()
    assert "run this in a terminal" in fails("passphrase", "change", env=env)
    run("passphrase", "change", env={**env, "COMPANION_NEW_PASSPHRASE": "second one"})
    assert "does not open" in fails("journal", "list", env=env)
    env = {"COMPANION_PASSPHRASE": "second one"}
    assert SECRET in run("journal", "list", env=env)
    run("decrypt", env=env)
    assert SECRET in run("journal", "list")


def test_backup_restore_and_forget(tmp_path: Path) -> None:
    run("journal", "add", SECRET)
    assert "Backup written" in run("backup")
    run("journal", "add", "written later")
    assert "Add --yes" in fails("restore")
    output = run("restore", "--yes")
    assert "Restored" in output and "kept as" in output
    listing = run("journal", "list")
    assert SECRET in listing and "written later" not in listing
    assert "Add --yes" in fails("forget", "--all")
    assert "Erased" in run("forget", "--all", "--yes")
    assert SECRET not in run("journal", "list")
    assert backup.list_backups() == []
    assert "no good backup" in fails("restore", "--yes")


def test_sealed_exports_of_every_format_import_or_open(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import io
    import zipfile

    from companion.core.store.export import unseal

    env = {"COMPANION_PASSPHRASE": "export secret"}
    run("journal", "add", SECRET)
    for fmt, name in (("json", "a.json.enc"), ("md", "a.md.enc"), ("csv", "a.zip.enc")):
        out = tmp_path / name
        run("export", "--format", fmt, "--encrypt", "--output", str(out), env=env)
        data = out.read_bytes()
        assert SECRET.encode() not in data
        assert out.stat().st_mode & 0o777 == 0o600
        opened = unseal(data, "export secret")
        if fmt == "csv":
            with zipfile.ZipFile(io.BytesIO(opened)) as archive:
                assert SECRET in archive.read("journal_entries.csv").decode()
        else:
            assert SECRET in opened.decode()
    monkeypatch.setenv("COMPANION_HOME", str(tmp_path / "other"))
    assert "A passphrase is needed" in fails("import", str(tmp_path / "a.json.enc"))
    assert "Imported" in run("import", str(tmp_path / "a.json.enc"), env=env)
    assert SECRET in run("journal", "list")


def test_restore_a_named_backup_file(tmp_path: Path) -> None:
    run("journal", "add", "first")
    run("backup")
    older = backup.list_backups()[0]
    kept = tmp_path / "kept-copy.db"
    kept.write_bytes(older.read_bytes())
    run("journal", "add", "second")
    assert "Restored kept-copy.db" in run("restore", str(kept), "--yes")
    listing = run("journal", "list")
    assert "first" in listing and "second" not in listing
    assert "There is no file" in fails("restore", str(tmp_path / "nope.db"), "--yes")
