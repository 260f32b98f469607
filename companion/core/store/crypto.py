"""Optional encryption at rest with SQLCipher, keyed from a passphrase through Argon2id.

How the key is made: ``Argon2id(passphrase, salt)`` gives 32 bytes, handed to SQLCipher as a
raw key (``PRAGMA key = "x'<key><salt>'"``), so SQLCipher's own PBKDF2 is skipped and the
passphrase is never stored. The 16-byte salt is random per database and SQLCipher keeps it in
the first 16 bytes of the file (its usual place), so a database or a backup carries what it
needs and there is no side file to lose. Only the derived key lives in memory; nothing secret
touches disk.

Converting (``encrypt_database``, ``decrypt_database``, ``change_passphrase``) writes a new file
next to the database with ``sqlcipher_export``, checks it (integrity and the row count of every
table), swaps it in atomically, then overwrites the old file and its -wal/-shm with zeros before
unlinking them. It is a journaled operation (``intents.py``): a kill at any step leaves either
the old or the new database in place, and the next start finishes or undoes the rest.
"""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

from argon2.low_level import Type, hash_secret_raw

from companion.core import paths
from companion.core.store import files, intents
from companion.core.store.connection import connect_plain
from companion.core.store.connection_cipher import connect_cipher, translated
from companion.core.store.files import SALT_BYTES

PASSPHRASE_ENV = "COMPANION_PASSPHRASE"
KEY_BYTES = 32
# Argon2id parameters (RFC 9106's second recommended set, with one lane): fixed, so a file
# needs nothing but its salt and the passphrase to be opened again.
ARGON2_TIME_COST = 3
ARGON2_MEMORY_KIB = 64 * 1024
ARGON2_PARALLELISM = 1


class PassphraseError(Exception):
    """A wrong or missing passphrase; str() is a sentence the person can act on."""


# Keys derived in this process, by (salt, SHA-256 of the passphrase): opening the same file
# again (a worker thread's connection, say) skips the deliberately slow Argon2id. Memory only;
# the keys themselves are what anyone able to read this memory would want anyway.
_DERIVED: dict[tuple[bytes, bytes], bytes] = {}
_DERIVED_MAX = 8


def derive_key(passphrase: str, salt: bytes) -> bytes:
    """Argon2id of the passphrase (UTF-8) with the file's salt: the 32-byte SQLCipher key."""
    if not passphrase:
        raise PassphraseError("The passphrase cannot be empty.")
    secret = passphrase.encode("utf-8")
    memo = (salt, hashlib.sha256(secret).digest())
    key = _DERIVED.get(memo)
    if key is None:
        key = hash_secret_raw(
            secret,
            salt,
            time_cost=ARGON2_TIME_COST,
            memory_cost=ARGON2_MEMORY_KIB,
            parallelism=ARGON2_PARALLELISM,
            hash_len=KEY_BYTES,
            type=Type.ID,
        )
        if len(_DERIVED) >= _DERIVED_MAX:
            _DERIVED.pop(next(iter(_DERIVED)))
        _DERIVED[memo] = key
    return key


def key_pragma(key: bytes, salt: bytes) -> str:
    """The ``PRAGMA key`` literal for a raw key with an explicit salt."""
    return f"\"x'{key.hex()}{salt.hex()}'\""


def _header(path: Path) -> bytes:
    """The salt of an encrypted file (b"" for any other), through ``files.header``."""
    return files.header(path).salt


def is_encrypted(path: Path) -> bool:
    """True for a SQLCipher file: non-empty, no plain SQLite header, whole 512-byte pages.

    A damaged plain file whose header was overwritten with exactly page-sized garbage looks
    the same; opening it then fails with the wrong-passphrase message, and nothing changes.
    """
    return files.header(path).kind == "encrypted"


def needs_passphrase(path: Path | None = None) -> bool:
    """Whether opening the database at ``path`` (default: the usual one) needs a passphrase."""
    return is_encrypted(path or paths.db_path())


def passphrase_from_env() -> str | None:
    """COMPANION_PASSPHRASE, for scripts and tests (see docs/PRIVACY.md for its risks)."""
    value = os.environ.get(PASSPHRASE_ENV)
    return value if value else None


def _check_key(connection: sqlite3.Connection, path: Path) -> None:
    try:
        connection.execute("select count(*) from sqlite_master").fetchone()
    except sqlite3.DatabaseError:
        connection.close()
        raise PassphraseError(
            f"That passphrase does not open the database at {path} (or the file is damaged). "
            "Nothing was changed."
        ) from None


# Keys of databases unlocked in this process (path -> (salt, key)); memory only, never written.
_UNLOCKED: dict[Path, tuple[bytes, bytes]] = {}


def unlock(path: Path, passphrase: str) -> None:
    """Check the passphrase and keep the derived key in memory for this process, so that every
    later ``open_db(path)`` (UI thread and workers alike) opens the database without asking
    again or re-running Argon2id. Raises PassphraseError when it does not open the file."""
    salt = _header(path)
    key = derive_key(passphrase, salt)
    connection = connect_cipher(path, key_pragma(key, salt))
    _check_key(connection, path)
    connection.close()
    _UNLOCKED[path.resolve()] = (salt, key)


def lock(path: Path | None = None) -> None:
    """Forget the in-memory key of ``path`` (or every key this process holds)."""
    if path is None:
        _UNLOCKED.clear()
        _DERIVED.clear()
    else:
        _UNLOCKED.pop(path.resolve(), None)


def _known_key(path: Path) -> bytes | None:
    """The key ``unlock`` kept for this file's salt: the database itself, or one of its backups
    (a backup carries the salt, and so the key, of the database it was copied from)."""
    salt = _header(path)
    held = _UNLOCKED.get(path.resolve())
    if held is not None and held[0] == salt:
        return held[1]
    for known_salt, key in _UNLOCKED.values():
        if known_salt == salt:
            return key
    return None


def is_unlocked(path: Path) -> bool:
    """Whether ``unlock`` holds a key for the file as it is now (same salt)."""
    return _known_key(path) is not None


def connect_encrypted(path: Path, passphrase: str | None) -> sqlite3.Connection:
    """Open (or create, with a fresh salt) an encrypted database and check the passphrase.

    ``None`` uses the key kept by ``unlock`` (PassphraseError when there is none)."""
    if path.exists() and path.stat().st_size > 0 and not is_encrypted(path):
        raise PassphraseError(f"The database at {path} is not encrypted.")
    if passphrase is None:
        known = _known_key(path)
        if known is None:
            raise PassphraseError(f"The database at {path} is encrypted and not unlocked.")
        salt, key = _header(path), known
    else:
        salt = _header(path) if is_encrypted(path) else os.urandom(SALT_BYTES)
        key = derive_key(passphrase, salt)
    connection = connect_cipher(path, key_pragma(key, salt))
    _check_key(connection, path)
    return connection


def _table_counts(connection: sqlite3.Connection) -> dict[str, int]:
    names = [
        row[0]
        for row in connection.execute(
            "select name from sqlite_master where type = 'table' and name not like 'sqlite_%'"
        ).fetchall()
    ]
    return {
        name: int(connection.execute(f'select count(*) from "{name}"').fetchone()[0])
        for name in names
    }


def _export(source: sqlite3.Connection, target: Path, target_key: str) -> None:
    """Copy every table of ``source`` into a new file keyed with ``target_key`` ('' = plain).
    The file is created 0600 and empty first, so it (and the -journal SQLite makes next to it
    with the same mode) is private from its first byte."""
    files.create_private(target)
    source.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    with translated():
        source.execute(f"ATTACH DATABASE ? AS converted KEY {target_key}", [str(target)])
        try:
            source.execute("select sqlcipher_export('converted')").fetchall()
        finally:
            source.execute("DETACH DATABASE converted")
    paths.make_private(target)


def _verify(expected: dict[str, int], connection: sqlite3.Connection, target: Path) -> None:
    try:
        problems = connection.execute("PRAGMA quick_check").fetchall()
        counts = _table_counts(connection)
    finally:
        connection.close()
    if problems != [("ok",)] or counts != expected:
        remove_securely(target)
        raise PassphraseError(
            f"The converted copy of the database did not check out ({problems[:1]}); the "
            "original is unchanged."
        )


def _cipher_source(path: Path, passphrase: str | None) -> sqlite3.Connection:
    """A sqlcipher3 connection on the current file: keyed if encrypted, plain otherwise."""
    if passphrase is not None:
        return connect_encrypted(path, passphrase)
    return connect_cipher(path, None)


def _convert(path: Path, old: str | None, new: str | None) -> None:
    if old is None and is_encrypted(path):
        raise PassphraseError(f"The database at {path} is already encrypted.")
    if old is not None and not is_encrypted(path):
        raise PassphraseError(f"The database at {path} is not encrypted.")
    if not path.exists():
        raise PassphraseError(f"There is no database at {path} yet.")
    try:
        with intents.exclusive(path):
            _refuse_if_open_elsewhere(path)
            _convert_alone(path, old, new)
    except intents.BusyError as error:
        raise PassphraseError(str(error)) from None
    lock(path)


def _convert_alone(path: Path, old: str | None, new: str | None) -> None:
    """The conversion as a journaled operation: export, check, swap, erase the old bytes. A
    kill at any step is finished or undone by the next start (``recovery._convert``)."""
    mode = "encrypt" if old is None else "decrypt" if new is None else "rekey"
    target = path.with_name(path.name + ".converting")
    old_copy = path.with_name(path.name + ".old")
    with intents.operation("convert", path, target=target, old=old_copy) as intent:
        intent.extra["mode"] = mode
        intent.advance("export")
        source = _cipher_source(path, old)
        try:
            expected = _table_counts(source)
            if new is None:
                _export(source, target, "''")
            else:
                salt = os.urandom(SALT_BYTES)
                _export(source, target, key_pragma(derive_key(new, salt), salt))
        finally:
            source.close()
        intents.kill_point("convert:exported")
        check = connect_encrypted(target, new) if new is not None else connect_plain(target)
        _verify(expected, check, target)
        intent.advance("swap")
        _swap(target, path)
        intent.advance("swapped")
        _after_swap(path, target, old_copy, mode)


def _refuse_if_open_elsewhere(path: Path) -> None:
    if files.open_elsewhere(path):
        raise PassphraseError(
            "companion is open in another window or process: close it first. Nothing was changed."
        )


def _swap(new_file: Path, path: Path) -> None:
    """Put ``new_file`` in place of ``path`` atomically. The old file keeps a second name
    (``.old``) so its bytes can be erased once nothing needs them."""
    old_copy = path.with_name(path.name + ".old")
    if files.same_file(old_copy, path):
        files.unlink(old_copy)
    files.erase(old_copy)
    files.link(path, old_copy)
    intents.kill_point("convert:linked")
    files.fsync_file(new_file)
    files.replace(new_file, path)
    files.fsync_dir(path.parent)
    intents.kill_point("convert:swapped")


def _after_swap(path: Path, new_file: Path, old_copy: Path, mode: str) -> None:
    """Erase the replaced file, the old -wal/-shm names and (when encrypting) every plaintext
    copy of the journal: backups and saved model state."""
    from companion.core.store.recovery import erase_plaintext_copies

    files.erase(old_copy)
    for suffix in ("-wal", "-shm"):
        files.erase(path.with_name(path.name + suffix))
        files.erase(new_file.with_name(new_file.name + suffix))
    if mode == "encrypt":
        erase_plaintext_copies(path)


def encrypt_database(path: Path, passphrase: str) -> None:
    """Turn the plain database at ``path`` into an encrypted one (no other connection open).
    Unencrypted backups and saved model state are erased once the encrypted file is in place."""
    derive_key(passphrase, b"\0" * SALT_BYTES)  # refuses an empty passphrase before any work
    _convert(path, None, passphrase)


def decrypt_database(path: Path, passphrase: str) -> None:
    """Turn the encrypted database at ``path`` back into a plain SQLite file."""
    _convert(path, passphrase, None)


def change_passphrase(path: Path, old: str, new: str) -> None:
    """Re-encrypt the database under a new passphrase (and a new salt)."""
    derive_key(new, b"\0" * SALT_BYTES)
    _convert(path, old, new)


def remove_securely(path: Path) -> None:
    """Overwrite a file with zeros, flush it, then unlink it (``files.erase``)."""
    files.erase(path)
