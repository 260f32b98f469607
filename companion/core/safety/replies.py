"""The scripted, reviewed replies the app gives instead of the model on risky turns.

Plain text files, one per reply, in ``prompts/replies/`` (``companion/_prompts/replies`` in an
installed wheel); a same-named file in the config folder's ``prompts/replies/`` wins, as for
prompts. ``{help}`` and ``{emergency}`` are filled in; a broken override falls back to the
shipped text, because these replies are what a person reads on their worst day.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

from companion.core import paths

SUFFIX = ".txt"


class ReplyName(StrEnum):
    """Every scripted reply; the value is the file name without ``.txt``."""

    CRISIS = "crisis"
    SUSPENDED = "suspended"
    CARRIED_ON = "carried_on"
    CONCERN = "concern"
    CONCERN_AGAIN = "concern_again"  # a later concern turn in the same conversation
    MEDICATION = "medication"
    DIAGNOSIS = "diagnosis"
    EATING = "eating"
    HUMAN = "human"
    METHOD = "method"
    FROM_OTHERS = "from_others"
    OTHERS = "others"
    NOTE_CRISIS = "note_crisis"
    NOTE_CONCERN = "note_concern"
    NOTE_FROM_OTHERS = "note_from_others"


def builtin_dir() -> Path:
    return paths.prompts_builtin_dir() / "replies"


def override_dir() -> Path:
    return paths.prompts_override_dir() / "replies"


def reply_path(name: ReplyName) -> Path:
    """The file that supplies ``name``: the person's override if present, else the shipped one."""
    override = override_dir() / f"{name}{SUFFIX}"
    return override if override.is_file() else builtin_dir() / f"{name}{SUFFIX}"


def _fill(template: str, variables: dict[str, str]) -> str:
    return template.strip().format_map(variables)


def render_reply(name: ReplyName, *, help: str, emergency: str) -> str:
    """The reply ``name`` with ``{help}`` and ``{emergency}`` filled in."""
    variables = {"help": help, "emergency": emergency}
    shipped = (builtin_dir() / f"{name}{SUFFIX}").read_text(encoding="utf-8")
    path = reply_path(name)
    if path == builtin_dir() / f"{name}{SUFFIX}":
        return _fill(shipped, variables)
    try:
        text = _fill(path.read_text(encoding="utf-8"), variables)
    except (OSError, UnicodeDecodeError, KeyError, ValueError, IndexError):
        return _fill(shipped, variables)
    return text if text else _fill(shipped, variables)
