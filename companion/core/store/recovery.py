"""Finishing or undoing what an interrupted file operation left (see ``intents.py``).

``repair(intent)`` knows each operation's steps and is safe to run twice. ``recover`` runs it
for every intent whose process is gone, then (holding the data folder alone) sweeps temporary
files no live process can own: half-converted copies, ``.old`` swap names, backup ``.partial``
files, export temporaries. Each repair is one line for the person. Nothing here opens a
database: it works from file names, hard-link counts and the first bytes of files, so it also
runs before a passphrase is known.

The one exception is ``forget --all`` killed before its rows were gone (or before they were
scrubbed): finishing it needs the database, so ``recover`` keeps its intent claimed and
``open_db`` finishes it (``forget.resume_forget``) as soon as the journal is open, passphrase and all.
Until a process opens the journal the intent stays, and the next one takes it up.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from companion.core.store import files
from companion.core.store import intent_files as intents
from companion.core.store.intent_files import Intent

_NAMES = {
    "encrypt": "`encrypt`",
    "decrypt": "`decrypt`",
    "rekey": "`passphrase change`",
    "restore": "`restore`",
    "backup": "backup",
    "export": "export",
    "forget": "`forget --all`",
}


def _side(path: Path) -> list[Path]:
    return [path, *(path.with_name(path.name + s) for s in files.SIDE_SUFFIXES)]


def _erase_all(path: Path) -> int:
    found = 0
    for each in _side(path):
        if each.exists():
            found += 1
        files.erase(each)
    return found


def _undo_link(old: Path, db: Path) -> None:
    """The ``.old`` name of a swap: a second name of the current file is only unlinked; a
    copy of a replaced file is erased; with the database gone it is put back."""
    if not os.path.lexists(old):
        return
    if files.same_file(old, db):
        files.unlink(old)
    elif not db.exists():
        files.rename(old, db)
    else:
        files.erase(old)


def erase_plaintext_copies(db: Path) -> int:
    """With the journal encrypted: erase every unencrypted database copy in the backups folder
    and the saved model state (both hold the journal's words in the clear)."""
    from companion.core import paths

    if files.header(db).kind != "encrypted":
        return 0
    erased = 0
    folder = paths.backups_dir()
    if folder.is_dir():
        for candidate in sorted(folder.iterdir()):
            if candidate.is_file() and files.header(candidate).kind != "encrypted":
                files.erase(candidate)
                erased += 1
    state = paths.state_dir()
    if state.is_dir():
        for candidate in sorted(state.iterdir()):
            if candidate.is_file():
                files.erase(candidate)
                erased += 1
    return erased


def _convert(intent: Intent) -> str:
    db, target, old = Path(intent.db), intent.file("target"), intent.file("old")
    name = _NAMES.get(intent.extra.get("mode", ""), "conversion")
    swapped = intent.step == "swapped" or (intent.step == "swap" and not target.exists())
    if not swapped:
        _undo_link(old, db)
        _erase_all(target)
        return f"An interrupted {name} was rolled back: the journal is as it was before."
    _undo_link(old, db)
    _erase_all(target)
    for suffix in ("-wal", "-shm"):
        files.erase(db.with_name(db.name + suffix))
    erased = erase_plaintext_copies(db) if intent.extra.get("mode") == "encrypt" else 0
    extra = f"; {erased} unencrypted copies were erased" if erased else ""
    return f"An interrupted {name} was finished: the new journal file is in place{extra}."


def _restore(intent: Intent) -> str:
    db, restoring, aside = Path(intent.db), intent.file("restoring"), intent.file("aside")
    if intent.step != "swap":
        _erase_all(restoring)
        return "An interrupted `restore` was rolled back: the journal is as it was before."
    for suffix in ("-wal", "-shm", ""):
        current = db.with_name(db.name + suffix)
        moved = aside.with_name(aside.name + suffix)
        if current.exists() and not moved.exists() and restoring.exists():
            files.rename(current, moved)
    if restoring.exists():
        files.replace(restoring, db)
        files.fsync_dir(db.parent)
    kept = f"; the journal before it is kept as {aside.name}" if aside.exists() else ""
    return f"An interrupted `restore` was finished{kept}."


# Intents of `forget --all` to finish once the journal is open: database -> [(intent, claim fd)].
_FORGET_LEFT: dict[str, list[tuple[Path, int]]] = {}


def forget_pending(db_path: Path) -> bool:
    """Whether an interrupted `forget --all` waits for the journal to be opened (no I/O)."""
    return bool(_FORGET_LEFT.get(os.path.realpath(db_path)))


def take_forget_claims(db_path: Path) -> list[tuple[Path, int]]:
    """The waiting `forget --all` intents of ``db_path`` (still claimed), for
    ``forget.resume_forget``."""
    return _FORGET_LEFT.pop(os.path.realpath(db_path), [])


def keep_forget_claims(db_path: Path, waiting: list[tuple[Path, int]]) -> None:
    """Put claims back when finishing failed (the next open tries again)."""
    _FORGET_LEFT.setdefault(os.path.realpath(db_path), []).extend(waiting)


def drop_forget_intents(waiting: list[tuple[Path, int]]) -> None:
    """The forget is finished: remove its intents and let go of their claims."""
    for intent_file, fd in waiting:
        files.unlink(intent_file)
        files.unlink(intents.lock_file(intent_file))
        os.close(fd)


def release_forget_claims() -> None:
    """Let go of the waiting `forget --all` intents without finishing them (the next process
    takes them up): ``intents.release_all``, between data folders."""
    for items in _FORGET_LEFT.values():
        for _, fd in items:
            with contextlib.suppress(OSError):
                os.close(fd)
    _FORGET_LEFT.clear()


def _forget(intent: Intent) -> str:
    if intent.step != "files":  # only after an exception in process (a kill waits for open_db)
        return (
            "An interrupted `forget --all` had not finished: nothing was erased outside the "
            "journal yet; run it again."
        )
    remaining = [Path(p) for p in intent.extra.get("erase", [])]
    for each in remaining:
        files.erase(each)
    return f"An interrupted `forget --all` was finished: {len(remaining)} copies were erased."


def repair(intent: Intent) -> str | None:
    """Finish or undo one operation; the sentence saying what was done (None: nothing to do)."""
    if intent.op == "convert":
        return _convert(intent)
    if intent.op == "restore":
        return _restore(intent)
    if intent.op == "forget":
        return _forget(intent)
    if intent.op in ("backup", "export"):
        found = sum(_erase_all(Path(p)) for p in intent.files.values())
        if found:
            return f"An interrupted {_NAMES[intent.op]} left a partial file; it was erased."
    return None


def recover(db_path: Path, *, exclusive: bool) -> list[str]:
    """Repair every interrupted operation (only backups and exports unless ``exclusive``:
    the others are repaired by a process that holds the data folder alone)."""
    messages = []
    for intent_file in intents.pending(db_path):
        intent = intents.load(intent_file)
        if intent is not None and intent.op in ("convert", "restore") and not exclusive:
            continue
        fd = intents.claim(intent_file)
        if fd is None:
            continue  # still running
        if intent is not None and intent.op == "forget" and intent.step != "files":
            _FORGET_LEFT.setdefault(os.path.realpath(db_path), []).append((intent_file, fd))
            continue  # the rows are not gone yet: finished by open_db (forget.resume_forget)
        try:
            message = repair(intent) if intent is not None else None
            if message:
                messages.append(message)
            files.unlink(intent_file)
            files.unlink(intents.lock_file(intent_file))
        finally:
            os.close(fd)
    if exclusive:
        messages.extend(_sweep(db_path))
    return messages


def strays(db_path: Path) -> list[Path]:
    """Temporary files no finished operation should leave (half-converted copies, swap names,
    partial backups, export temporaries), for the sweep and for `doctor`."""
    from companion.core import paths

    found: list[Path] = []
    folder = db_path.parent
    for suffix in (".converting", ".old", ".restoring"):
        found.extend(p for p in _side(db_path.with_name(db_path.name + suffix)) if p.exists())
    for where, pattern in (
        (paths.backups_dir(), "*.partial*"),
        (paths.exports_dir(), ".*.tmp-*"),
        (paths.state_dir(), ".*.tmp-*"),
        (folder, ".*.tmp-*"),
        (intents.ops_dir(db_path), ".*.tmp-*"),
    ):
        if where.is_dir():
            found.extend(sorted(where.glob(pattern)))
    return found


def _sweep(db_path: Path) -> list[str]:
    """Under the exclusive lock (no other companion process runs), erase every stray."""
    leftovers = strays(db_path)
    if not leftovers:
        return []
    restoring = db_path.with_name(db_path.name + ".restoring")
    if not db_path.exists() and restoring.exists():
        files.replace(restoring, db_path)
        leftovers = strays(db_path)
        put_back = "an interrupted `restore` was finished; "
    else:
        put_back = ""
    for each in leftovers:
        if each.name == db_path.name + ".old":
            _undo_link(each, db_path)
        else:
            files.erase(each)
    return [f"Cleaned up after an interrupted operation: {put_back}{len(leftovers)} files erased."]
