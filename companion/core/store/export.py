"""Exports: complete JSON, readable Markdown, CSV (one file per table), optionally encrypted.

The JSON export holds every data table row for row (structured columns kept as the JSON text
they are stored as), the schema version and ``exported_at``; it is what ``companion import``
reads, and export -> import -> export gives the same document apart from ``exported_at``. The
full-text indexes are left out: they are rebuilt from the rows.

An encrypted export is the chosen format's bytes sealed with AES-256-GCM (``cryptography``),
keyed by Argon2id from a passphrase and a random salt: ``MAGIC | salt(16) | nonce(12) |
ciphertext+tag``. The magic is also the associated data, so a changed header is detected.
"""

from __future__ import annotations

import csv
import io
import json
import os
import zipfile
from collections.abc import Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from companion.core import paths
from companion.core.clock import iso, utc_now
from companion.core.store import files, intents
from companion.core.store._util import data_tables as data_tables
from companion.core.store.crypto import derive_key
from companion.core.store.db import schema_version
from companion.core.store.files import SALT_BYTES
from companion.core.textfmt import json_text, visible

FORMAT_NAME = "companion-export"
FORMAT_VERSION = 1
FORMATS = ("json", "md", "csv")
MAGIC = b"COMPANION-EXPORT-AESGCM-1\n"
NONCE_BYTES = 12


class ExportError(Exception):
    """An export that could not be written or opened; str() is one clear sentence."""


def _order(db: Database, name: str) -> str:
    pks = db.table(name).pks
    return ", ".join(f'"{pk}"' for pk in pks)


def table_rows(db: Database, name: str) -> list[dict[str, Any]]:
    """All rows of a table in primary-key order, as plain dicts."""
    return list(db.query(f'select * from "{name}" order by {_order(db, name)}'))


def export_document(db: Database, *, now: datetime | None = None) -> dict[str, Any]:
    """The complete JSON export as a Python object."""
    return {
        "format": FORMAT_NAME,
        "format_version": FORMAT_VERSION,
        "schema_version": schema_version(db),
        "exported_at": iso(now or utc_now()),
        "tables": {name: table_rows(db, name) for name in data_tables(db)},
    }


def to_json(db: Database, *, now: datetime | None = None) -> bytes:
    # json_text escapes DEL and C1 controls too (json.dumps leaves them raw); still exact JSON.
    text = json_text(export_document(db, now=now), indent=2, sort_keys=True)
    return (text + "\n").encode("utf-8")


def _json_field(text: Any) -> Any:
    try:
        return json.loads(text) if isinstance(text, str) else text
    except ValueError:
        return text


def _v(value: Any) -> str:
    """A value as readable text with control characters made visible (\\x1b, never raw)."""
    return visible(str(value))


def _items(value: Any) -> list[Any]:
    """A JSON list field as a list (an odd value becomes one item rather than a failure)."""
    parsed = _json_field(value)
    if parsed is None:
        return []
    return parsed if isinstance(parsed, list) else [parsed]


def to_markdown(db: Database, *, now: datetime | None = None) -> bytes:
    """A document for reading: journal, check-ins, exercises, questionnaires, conversations.

    Every value is shown with control characters escaped (``\\x1b``), so an export opened in a
    terminal (``cat``, ``less -R``) cannot be made to do anything."""
    out = [f"# Companion export\n\nExported {iso(now or utc_now())}.\n"]
    out.append("\n## Journal\n")
    for row in table_rows(db, "journal_entries"):
        tags = " ".join(f"#{_v(tag)}" for tag in _items(row["tags"]))
        out.append(f"\n### {_v(row['local_date'])} (entry {row['id']})\n")
        if tags:
            out.append(f"\nTags: {tags}\n")
        out.append(f"\n{_v(row['body'])}\n")
    out.append("\n## Mood check-ins\n\n")
    for row in table_rows(db, "checkins"):
        note = f": {_v(row['note'])}" if row.get("note") else ""
        out.append(f"- {_v(row['local_date'])}: mood {_v(row['mood'])}/10{note}\n")
    out.append("\n## Exercises\n")
    for row in table_rows(db, "exercises"):
        out.append(f"\n### {_v(row['type'])} on {_v(row['local_date'])} ({_v(row['status'])})\n\n")
        data = _json_field(row["data"])
        for step, answer in (data if isinstance(data, dict) else {"data": data}).items():
            out.append(f"- {_v(step)}: {_v(answer)}\n")
    out.append("\n## Questionnaires\n\n")
    for row in table_rows(db, "assessments"):
        out.append(
            f"- {_v(row['local_date'])} {_v(row['instrument'])}: {_v(row['total'])} "
            f"({_v(row['band'])})\n"
        )
    out.append("\n## Conversations\n")
    messages = table_rows(db, "messages")
    for conv in table_rows(db, "conversations"):
        out.append(f"\n### {_v(conv['title'])} ({_v(conv['created_utc'])[:10]})\n")
        for msg in messages:
            if msg["conversation_id"] == conv["id"]:
                out.append(f"\n**{_v(msg['role'])}**: {_v(msg['content'])}\n")
    out.append("\n## Safety plan\n")
    for row in table_rows(db, "safety_plan"):
        out.append(f"\n### {_v(row['section'])}\n\n")
        for item in _items(row["items"]):
            out.append(f"- {_v(item)}\n")
    return "".join(out).encode("utf-8")


def _csv_bytes(rows: list[dict[str, Any]], columns: Iterable[str]) -> bytes:
    """CSV with control characters in text made visible (``\\x1b``); newlines and tabs kept."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(columns), lineterminator="\n")
    writer.writeheader()
    writer.writerows(
        {key: visible(value) if isinstance(value, str) else value for key, value in row.items()}
        for row in rows
    )
    return buffer.getvalue().encode("utf-8")


def to_csv_files(db: Database) -> dict[str, bytes]:
    """One CSV per table (``journal_entries.csv``...), header row first."""
    return {
        f"{name}.csv": _csv_bytes(table_rows(db, name), db.table(name).columns_dict)
        for name in data_tables(db)
    }


def to_csv_zip(db: Database) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in to_csv_files(db).items():
            archive.writestr(name, data)
    return buffer.getvalue()


def seal(data: bytes, passphrase: str) -> bytes:
    """Encrypt bytes with AES-256-GCM under an Argon2id key from ``passphrase``."""
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    salt = os.urandom(SALT_BYTES)
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(derive_key(passphrase, salt)).encrypt(nonce, data, MAGIC)
    return MAGIC + salt + nonce + sealed


def is_sealed(data: bytes) -> bool:
    return data.startswith(MAGIC)


def unseal(data: bytes, passphrase: str) -> bytes:
    """Decrypt what ``seal`` wrote; a wrong passphrase or a changed file is an ExportError."""
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    if not is_sealed(data):
        raise ExportError("That file is not an encrypted companion export.")
    body = data[len(MAGIC) :]
    salt, nonce, sealed = (
        body[:SALT_BYTES],
        body[SALT_BYTES : SALT_BYTES + NONCE_BYTES],
        body[SALT_BYTES + NONCE_BYTES :],
    )
    try:
        return AESGCM(derive_key(passphrase, salt)).decrypt(nonce, sealed, MAGIC)
    except InvalidTag:
        raise ExportError(
            "That passphrase does not open the export (or the file was changed)."
        ) from None


def default_output(fmt: str, *, encrypted: bool, now: datetime | None = None) -> Path:
    stamp = (now or utc_now()).strftime("%Y%m%d-%H%M%S")
    suffix = {"json": ".json", "md": ".md", "csv": ".zip"}[fmt]
    if encrypted:
        suffix += ".enc"
    return paths.exports_dir() / f"companion-export-{stamp}{suffix}"


def write_export(
    db: Database,
    fmt: str,
    output: Path | None = None,
    *,
    passphrase: str | None = None,
    now: datetime | None = None,
) -> Path:
    """Write an export (0600, atomically) and return its path.

    ``csv`` writes a folder of CSV files unless ``output`` ends in ``.zip`` (the default) or the
    export is encrypted (then it is one sealed zip). ``passphrase`` encrypts the export.
    """
    if fmt not in FORMATS:
        raise ExportError(f"Unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}.")
    target = output or default_output(fmt, encrypted=passphrase is not None, now=now)
    try:
        if fmt == "csv" and passphrase is None and target.suffix != ".zip":
            if not target.exists():
                paths.ensure_private_dir(target)
            for name, data in to_csv_files(db).items():
                write_private_file(target / name, data)
            return target
        if fmt == "csv":
            data = to_csv_zip(db)
        else:
            data = (to_json if fmt == "json" else to_markdown)(db, now=now)
        if passphrase is not None:
            data = seal(data, passphrase)
        write_private_file(target, data)
    except OSError as error:
        raise ExportError(f"Cannot write the export to {target}: {error.strerror}.") from None
    return target


def write_private_file(target: Path, data: bytes) -> None:
    """Write atomically with mode 0600 from the first byte, as a journaled operation (a kill
    leaves a temporary file that the next start erases). A missing folder is created 0700; an
    existing one (the person's own, say ~/Documents) keeps its mode."""
    if not target.parent.exists():
        paths.ensure_private_dir(target.parent)
    with intents.operation("export", paths.db_path(), tmp=files.temp_name(target)):
        files.write_atomic(target, data, step="export:before-rename")
