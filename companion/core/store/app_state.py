"""App state kept in the database (country, first-run flags, last visit...), as JSON values.

Preferences the person edits by hand live in config.toml (companion.core.config); this table holds
what the app itself remembers.
"""

from __future__ import annotations

from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from companion.core.store._util import dumps, loads, table


def get_setting(db: Database, key: str, default: Any = None) -> Any:
    try:
        return loads(table(db, "settings").get(key)["value"], default)
    except NotFoundError:
        return default


def set_setting(db: Database, key: str, value: Any) -> None:
    table(db, "settings").upsert({"key": key, "value": dumps(value)}, pk="key")
