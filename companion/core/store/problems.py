"""Sentences for databases that cannot be opened or read, for the CLI and the app alike."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from companion.core import paths
from companion.core.store.db import storage_problem


def opening_problem(error: BaseException, path: Path | None = None) -> str:
    """One sentence for an open that failed outside companion's own checks: a read-only or
    missing folder, a full disk, or a file SQLite finds damaged."""
    path = path or paths.db_path()
    message = storage_problem(error, path, opening=True)
    if message is not None:
        return message
    if isinstance(error, PermissionError | OSError) and not isinstance(error, sqlite3.Error):
        reason = error.strerror or type(error).__name__
        return (
            f"Cannot open the database at {path}: {reason}; check the data folder ({path.parent})."
        )
    return damaged_sentence(error, path)


def damaged_sentence(error: BaseException, path: Path | None = None) -> str:
    """The database file is there but SQLite cannot read it (its message has no user text)."""
    path = path or paths.db_path()
    detail = str(error).splitlines()[0][:120] if str(error) else type(error).__name__
    return (
        f"The database at {path} is damaged (SQLite: {detail}). Nothing was changed: "
        "`companion restore` puts back a backup."
    )
