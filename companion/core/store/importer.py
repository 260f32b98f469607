"""Import a JSON export (ours), checked in full before anything is written.

Into an empty database the rows go in with their ids, so export -> import -> export gives the
same document. Into a database that already holds data they are added alongside: rows with an
integer id get new ids (references such as a message's conversation follow), and rows keyed by
name (safety plan sections, settings, drafts) that already exist are kept as they are and the
imported ones skipped. Everything happens in one transaction: a problem means nothing changed.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from companion.core.store import files
from companion.core.store._util import data_tables, dumps
from companion.core.store.db import schema_version
from companion.core.store.export import FORMAT_NAME, FORMAT_VERSION, ExportError, unseal
from companion.core.store.export import is_sealed as _is_sealed
from companion.core.store.import_checks import quote, value_problem
from companion.core.store.tags import merge_tags

MAX_PROBLEMS = 20


class ImportFileError(Exception):
    """A file that cannot be imported; str() says why in one or a few sentences."""


@dataclass
class ImportReport:
    added: dict[str, int] = field(default_factory=dict)
    skipped: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False

    @property
    def total(self) -> int:
        return sum(self.added.values())


def is_sealed(path: Path) -> bool:
    """Whether the file is an encrypted export (it then needs a passphrase)."""
    return _is_sealed(files.read_bytes(path, 64))


def load_document(path: Path, passphrase: str | None = None) -> dict[str, Any]:
    """Read a JSON export (decrypting it with ``passphrase`` if it is sealed)."""
    try:
        data = files.read_bytes(path)
    except OSError as error:
        raise ImportFileError(f"Cannot read {path}: {error.strerror}.") from None
    if _is_sealed(data):
        if passphrase is None:
            raise ImportFileError(f"{path.name} is an encrypted export: a passphrase is needed.")
        try:
            data = unseal(data, passphrase)
        except ExportError as error:
            raise ImportFileError(str(error)) from None
    try:
        document = json.loads(data.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise ImportFileError(
            f"{path.name} is not UTF-8 text (byte {error.start + 1} cannot be read)."
        ) from None
    except RecursionError:
        raise ImportFileError(
            f"{path.name} is nested too deeply to be a companion export (nothing was imported)."
        ) from None
    except ValueError as error:
        raise ImportFileError(f"{path.name} is not a JSON export ({error}).") from None
    if not isinstance(document, dict):
        raise ImportFileError(f"{path.name} is not a companion JSON export.")
    return document


def _type_ok(value: Any, kind: type) -> bool:
    if value is None:
        return True
    if kind is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if kind is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if kind is str:
        return isinstance(value, str)
    return isinstance(value, int | float | str)


def validate(db: Database, document: dict[str, Any]) -> list[str]:
    """Every problem that would stop the import (an empty list: it can go ahead).

    Shapes (known tables and fields, types, keys, references) and values (dates, ranges,
    JSON fields, text length, NUL; companion.core.store.import_checks) are both checked, so an
    import either goes in whole or not at all, and what goes in can be shown and exported.
    """
    problems: list[str] = []
    if document.get("format") != FORMAT_NAME:
        return ["This is not a companion export (its 'format' field is missing or different)."]
    if document.get("format_version") != FORMAT_VERSION:
        return [
            f"This export has format version {quote(document.get('format_version'))}; "
            f"this version of companion reads {FORMAT_VERSION}."
        ]
    version = document.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version > schema_version(db):
        return ["This export comes from a newer version of companion; update companion first."]
    tables = document.get("tables")
    if not isinstance(tables, dict):
        return ["The export has no 'tables' object."]
    known = data_tables(db)
    ids: dict[str, set[Any]] = {}
    for name, rows in tables.items():
        if name not in known:
            problems.append(f"Unknown table {quote(name)}.")
            continue
        if not isinstance(rows, list):
            problems.append(f"Table {quote(name)} is not a list of rows.")
            continue
        problems.extend(_row_problems(db, name, rows, ids))
        if len(problems) >= MAX_PROBLEMS:
            break
    for name, rows in tables.items():
        if name not in known or not isinstance(rows, list):
            continue
        for fk in db.table(name).foreign_keys:
            targets = ids.get(fk.other_table, set())
            for index, row in enumerate(rows):
                if not isinstance(row, dict):
                    continue
                value = row.get(fk.column)
                if value is not None and (not _hashable(value) or value not in targets):
                    problems.append(
                        f"{name} row {index + 1} refers to {fk.other_table} {quote(value)}, "
                        "which is not in the export."
                    )
    return problems[:MAX_PROBLEMS]


def _hashable(value: Any) -> bool:
    return isinstance(value, int | float | str | bool)


def _row_problems(db: Database, name: str, rows: list[Any], ids: dict[str, set[Any]]) -> list[str]:
    problems: list[str] = []
    table = db.table(name)
    columns = {c.name: c for c in table.columns}
    types = table.columns_dict
    pks = table.pks
    seen: set[Any] = set()
    for index, row in enumerate(rows):
        where = f"{name} row {index + 1}"
        if not isinstance(row, dict):
            problems.append(f"{where} is not an object.")
            continue
        extra = [str(key) for key in row if key not in columns]
        if extra:
            fields = ", ".join(quote(key) for key in sorted(extra)[:5])
            problems.append(f"{where} has unknown fields: {fields}.")
        bad_key = False
        for column, info in columns.items():
            value = row.get(column)
            if value is None and (column in pks or (info.notnull and info.default_value is None)):
                problems.append(f"{where} is missing {column!r}.")
                bad_key = bad_key or column in pks
            elif not _type_ok(value, types[column]):
                problems.append(f"{where}: {column!r} has the wrong type ({quote(value)}).")
                bad_key = bad_key or column in pks
            else:
                problem = value_problem(name, column, value)
                if problem:
                    problems.append(f"{where}: {column!r} {problem}.")
        if not bad_key:
            key = tuple(row.get(pk) for pk in pks)
            if key in seen:
                problems.append(f"{where} repeats the key {quote(key)}.")
            seen.add(key)
        if len(problems) >= MAX_PROBLEMS:
            break
    ids[name] = {k[0] for k in seen if len(k) == 1}
    return problems


def _is_empty(db: Database) -> bool:
    return all(db.table(name).count == 0 for name in data_tables(db))


def import_document(
    db: Database, document: dict[str, Any], *, dry_run: bool = False
) -> ImportReport:
    """Validate, then add the export's rows (nothing is written when ``dry_run``)."""
    problems = validate(db, document)
    if problems:
        raise ImportFileError("The export cannot be imported: " + " ".join(problems))
    report = ImportReport(dry_run=dry_run)
    keep_ids = _is_empty(db)
    tables: dict[str, list[dict[str, Any]]] = document["tables"]
    try:
        with db.atomic():
            _insert_all(db, tables, report, keep_ids)
            if dry_run:
                raise _DryRunDone  # a dry run does every insert, then rolls them all back
    except _DryRunDone:
        pass
    except sqlite3.IntegrityError as error:
        raise ImportFileError(
            f"The export cannot be imported ({error}); nothing was changed."
        ) from None
    return report


class _DryRunDone(Exception):
    """Raised inside the transaction of a dry run so that it rolls back."""


def _insert_all(
    db: Database, tables: dict[str, list[dict[str, Any]]], report: ImportReport, keep_ids: bool
) -> None:
    mapping: dict[str, dict[Any, Any]] = {}
    for name in data_tables(db):
        rows = tables.get(name, [])
        table = db.table(name)
        pks = table.pks
        renumber = not keep_ids and pks == ["id"] and table.columns_dict["id"] is int
        fks = {str(fk.column): str(fk.other_table) for fk in table.foreign_keys}
        added = skipped = 0
        for row in rows:
            values = dict(row)
            if name == "journal_entries":
                values["tags"] = _entry_tags(values)
            for column, other in fks.items():
                if values.get(column) in mapping.get(other, {}):
                    values[column] = mapping[other][values[column]]
            if renumber:
                old = values.pop("id")
                table.insert(values)
                mapping.setdefault(name, {})[old] = table.last_pk
                added += 1
                continue
            key = [values[pk] for pk in pks]
            exists = db.execute(
                f'select 1 from "{name}" where ' + " and ".join(f'"{pk}" = ?' for pk in pks),
                key,
            ).fetchone()
            if exists:
                skipped += 1
                continue
            table.insert(values)
            added += 1
        report.added[name] = added
        if skipped:
            report.skipped[name] = skipped


def _entry_tags(row: dict[str, Any]) -> str:
    """An imported entry's tags: those it carried plus those written in its text (an export
    made before tags were read from the text has only the explicit ones). Unchanged for an
    export made since, so export -> import -> export stays the same."""
    carried = row.get("tags")
    try:
        explicit = json.loads(carried) if isinstance(carried, str) else []
    except ValueError:
        explicit = []
    if not isinstance(explicit, list):
        explicit = []
    return dumps(merge_tags(str(row.get("body") or ""), [str(tag) for tag in explicit]))


def import_file(
    db: Database, path: Path, *, passphrase: str | None = None, dry_run: bool = False
) -> ImportReport:
    """Load, validate and import a JSON export file."""
    return import_document(db, load_document(path, passphrase), dry_run=dry_run)
