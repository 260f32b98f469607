"""Only companion/core/store/files.py touches files outside SQLite, and never the live database.

Closing any descriptor of the database file drops this process's POSIX locks on it, so another
process may delete the WAL of a connection still open here (SQLite's "How To Corrupt", 2.2).
Two checks make that impossible to reintroduce: a static one over the source (no store module
but files.py opens, copies, links, renames or unlinks files, and no other module that does
raw file access refers to the database's path), and a runtime one (the app with its workers
and the CLI commands, in one process, with open()/os.open watched: the database, its -wal and
-shm are never opened outside SQLite while a connection is open, and only by files.py at all).
"""

from __future__ import annotations

import ast
import builtins
import io
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import companion
from companion.core.store import files

ROOT = Path(companion.__file__).parent
OWNER = ROOT / "core" / "store" / "files.py"
RAW_CALLS = {
    "open",
    "read_bytes",
    "write_bytes",
    "read_text",
    "write_text",
    "unlink",
    "link",
    "replace",
    "rename",
    "copyfile",
    "copy",
    "copy2",
    "copyfileobj",
    "remove",
    "fdopen",
}
DB_NAMES = {"db_path", "backups_dir"}
# Modules that do raw file access on other files and name the database's path for another
# reason: paths.py defines it; cli/safety.py's `sos` reads the plan through SQLite (its raw file
# access is the $EDITOR temporary file of the safety plan).
ALLOWED = {"core/paths.py", "ui/cli/safety.py"}


def _calls(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            receiver = func.value if isinstance(func, ast.Attribute) else None
            if name in RAW_CALLS and not (
                # calls into files.py itself; str.replace, dict.copy, list.remove and the like
                (isinstance(receiver, ast.Name) and receiver.id == "files")
                or isinstance(receiver, ast.Constant)
                or (name in ("replace", "copy", "remove") and not _is_os_like(receiver))
            ):
                found.append((name, node.lineno))
    return found


def _is_os_like(node: ast.AST | None) -> bool:
    return isinstance(node, ast.Name) and node.id in ("os", "shutil")


def _names(tree: ast.AST) -> set[str]:
    return {
        n.attr if isinstance(n, ast.Attribute) else n.id
        for n in ast.walk(tree)
        if isinstance(n, ast.Attribute | ast.Name)
    }


# store/editor_files.py keeps the $EDITOR temporary files in <data>/tmp (0600, erased on start
# and on forget) with its own lock files; it never touches the database or its side files.
STORE_ALLOWED = {"editor_files.py"}


def test_no_store_module_but_files_py_touches_files_outside_sqlite() -> None:
    offenders = []
    for module in sorted((ROOT / "core" / "store").glob("*.py")):
        if module == OWNER or module.name in STORE_ALLOWED:
            continue
        for name, line in _calls(ast.parse(module.read_text())):
            offenders.append(f"{module.relative_to(ROOT)}:{line} {name}()")
    assert offenders == [], "use companion.core.store.files instead:\n" + "\n".join(offenders)


def test_no_module_with_raw_file_access_refers_to_the_database_path() -> None:
    offenders = []
    for module in sorted(ROOT.rglob("*.py")):
        if module.parent.name == "store" or str(module.relative_to(ROOT)) in ALLOWED:
            continue
        tree = ast.parse(module.read_text())
        calls = _calls(tree)
        if calls and _names(tree) & DB_NAMES:
            offenders.append(
                f"{module.relative_to(ROOT)}: {calls[:3]} and {_names(tree) & DB_NAMES}"
            )
    assert offenders == [], "\n".join(offenders)


class Watch:
    """Every open() / os.open() of the database, its -wal or -shm, and who made it."""

    def __init__(self, db: Path) -> None:
        self.targets = {os.path.realpath(db) + s for s in ("", "-wal", "-shm")}
        self.db = db
        self.bad: list[str] = []
        self.by_files = 0

    def wrap(self, real: Callable[..., Any]) -> Callable[..., Any]:
        def watched(file: Any, *args: Any, **kwargs: Any) -> Any:
            if isinstance(file, str | bytes | os.PathLike):
                where = os.path.realpath(os.fsdecode(file))
                if where in self.targets:
                    import traceback

                    caller = traceback.extract_stack(limit=2)[0].filename
                    if files.is_live(self.db) or Path(caller) != OWNER:
                        self.bad.append(
                            f"{where} opened by {caller} (live={files.is_live(self.db)})"
                        )
                    else:
                        self.by_files += 1
            return real(file, *args, **kwargs)

        return watched


@pytest.fixture
def watch(companion_home: Path, monkeypatch: pytest.MonkeyPatch) -> Watch:
    from companion.core import paths

    w = Watch(paths.db_path())
    monkeypatch.setattr(builtins, "open", w.wrap(builtins.open))
    monkeypatch.setattr(io, "open", w.wrap(io.open))
    monkeypatch.setattr(os, "open", w.wrap(os.open))
    return w


CLI_FLOWS = [
    ["journal", "add", "from the cli"],
    ["journal", "list"],
    ["journal", "search", "cli"],
    ["journal", "edit", "1", "--text", "edited words"],
    ["backup"],
    ["export"],
    ["export", "--format", "md"],
    ["checkin", "6"],
    ["insights"],
    ["doctor"],
    ["journal", "delete", "--yes", "2"],
    ["forget"],
]


@pytest.mark.parametrize("phrase", [None, "watch passphrase"], ids=["plain", "encrypted"])
async def test_app_and_cli_in_one_process_never_open_the_live_database(
    watch: Watch, monkeypatch: pytest.MonkeyPatch, phrase: str | None
) -> None:
    import companion.ui.tui.app as app_module
    from companion.core.store import crypto, journal
    from companion.core.store.db import open_db
    from companion.ui.cli import app as cli_app
    from tests.tui_helpers import make_app

    first = open_db()
    journal.add_entry(first, "before the app")
    first.close()
    if phrase:
        crypto.encrypt_database(watch.db, phrase)
        monkeypatch.setenv("COMPANION_PASSPHRASE", phrase)
    monkeypatch.setattr(app_module, "BACKUP_DELAY", 0.1)
    app = make_app()
    runner = CliRunner()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause(0.5)
        journal.add_entry(app.db, "from the app")
        app.scrub_in_background()
        await pilot.pause(0.3)
        for args in CLI_FLOWS:
            result = runner.invoke(cli_app, args)
            assert result.exit_code in (0, 1), (args, result.output)
        await pilot.pause(0.3)
    assert watch.bad == []
    assert watch.by_files > 0  # the watch sees files.py read the header before any connection
