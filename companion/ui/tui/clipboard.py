"""Copying text out of the app, saying truthfully where it went.

1. The system clipboard, when a clipboard tool is there: wl-copy (Wayland), xclip or xsel (X11),
   pbcopy (macOS), clip.exe (Windows and WSL). Its exit status tells whether it worked.
2. Otherwise the terminal's clipboard by OSC 52 (Textual's ``App.copy_to_clipboard``). Many
   terminals support it, some do not, and tmux passes it on only with ``set-clipboard on``;
   nothing tells the app whether it arrived, so the message says so.
3. Saving to a file in the exports folder, offered alongside (and instead, with no terminal).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

from companion.core import paths

TIMEOUT = 3.0  # seconds; a clipboard tool that hangs (no display) must not freeze the app

OSC52_NOTE = (
    "Sent to the terminal's clipboard (OSC 52); if nothing arrived, your terminal may not "
    "support it."
)


def _candidates() -> list[list[str]]:
    tools: list[list[str]] = []
    if os.environ.get("WAYLAND_DISPLAY"):
        tools.append(["wl-copy"])
    if os.environ.get("DISPLAY"):
        tools += [["xclip", "-selection", "clipboard"], ["xsel", "--clipboard", "--input"]]
    if sys.platform == "darwin":
        tools.append(["pbcopy"])
    tools.append(["clip.exe"])
    return tools


def copy_with_system_tool(text: str) -> str | None:
    """Copy with the first clipboard tool that works; its name, or None when there is none."""
    for command in _candidates():
        if shutil.which(command[0]) is None:
            continue
        try:
            done = subprocess.run(
                command,
                input=text.encode("utf-8"),
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                timeout=TIMEOUT,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            continue
        if done.returncode == 0:
            return command[0]
    return None


def save_to_file(text: str, now: datetime, stem: str = "chat-message") -> Path:
    """Write ``text`` to a new private file in the exports folder and return its path."""
    from companion.core.store.export import write_private_file

    target = paths.exports_dir() / f"{stem}-{now.strftime('%Y%m%d-%H%M%S')}.txt"
    write_private_file(target, text.encode("utf-8"))
    return target
