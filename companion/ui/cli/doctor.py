"""`companion doctor`: check the installation, data folder, database and model."""

from __future__ import annotations

import os
import platform
import sqlite3
import stat
import sys

import typer

from companion.ui.cli._common import console, literal


def register(app: typer.Typer) -> None:
    app.command("doctor")(doctor)


def _mode(path: object) -> str:
    return oct(stat.S_IMODE(os.stat(str(path)).st_mode))


def doctor() -> None:
    """Check the installation, the data folder, the database and the model; exit 1 on a problem."""
    from importlib import metadata

    from rich.text import Text

    from companion.core import paths

    results: list[tuple[bool, str, str]] = []

    def check(ok: bool, name: str, detail: str) -> None:
        results.append((ok, name, detail))

    check(sys.version_info >= (3, 11), "python", platform.python_version())
    for package in ("textual", "rich", "typer", "sqlite-utils", "llama-cpp-python", "platformdirs"):
        try:
            check(True, package, metadata.version(package))
        except metadata.PackageNotFoundError:
            check(False, package, "not installed")
    data = paths.data_dir()
    if data.exists():
        mode = _mode(data)
        check(mode == "0o700", "data folder", f"{data} ({mode})")
    else:
        check(True, "data folder", f"{data} (not created yet)")
    try:
        from companion.core.config import load_settings

        load_settings()
        config_file = paths.config_file()
        if config_file.exists():
            check(True, "config", str(config_file))
        else:
            check(True, "config", f"no config file, defaults in use ({config_file})")
    except Exception as error:  # ConfigError is one sentence already
        check(False, "config", str(error))
    db_file = paths.db_path()
    from companion.core.store import StoreError, integrity_problems, open_db, schema_version

    try:
        db = open_db(db_file, migrate=db_file.exists() is False)
        problems = integrity_problems(db)
        version = schema_version(db)
        db.close()
        check(
            not problems,
            "database",
            f"{db_file} schema v{version}, "
            + ("quick_check ok" if not problems else "; ".join(problems[:3])),
        )
        check(_mode(db_file) == "0o600", "database permissions", _mode(db_file))
    except StoreError as error:
        check(False, "database", str(error))
    except (sqlite3.DatabaseError, OSError) as error:  # damaged past its header, unreadable
        from companion.core.store.problems import opening_problem

        check(False, "database", opening_problem(error, db_file))
    check(*_leftovers_check(db_file))
    check(*_model_check())
    from rich.table import Table

    table = Table(box=None, show_header=False)
    table.add_column()
    table.add_column(style="bold")
    table.add_column()
    for ok, name, detail in results:
        table.add_row(
            Text("ok" if ok else "FAIL", style="green" if ok else "bold red"), name, literal(detail)
        )
    console.print(table)
    if not all(ok for ok, _, _ in results):
        raise typer.Exit(1)


def _leftovers_check(db_file: object) -> tuple[bool, str, str]:
    """What interrupted file operations left: repaired at this start, or still there."""
    from pathlib import Path

    from companion.core.store import intents, recovery

    path = Path(str(db_file))
    repaired = list(intents.REPORTS)
    running = intents.pending(path)
    strays = recovery.strays(path)
    parts = [f"repaired at this start: {line}" for line in repaired]
    if running:
        parts.append(f"{len(running)} operation(s) in progress in another companion process")
    if strays:
        names = ", ".join(p.name for p in strays[:5])
        parts.append(
            f"{len(strays)} leftover file(s) (erased once no other companion runs): {names}"
        )
    return not strays, "interrupted operations", "; ".join(parts) or "none"


def _model_check() -> tuple[bool, str, str]:
    try:
        from companion.core.llm import ModelUnavailable, load_engine
    except ImportError as error:
        return False, "model", f"the model engine is not available ({error})"
    try:
        engine = load_engine()
    except ModelUnavailable as error:
        return False, "model", str(error)
    return True, "model", f"{engine.name} loads"
