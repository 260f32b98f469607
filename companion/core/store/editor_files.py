"""Text written in $EDITOR: a private file in ``<data>/tmp`` that never outlives its use.

`companion journal add/edit` and `companion safety-plan edit` hand the person's editor a file
``<data>/tmp/<purpose>-XXXX.md`` (0600, in a 0700 folder) and hold an exclusive ``flock`` on the
``.base`` file beside it while the editor runs (on the ``.base``, because editors often save by
renaming a new file over the old one, which would leave a lock on the file behind). When companion is killed meanwhile (the terminal closed, say), the file
stays behind with what was written. Every later start (any command, and the app) calls
``recover``: a file nobody holds any more is read, its text kept as a draft when it differs from
what the editor was given (a SHA-256 of that in a ``.base`` file beside it), and then the file is
overwritten and removed. ``erase_all`` (``forget --all``) removes them all.

The editor never sees COMPANION_PASSPHRASE: ``editor_environment`` leaves it out.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core import paths

if TYPE_CHECKING:
    from sqlite_utils import Database

# sqlite-utils (through store.drafts) is imported inside ``recover``: the quick CLI commands
# import this module on every run to look for abandoned files, usually finding none.

SECRET_ENV = ("COMPANION_PASSPHRASE", "COMPANION_NEW_PASSPHRASE")
_PURPOSE = re.compile(r"^(journal-new|journal-\d+|safety-plan)$")
SAFETY_PLAN_DRAFT = "safety-plan:editor"


def editor_dir() -> Path:
    return paths.editor_dir()


def draft_key(purpose: str) -> str:
    """Where the text of an abandoned editor file goes: the draft the app already offers."""
    if purpose == "safety-plan":
        return SAFETY_PLAN_DRAFT
    if purpose.startswith("journal-"):
        return "journal:" + purpose.removeprefix("journal-")
    return "journal:new"  # an older or unknown file: still somebody's words


def editor_environment() -> dict[str, str]:
    """The environment for the editor: ours without the passphrase variables."""
    return {k: v for k, v in os.environ.items() if k not in SECRET_ENV}


def _digest(text: str) -> str:
    import hashlib  # here: hashlib and secrets cost the quick commands ~9 ms to import

    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass
class EditorFile:
    """An open editor file; ``close`` erases it. Use as a context manager."""

    path: Path
    fd: int  # the locked ``.base`` file

    def read(self) -> str:
        return self.path.read_text(encoding="utf-8", errors="replace")

    def close(self) -> None:
        _erase(self.path)
        with contextlib.suppress(OSError):
            os.close(self.fd)

    def __enter__(self) -> EditorFile:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def create(purpose: str, initial: str) -> EditorFile:
    """A new 0600 file holding ``initial``, locked by this process until ``close``."""
    if not _PURPOSE.match(purpose):
        raise ValueError(f"unknown editor purpose {purpose!r}")
    folder = paths.ensure_private_dir(editor_dir())
    import secrets

    name = f"{purpose}-{secrets.token_hex(4)}.md"
    path = folder / name
    lock = os.open(path.with_suffix(".base"), os.O_RDWR | os.O_CREAT | os.O_EXCL, paths.FILE_MODE)
    fcntl.flock(lock, fcntl.LOCK_EX)
    os.write(lock, _digest(initial).encode("ascii"))
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, paths.FILE_MODE)
    paths.write_synced(fd, [initial.encode("utf-8")])
    return EditorFile(path, lock)


def _erase(path: Path) -> None:
    """Overwrite with zeros, then unlink (the file and its ``.base``): ``files.erase``."""
    from companion.core.store import files

    for target in (path, path.with_suffix(".base")):
        files.erase(target)


def _held_elsewhere(path: Path) -> bool:
    """Whether a running companion still has its editor open on ``path``."""
    try:
        fd = os.open(path.with_suffix(".base"), os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return True
    finally:
        os.close(fd)  # closing releases our flock (flock locks are not SQLite's POSIX locks)
    return False


def _purpose_of(path: Path) -> str:
    return path.stem.rsplit("-", 1)[0] if "-" in path.stem else path.stem


def recover(db: Database) -> list[str]:
    """Keep the text of abandoned editor files as drafts, then erase the files.

    Returns the draft keys that received text (empty when there was nothing to keep).
    """
    from companion.core.store import drafts

    folder = editor_dir()
    if not folder.is_dir():
        return []
    kept: list[str] = []
    for path in sorted(folder.iterdir()):
        if path.suffix == ".base":
            if not path.with_suffix(".md").exists():
                _erase(path)
            continue
        if not path.is_file() or path.suffix != ".md" or _held_elsewhere(path):
            continue
        text = path.read_text(encoding="utf-8", errors="replace").replace("\x00", "")
        base = path.with_suffix(".base")
        original = base.read_text(encoding="utf-8").strip() if base.is_file() else None
        if text.strip() and _digest(text) != original:
            key = draft_key(_purpose_of(path))
            existing = drafts.load_draft(db, key)
            if existing and existing.strip() != text.strip():
                text = f"{existing.rstrip()}\n\n{text}"
            drafts.save_draft(db, key, text)
            kept.append(key)
        _erase(path)
    return kept


def erase_all() -> int:
    """Erase every editor file, in use or not (``forget --all``). Returns how many."""
    folder = editor_dir()
    if not folder.is_dir():
        return 0
    count = 0
    for path in sorted(folder.iterdir()):
        if path.is_file():
            _erase(path)
            count += path.suffix != ".base"
    return count


RECOVERED_SENTENCE = (
    "Text you were writing in your editor when companion closed was kept as a draft "
    "(nothing was lost): {where}."
)


def recovered_sentence(keys: list[str]) -> str:
    """One sentence saying where recovered editor text went."""
    where = []
    for key in keys:
        if key == SAFETY_PLAN_DRAFT:
            where.append("`companion safety-plan edit` starts from it")
        elif key == "journal:new":
            where.append("the app's new journal entry opens with it")
        else:
            where.append(f"editing entry {key.removeprefix('journal:')} in the app shows it")
    return RECOVERED_SENTENCE.format(where="; ".join(dict.fromkeys(where)))
