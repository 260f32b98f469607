"""Text written in $EDITOR: 0600 files that survive a killed companion as a draft, are erased
at the next start, by `forget --all` and before `encrypt`, and never see the passphrase."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.core.store import drafts, editor_files, open_db
from companion.ui.cli import app

runner = CliRunner()


def _editor(tmp_path: Path, body: str) -> Path:
    """An "editor" script: runs ``body`` (sh) with $1 the file."""
    script = tmp_path / "editor.sh"
    script.write_text("#!/bin/sh\n" + body + "\n")
    script.chmod(0o755)
    return script


def _companion(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run companion with a terminal as standard input (so it opens $EDITOR, as for a person)."""
    main, tty = os.openpty()
    try:
        return subprocess.run(
            [sys.executable, "-m", "companion", *args],
            capture_output=True,
            text=True,
            env=env,
            timeout=60,
            stdin=tty,
        )
    finally:
        os.close(main)
        os.close(tty)


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env.update({"COMPANION_HOME": str(home), **extra})
    env.pop("VISUAL", None)
    return env


def _kill_parent_editor(tmp_path: Path, text: str) -> Path:
    # Writes the text, then kills companion (as closing the terminal would) and waits.
    return _editor(tmp_path, f"printf '%s' '{text}' >> \"$1\"\nkill -9 $PPID\nsleep 1")


def test_killed_companion_leaves_a_private_file_and_the_next_start_keeps_it_as_a_draft(
    tmp_path: Path, companion_home: Path
) -> None:
    env = _env(companion_home, EDITOR=str(_kill_parent_editor(tmp_path, "words I wrote")))
    killed = _companion("journal", "add", env=env)
    assert killed.returncode == -9
    left = list(editor_files.editor_dir().glob("*.md"))
    assert len(left) == 1 and left[0].name.startswith("journal-new-")
    assert stat.S_IMODE(left[0].stat().st_mode) == 0o600
    assert stat.S_IMODE(editor_files.editor_dir().stat().st_mode) == 0o700
    listed = _companion("journal", "list", env=_env(companion_home))
    assert listed.returncode == 0
    assert "kept as a draft" in listed.stderr and "nothing was lost" in listed.stderr
    assert list(editor_files.editor_dir().iterdir()) == []
    db = open_db()
    assert drafts.load_draft(db, "journal:new") == "words I wrote"
    db.close()


def test_an_edit_left_unchanged_is_erased_without_a_draft(companion_home: Path) -> None:
    db = open_db()
    handle = editor_files.create("journal-3", "the entry as it was")
    os.close(handle.fd)  # as if companion died with the file untouched
    assert editor_files.recover(db) == []
    assert drafts.load_draft(db, "journal:3") is None
    assert list(editor_files.editor_dir().iterdir()) == []
    db.close()


def test_a_file_still_held_by_a_running_companion_is_left_alone(companion_home: Path) -> None:
    db = open_db()
    with editor_files.create("journal-new", "") as handle:
        handle.path.write_text("being written")
        assert editor_files.recover(db) == []
        assert handle.path.exists()
    assert list(editor_files.editor_dir().iterdir()) == []
    db.close()


def test_recovered_text_joins_an_existing_draft(companion_home: Path) -> None:
    db = open_db()
    drafts.save_draft(db, "journal:new", "typed in the app")
    handle = editor_files.create("journal-new", "")
    handle.path.write_text("typed in the editor")
    os.close(handle.fd)
    assert editor_files.recover(db) == ["journal:new"]
    assert drafts.load_draft(db, "journal:new") == "typed in the app\n\ntyped in the editor"
    db.close()


def test_the_editor_never_sees_the_passphrase(tmp_path: Path, companion_home: Path) -> None:
    seen = tmp_path / "env.txt"
    script = _editor(tmp_path, f'env > "{seen}"\nprintf "an entry" > "$1"')
    assert (
        _companion("encrypt", env=_env(companion_home, COMPANION_PASSPHRASE="pw-1")).returncode == 0
    )
    env = _env(
        companion_home,
        EDITOR=str(script),
        COMPANION_PASSPHRASE="pw-1",
        COMPANION_NEW_PASSPHRASE="other-secret",
    )
    result = _companion("journal", "add", env=env)
    assert result.returncode == 0, result.stderr
    printed = seen.read_text()
    assert "COMPANION_HOME" in printed
    assert "pw-1" not in printed and "other-secret" not in printed
    assert list(editor_files.editor_dir().iterdir()) == []


def test_forget_all_erases_editor_files_even_in_use(companion_home: Path) -> None:
    handle = editor_files.create("journal-new", "")
    handle.path.write_text("private words")
    result = runner.invoke(app, ["forget", "--all", "--yes"])
    assert result.exit_code == 0, result.output
    assert not handle.path.exists()
    assert list(editor_files.editor_dir().iterdir()) == []
    os.close(handle.fd)


def test_encrypt_keeps_the_text_inside_the_encrypted_journal_not_beside_it(
    tmp_path: Path, companion_home: Path
) -> None:
    env = _env(companion_home, EDITOR=str(_kill_parent_editor(tmp_path, "secret words")))
    assert _companion("journal", "add", env=env).returncode == -9
    encrypted = _companion("encrypt", env=_env(companion_home, COMPANION_PASSPHRASE="pw-1234"))
    assert encrypted.returncode == 0, encrypted.stderr
    assert list(editor_files.editor_dir().iterdir()) == []
    db = open_db(passphrase="pw-1234")
    assert drafts.load_draft(db, "journal:new") == "secret words"
    db.close()


def test_safety_plan_editor_text_is_recovered_and_offered_next_time(
    tmp_path: Path, companion_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    env = _env(
        companion_home,
        EDITOR=str(_kill_parent_editor(tmp_path, "\n## warning_signs\n- not sleeping\n")),
    )
    assert _companion("safety-plan", "edit", "--editor", env=env).returncode == -9
    # the next edit starts from the recovered text; saving it clears the draft
    monkeypatch.setenv("EDITOR", "true")
    result = runner.invoke(app, ["safety-plan", "edit", "--editor"])
    assert result.exit_code == 0, result.output
    db = open_db()
    from companion.core.store.safety_records import get_safety_plan

    assert get_safety_plan(db)["warning_signs"] == ["not sleeping"]
    assert drafts.load_draft(db, editor_files.SAFETY_PLAN_DRAFT) is None
    db.close()


def test_invalid_utf8_on_stdin_is_one_sentence() -> None:
    result = runner.invoke(app, ["journal", "add"], input=b"caf\xe9 au lait\n")
    assert result.exit_code == 1
    assert "not UTF-8" in result.stderr and "Traceback" not in result.output
