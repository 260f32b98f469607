"""When companion fails: no core dump, and no user text in what is printed or kept.

``harden_process`` runs first in every `companion` process (the app and each command): the
core-file size limit goes to 0 and, on Linux, the process is marked non-dumpable
(``prctl(PR_SET_DUMPABLE, 0)``), so a crash cannot leave a memory image holding the passphrase
or entries, and other processes of the same user cannot attach to it or read its memory.

``write_report`` keeps what a developer needs to find the fault (the exception's type, and the
file, line and function of every frame, with chained exceptions) in a 0600 file in the data
folder, and nothing the person wrote: no exception message (it may quote user text), no frame
locals. ``sentence`` is the one thing printed.
"""

from __future__ import annotations

import contextlib
import os
import sys
import traceback
from datetime import UTC, datetime
from pathlib import Path

from companion.core import paths

PR_SET_DUMPABLE = 4


def harden_process() -> None:
    """No core files, and (Linux) not dumpable or attachable. Best effort: never fails."""
    with contextlib.suppress(ImportError, ValueError, OSError):
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if sys.platform.startswith("linux"):
        with contextlib.suppress(OSError, AttributeError):
            import ctypes

            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0)


def is_dumpable() -> bool | None:
    """Whether this process may dump core (None where it cannot be told)."""
    if not sys.platform.startswith("linux"):
        return None
    import ctypes

    PR_GET_DUMPABLE = 3
    return bool(ctypes.CDLL(None).prctl(PR_GET_DUMPABLE, 0, 0, 0, 0))


def crash_dir() -> Path:
    return paths.data_dir() / "crash-reports"


def report_text(error: BaseException) -> str:
    """The exception's type and frames (file:line in function), chained ones too; no message,
    no locals, so nothing the person wrote."""
    lines: list[str] = []
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        kind = type(current)
        lines.append(f"{kind.__module__}.{kind.__qualname__}")
        for frame in traceback.extract_tb(current.__traceback__):
            lines.append(f"  {frame.filename}:{frame.lineno} in {frame.name}")
        current = current.__cause__ or (
            None if current.__suppress_context__ else current.__context__
        )
        if current is not None:
            lines.append("caused by / while handling:")
    return "\n".join(lines) + "\n"


def write_report(error: BaseException, *, now: datetime | None = None) -> Path | None:
    """Write the report (0600) and return its path; None when the data folder is not writable."""
    from companion import __version__

    moment = now or datetime.now(UTC)
    header = (
        f"companion {__version__} crash report, {moment.isoformat(timespec='seconds')}\n"
        f"python {sys.version.split()[0]} on {sys.platform}\n"
        "The exception's message and every variable are left out: they may hold your text.\n\n"
    )
    try:
        folder = paths.ensure_private_dir(crash_dir())
        path = folder / f"crash-{moment.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}.txt"
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, paths.FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(header + report_text(error))
    except OSError:
        return None
    return path


def sentence(error: BaseException, report: Path | None) -> str:
    """What the person reads: what happened, that nothing was lost, where the details are."""
    where = (
        f"the details (without anything you wrote) are in {report}"
        if report is not None
        else "no details could be written (the data folder is not writable)"
    )
    return (
        f"companion stopped because of an unexpected problem ({type(error).__name__}). "
        "Nothing you had saved is lost, and text being typed was kept as a draft up to a "
        f"second before; {where}. `companion doctor` checks the installation."
    )
