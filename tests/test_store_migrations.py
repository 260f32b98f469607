"""Migrations keep to one change each: after m003 (which bundles four and cannot change, since
people's databases have applied it), each migration alters the schema of one table at most."""

from __future__ import annotations

import re

from sqlite_utils import Database

from companion.core.store.migrations import migrations
from companion.core.store.quick import MIGRATIONS

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


def _store_imports() -> dict[str, set[str]]:
    """Store module -> the store modules it imports, at the top or inside a function."""
    import ast
    from pathlib import Path

    folder = Path(__file__).resolve().parents[1] / "companion" / "core" / "store"
    graph: dict[str, set[str]] = {}
    for file in folder.glob("*.py"):
        found: set[str] = set()
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module:
                if node.module == "companion.core.store":
                    found.update(alias.name for alias in node.names)
                elif node.module.startswith("companion.core.store."):
                    found.add(node.module.split(".")[2])
            elif isinstance(node, ast.Import):
                found.update(
                    a.name.split(".")[2]
                    for a in node.names
                    if a.name.startswith("companion.core.store.")
                )
        graph[file.stem] = found - {file.stem}
    return graph


def test_store_modules_import_each_other_without_cycles() -> None:
    """Not even through imports inside functions, which hide a cycle from the import system."""
    graph = _store_imports()
    cycles = []

    def visit(name: str, path: list[str]) -> None:
        for dependency in sorted(graph.get(name, ())):
            if dependency in path:
                cycles.append(" -> ".join([*path[path.index(dependency) :], dependency]))
            elif dependency != "__init__":
                visit(dependency, [*path, dependency])

    for module in sorted(graph):
        if module != "__init__":
            visit(module, [module])
    assert cycles == []
