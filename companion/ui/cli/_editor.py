"""Running the person's $VISUAL/$EDITOR on a private file (companion.core.store.editor_files)."""

from __future__ import annotations

import os
import shlex
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager

from companion.ui.cli._common import fail


def editor_command() -> str:
    return os.environ.get("VISUAL") or os.environ.get("EDITOR") or ""


@contextmanager
def edited_text(purpose: str, initial: str = "", editor: str | None = None) -> Iterator[str]:
    """Open the editor on ``initial`` and give back what was saved.

    The file is erased once the ``with`` body has finished (the text is stored by then); if the
    body fails, or companion is killed, the file stays and the next start keeps it as a draft.
    The editor's environment has no passphrase variables.
    """
    from companion.core.store import editor_files

    command = editor or editor_command()
    if not command:
        fail("No text given and no $EDITOR set: pass the text, pipe it in, or set $EDITOR.")
    handle = editor_files.create(purpose, initial)
    try:
        result = subprocess.run(
            [*shlex.split(command), str(handle.path)],
            check=False,
            env=editor_files.editor_environment(),
        )
    except OSError as error:
        handle.close()
        fail(f"The editor {command!r} could not be started ({error.strerror}).")
    if result.returncode != 0:
        os.close(handle.fd)  # keep the file: the next start keeps what was written as a draft
        fail(
            f"The editor exited with status {result.returncode}; nothing was saved now "
            "(anything you wrote there is kept as a draft the next time companion starts)."
        )
    try:
        text = handle.read()
        yield text
    except BaseException:
        os.close(handle.fd)  # not stored: leave the file for recovery
        raise
    handle.close()
