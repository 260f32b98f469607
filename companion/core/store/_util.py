"""Small helpers shared by the store modules."""

from __future__ import annotations

import json
import sqlite3
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.db import Table


class Conn(Protocol):
    """What the quick-capture functions need: ``execute``. Both a sqlite-utils ``Database``
    and the plain ``sqlite3.Connection`` from ``companion.core.store.quick`` have it, so the
    commands a person types many times a day need not import sqlite-utils."""

    def execute(self, sql: str, parameters: Any = ..., /) -> sqlite3.Cursor: ...


def table(db: Database, name: str) -> Table:
    """``db[name]`` typed as a Table (all our names are tables, never views)."""
    from sqlite_utils.db import Table

    result = db[name]
    assert isinstance(result, Table)
    return result


def dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def loads(text: str | None, default: Any) -> Any:
    if not text:
        return default
    try:
        return json.loads(text)
    except ValueError:
        return default


def clean_text(text: str) -> str:
    """Remove NUL characters (SQLite text stops at them in places) and keep everything else."""
    return text.replace("\x00", "")


def last_id(rows: Table) -> int:
    """The primary key of the row just inserted through ``rows``."""
    value = rows.last_pk
    if value is None:
        raise RuntimeError(f"No row was inserted into {rows.name}.")
    return int(value)


def data_tables(db: Database) -> list[str]:
    """Every table holding the person's data, parents before the tables that refer to them."""
    rows = db.execute("select name, sql from sqlite_master where type = 'table'").fetchall()
    virtual = [name for name, sql in rows if (sql or "").upper().startswith("CREATE VIRTUAL")]
    names = [
        name
        for name, _ in rows
        if not name.startswith("sqlite_")
        and name != "_sqlite_migrations"
        and name not in virtual
        and not any(name.startswith(v + "_") for v in virtual)
    ]
    ordered: list[str] = []

    def visit(name: str) -> None:
        if name in ordered:
            return
        for key in db.table(name).foreign_keys:
            if key.other_table != name and key.other_table in names:
                visit(key.other_table)
        ordered.append(name)

    for name in sorted(names):
        visit(name)
    return ordered
