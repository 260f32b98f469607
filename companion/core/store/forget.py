"""Forgetting for real: deleted text leaves no trace in the database, its WAL or the search index.

Deleting a row through the store (``journal.delete_entry``, ``exercises.delete_exercise``,
``conversations.delete_conversation``...) removes it and, through the FTS triggers, its search
entry; ``scrub(db)`` then removes what would linger: it merges the FTS indexes (dropping the
deleted terms), checkpoints and truncates the WAL, and VACUUMs (with ``secure_delete`` on, freed
pages are zeroed too). Callers run ``scrub`` after a deletion the person asked for.

``forget_all`` empties every data table and also erases the backups, exports, saved model state
and set-aside database copies, since each of those holds the same words.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, field
from pathlib import Path

from sqlite_utils import Database

from companion.core import paths
from companion.core.store import intents, recovery
from companion.core.store._util import data_tables
from companion.core.store.files import erase as remove_securely
from companion.core.store.files import same_file


@dataclass
class ForgetReport:
    rows_deleted: int = 0
    files_removed: list[Path] = field(default_factory=list)
    wal_truncated: bool = True


def _fts_tables(db: Database) -> list[str]:
    rows = db.execute(
        "select name from sqlite_master where type = 'table' and sql like 'CREATE VIRTUAL TABLE%'"
    ).fetchall()
    return [row[0] for row in rows]


def scrub(db: Database) -> bool:
    """Remove every remnant of deleted rows from the files. Returns False when another
    connection kept the WAL from being truncated (it is then emptied on a later scrub)."""
    for name in _fts_tables(db):
        db.execute(f'insert into "{name}"("{name}") values(\'optimize\')')
    db.execute("PRAGMA secure_delete = ON")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("VACUUM")
    row = db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
    return bool(row is not None and row[0] == 0)


def _side_copies(db_file: Path) -> list[Path]:
    """Set-aside or half-converted copies of the database next to it."""
    folder = db_file.parent
    if not folder.is_dir():
        return []
    prefix = db_file.name + "."
    return [p for p in folder.iterdir() if p.is_file() and p.name.startswith(prefix)]


def _files_under(folder: Path) -> list[Path]:
    if not folder.is_dir():
        return []
    return [p for p in folder.rglob("*") if p.is_file()]


def forget_all(db: Database, *, db_file: Path | None = None) -> ForgetReport:
    """Delete every row of the person's data, scrub, and erase copies that hold it. A journaled
    operation: a kill after the rows are gone is finished at the next start (``recovery``)."""
    report = ForgetReport()
    live = db_file or paths.db_path()
    with intents.operation("forget", live) as intent:
        intent.advance("rows")
        with db.atomic():
            for name in reversed(data_tables(db)):
                report.rows_deleted += db.execute(f'delete from "{name}"').rowcount
            intents.kill_point("forget:rows")  # before the commit: every row still there
        intents.kill_point("forget:deleted")  # rows gone, not yet scrubbed, copies kept
        for name in _fts_tables(db):
            try:
                db.execute(f'insert into "{name}"("{name}") values(\'rebuild\')')
            except sqlite3.OperationalError:
                continue
        report.wal_truncated = scrub(db)
        files_to_erase = copies_of(live)
        intent.extra["erase"] = [str(p) for p in files_to_erase]
        intent.advance("files")
        intents.kill_point("forget:files")
        for file in files_to_erase:
            remove_securely(file)
            report.files_removed.append(file)
    return report


def copies_of(live: Path) -> list[Path]:
    """Every file outside the journal that holds its words: backups, exports, saved model state
    and set-aside copies (never the journal itself, its -wal/-shm, or another name of it)."""
    files = [
        *_files_under(paths.backups_dir()),
        *_files_under(paths.exports_dir()),
        *_files_under(paths.state_dir()),
        *_side_copies(live),
    ]
    own = {live.name + s for s in ("-wal", "-shm")}
    return [f for f in files if f.name not in own and not same_file(f, live)]


def erase_backups() -> list[Path]:
    """Erase every file in the backups folder (the offer made when some cannot be rewritten)."""
    erased = _files_under(paths.backups_dir())
    for file in erased:
        remove_securely(file)
    return erased


def resume_forget(db: Database, db_path: Path) -> str | None:
    """Finish a `forget --all` killed before its rows were gone (``recovery`` kept its intent):
    every row deleted and scrubbed, every copy erased. The sentence saying so (None when none
    was waiting). ``open_db`` calls it once the journal is open."""
    waiting = recovery.take_forget_claims(db_path)
    if not waiting:
        return None
    try:
        report = forget_all(db, db_file=db_path)
    except BaseException:
        recovery.keep_forget_claims(db_path, waiting)  # still claimed: retried on next open
        raise
    recovery.drop_forget_intents(waiting)
    copies = len(report.files_removed)
    return (
        "An interrupted `forget --all` was finished: every entry was deleted and "
        f"{copies} {'copy was' if copies == 1 else 'copies were'} erased."
    )
