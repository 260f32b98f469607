"""Where companion keeps its files.

Nothing happens at import time: every function computes its answer when called, so tests can
point ``COMPANION_HOME`` at a temporary folder without patching globals. ``COMPANION_HOME``
overrides both the data and the config directory (platformdirs otherwise).
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path

APP_NAME = "companion"
HOME_ENV = "COMPANION_HOME"
DIR_MODE = 0o700
FILE_MODE = 0o600


def _override() -> Path | None:
    value = os.environ.get(HOME_ENV, "").strip()
    return Path(value).expanduser() if value else None


def data_dir() -> Path:
    """The folder for the database, models, backups and saved model state."""
    home = _override()
    if home is not None:
        return home
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def editor_dir() -> Path:
    """Where text being written in $EDITOR is kept until it is saved (store/editor_files.py)."""
    return data_dir() / "tmp"


def config_dir() -> Path:
    """The folder for config.toml, prompt overrides and custom exercise definitions."""
    home = _override()
    if home is not None:
        return home
    from platformdirs import user_config_path

    return user_config_path(APP_NAME, appauthor=False)


def db_path() -> Path:
    return data_dir() / "companion.db"


def config_file() -> Path:
    return config_dir() / "config.toml"


def models_dir() -> Path:
    return data_dir() / "models"


def backups_dir() -> Path:
    return data_dir() / "backups"


def state_dir() -> Path:
    """Saved model state (KV caches of conversations)."""
    return data_dir() / "state"


def exports_dir() -> Path:
    return data_dir() / "exports"


def prompts_builtin_dir() -> Path:
    """The shipped prompt templates (and ``replies/``): repo ``prompts/`` in a checkout,
    ``companion/_prompts`` in an installed wheel. Here, below llm and safety, because both read
    them (the model's prompts and the scripted crisis replies)."""
    package = Path(__file__).resolve().parents[1]
    installed = package / "_prompts"
    if installed.is_dir():
        return installed
    return package.parent / "prompts"


def prompts_override_dir() -> Path:
    return config_dir() / "prompts"


def exercises_override_dir() -> Path:
    return config_dir() / "exercises"


def ensure_private_dir(path: Path) -> Path:
    """Create ``path`` (and parents) if needed and make it readable by the owner only."""
    path.mkdir(parents=True, exist_ok=True, mode=DIR_MODE)
    with contextlib.suppress(OSError):
        if path.stat().st_mode & 0o777 != DIR_MODE:
            path.chmod(DIR_MODE)
    return path


def make_private(path: Path) -> None:
    """Set a file the app wrote to 0600 (best effort: the file may not exist yet)."""
    with contextlib.suppress(FileNotFoundError):
        path.chmod(FILE_MODE)


def write_private_text(path: Path, text: str) -> None:
    """Write a file atomically (temp file, fsync, rename) with mode 0600."""
    write_private_bytes(path, text.encode("utf-8"))


def write_private_bytes(path: Path, *chunks: bytes | memoryview) -> None:
    """Write bytes atomically with mode 0600: a crash leaves the old file or the new, never half.

    Several chunks are written one after the other (no joined copy of a large file in memory).
    A missing folder is created 0700; an existing one keeps its mode (``report -o ~/Documents``
    must not change who can read ~/Documents)."""
    if not path.parent.exists():
        ensure_private_dir(path.parent)
    write_atomic(path, chunks)


# The one temp-write, fsync, rename of companion (store.files.write_atomic adds the store's
# checks to it, store.files.copy_private and store.editor_files.create use write_synced).


def temp_name(target: Path) -> Path:
    """The temporary file ``write_atomic`` uses for ``target`` in this process (the start-up
    sweep of ``store.recovery`` erases strays by this pattern: ``.NAME.tmp-PID``)."""
    return target.with_name(f".{target.name}.tmp-{os.getpid()}")


def write_synced(fd: int, chunks: Iterable[bytes | memoryview]) -> None:
    """Write ``chunks`` to a newly opened descriptor, flush them to disk and close it."""
    with os.fdopen(fd, "wb") as handle:
        for chunk in chunks:
            handle.write(chunk)
        handle.flush()
        os.fsync(handle.fileno())


def write_atomic(
    target: Path,
    chunks: Iterable[bytes | memoryview],
    *,
    before_replace: Callable[[], None] | None = None,
    discard: Callable[[Path], None] | None = None,
) -> None:
    """Write ``target`` atomically with mode 0600: a temporary file next to it (0600 from its
    first byte, and again after writing in case a stray of the same name had another mode),
    fsync, rename, fsync of the folder. A crash leaves the old file or the new one.

    ``before_replace`` runs just before the rename (the store's kill points); ``discard``
    removes the temporary file when anything fails (default: unlink; the store erases it)."""
    tmp = temp_name(target)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC, FILE_MODE)
    try:
        write_synced(fd, chunks)
        os.chmod(tmp, FILE_MODE)
        if before_replace is not None:
            before_replace()
        os.replace(tmp, target)
        fsync_dir(target.parent)
    except BaseException:
        if discard is None:
            with contextlib.suppress(FileNotFoundError):
                tmp.unlink()
        else:
            discard(tmp)
        raise


def fsync_dir(path: Path) -> None:
    """Flush a folder, so that a rename in it survives a power cut (best effort)."""
    with contextlib.suppress(OSError):
        fd = os.open(path, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def all_paths() -> dict[str, Path]:
    """Every location the app uses, for `companion paths`."""
    return {
        "data": data_dir(),
        "config": config_dir(),
        "database": db_path(),
        "config file": config_file(),
        "models": models_dir(),
        "backups": backups_dir(),
        "model state": state_dir(),
        "exports": exports_dir(),
        "prompt overrides": prompts_override_dir(),
        "custom exercises": exercises_override_dir(),
    }
