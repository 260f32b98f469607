"""Deleting from the backups too: what was deleted from the journal leaves its backups.

A backup is an earlier copy of the journal, so a row it holds that the journal no longer has was
deleted since. ``scrub_backups(db)`` removes those rows from every backup it can open (the same
key as the journal: backups made under an earlier passphrase cannot be opened and are reported
by name), rebuilds the search index and VACUUMs with ``secure_delete`` on, so the words are gone
from the file, not only unlisted. Each backup is rewritten in one SQLite transaction (and a
VACUUM, itself atomic): a kill leaves it as it was or rewritten.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from companion.core.store._util import data_tables, table
from companion.core.store.backup import BackupError, _open_copy, list_backups
from companion.core.store.db import integrity_problems


@dataclass
class BackupScrub:
    """What ``scrub_backups`` did: backups rewritten, rows removed, backups it could not open."""

    rewritten: list[Path] = field(default_factory=list)
    rows_removed: int = 0
    unreadable: list[Path] = field(default_factory=list)


def _keys(db: Database, name: str, columns: list[str]) -> set[tuple[object, ...]]:
    cols = ", ".join(f'"{c}"' for c in columns)
    return {tuple(row) for row in db.execute(f'select {cols} from "{name}"').fetchall()}


def _fts_tables(db: Database) -> list[str]:
    rows = db.execute(
        "select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'"
    ).fetchall()
    return [row[0] for row in rows]


def _scrub_one(live: Database, copy: Database) -> int:
    removed = 0
    copy.execute("PRAGMA secure_delete = ON")
    with copy.atomic():
        for name in reversed(data_tables(live)):
            if not copy[name].exists():
                continue
            columns = table(live, name).pks
            gone = _keys(copy, name, columns) - _keys(live, name, columns)
            where = " and ".join(f'"{c}" = ?' for c in columns)
            for key in gone:
                copy.execute(f'delete from "{name}" where {where}', list(key))
            removed += len(gone)
    if removed:
        for name in _fts_tables(copy):
            try:
                copy.execute(f'insert into "{name}"("{name}") values(\'rebuild\')')
            except sqlite3.OperationalError:
                continue
        copy.execute("VACUUM")
    return removed


def scrub_backups(db: Database, directory: Path | None = None) -> BackupScrub:
    """Remove from every backup the rows the journal ``db`` no longer holds."""
    report = BackupScrub()
    for path in list_backups(directory):
        try:
            connection = _open_copy(path, db.conn, None)
            copy = Database(connection)
            copy.execute("select count(*) from sqlite_master").fetchone()
        except (BackupError, sqlite3.DatabaseError):
            report.unreadable.append(path)
            continue
        try:
            removed = _scrub_one(db, copy)
            if integrity_problems(copy):
                report.unreadable.append(path)
                continue
        except sqlite3.DatabaseError:
            report.unreadable.append(path)
            continue
        finally:
            connection.close()
        if removed:
            report.rewritten.append(path)
            report.rows_removed += removed
    return report


def describe(report: BackupScrub) -> list[str]:
    """The sentences saying what the backups hold now."""
    lines = []
    if report.rewritten:
        lines.append(
            f"{len(report.rewritten)} backup(s) were rewritten without the deleted items "
            f"({report.rows_removed} rows)."
        )
    if report.unreadable:
        names = ", ".join(p.name for p in report.unreadable)
        lines.append(
            f"{len(report.unreadable)} backup(s) could not be opened with the current key (made "
            f"under an earlier passphrase, or damaged) and may still hold deleted items: {names}. "
            "Erase them with `companion forget --erase-backups`."
        )
    return lines
