"""Migrations keep to one change each: after m003 (which bundles four and cannot change, since
people's databases have applied it), each migration alters the schema of one table at most."""

from __future__ import annotations

import re

from sqlite_utils import Database

from companion.store.migrations import migrations
from companion.store.quick import MIGRATIONS

BUNDLED = "m003_drafts_and_safety_events"  # shipped before the rule was kept; never edited


def _schema(db: Database) -> dict[str, set[str]]:
    """Table -> the SQL of the table and everything attached to it (indexes, triggers, its FTS
    table and the FTS table's shadow tables)."""
    grouped: dict[str, set[str]] = {}
    for name, table, sql in db.execute(
        "select name, tbl_name, sql from sqlite_master where name not like 'sqlite_%'"
    ).fetchall():
        owner = re.sub(r"_fts(_\w+)?$", "", str(table))
        grouped.setdefault(owner, set()).add(f"{name}: {sql}")
    return grouped


def test_each_migration_after_m003_changes_one_table_at_most() -> None:
    steps = migrations._migrations
    assert [m.name for m in steps] == list(MIGRATIONS)
    after = [m.name for m in steps].index(BUNDLED) + 1
    db = Database(memory=True)
    changed: dict[str, list[str]] = {}
    for index, migration in enumerate(steps):
        before = _schema(db)
        migration.fn(db)
        now = _schema(db)
        if index >= after:
            names = sorted(t for t in before.keys() | now.keys() if before.get(t) != now.get(t))
            changed[migration.name] = names
    assert changed, "no migration after m003 to check yet"
    assert {name: tables for name, tables in changed.items() if len(tables) > 1} == {}
