"""One conversation (or, with ``exercises.markdown``, one exercise record) as a Markdown file,
for the person to keep or share.

Whatever the person wrote (and the model's replies) goes into a fenced ``text`` block whose
fence is longer than any run of backticks inside, so it reads exactly as written in any
Markdown viewer: ``**bold**``, ``<b>`` or ``# heading`` stay literal, and control characters
are shown escaped (``\\x1b``). Headings built from titles escape Markdown's punctuation.
Files are written atomically, 0600, never over an existing file; the default folder is the
person's Documents folder (their home when there is none), or the exports folder when
COMPANION_HOME puts everything in one place.
"""

from __future__ import annotations

import os
import re
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from companion.core import paths
from companion.core.clock import iso, parse_aware, utc_now
from companion.core.textfmt import visible

if TYPE_CHECKING:
    from sqlite_utils import Database

_PUNCTUATION = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")
_ROLES = {"user": "You", "assistant": "companion (the local model)", "system": "Note"}
_STATUS = {
    "stopped": " (stopped before it finished)",
    "replaced": " (replaced by a safe message)",
    "error": " (did not finish: an error)",
}
MODEL_NOTE = (
    "The replies were written by a small language model running on this computer. It is not "
    "a person and not a therapist, and it can be wrong."
)


class MarkdownExportError(Exception):
    """The file could not be written; str() is one sentence."""


def escape_inline(text: str) -> str:
    """Text for a heading or a line: Markdown punctuation escaped, on one line."""
    return _PUNCTUATION.sub(r"\\\1", " ".join(visible(text).split()))


def literal_block(text: str) -> str:
    """``text`` as a fenced block that shows it exactly as written."""
    shown = visible(text)
    longest = max((len(run) for run in re.findall(r"`+", shown)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}text\n{shown}\n{fence}"


def when(stamp: str) -> str:
    moment = parse_aware(stamp)
    return stamp if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


def conversation_markdown(
    db: Database, conversation_id: int, *, now: datetime | None = None
) -> str:
    """The conversation, oldest message first. Raises KeyError when there is none."""
    from companion.core.store.conversations import get_conversation, list_messages

    conversation = get_conversation(db, conversation_id)
    messages = [m for m in list_messages(db, conversation_id) if m.role in ("user", "assistant")]
    out = [
        f"# {escape_inline(conversation.title)}",
        "",
        f"A conversation in companion, started {when(conversation.created_utc)}, "
        f"{len(messages)} message{'s' if len(messages) != 1 else ''}. "
        f"Exported {when(iso(now or utc_now()))}.",
        "",
        f"_{MODEL_NOTE}_",
    ]
    for message in messages:
        who = _ROLES.get(message.role, message.role)
        status = _STATUS.get(message.status, "")
        out += ["", f"## {who}, {when(message.created_utc)}{status}", ""]
        out.append(literal_block(message.content))
    return "\n".join(out) + "\n"


def default_folder() -> Path:
    """Documents (or home), or the exports folder when COMPANION_HOME is set."""
    if os.environ.get(paths.HOME_ENV, "").strip():
        return paths.exports_dir()
    from platformdirs import user_documents_path

    documents = user_documents_path()
    return documents if documents.is_dir() else Path.home()


def default_path(stem: str, *, now: datetime | None = None) -> Path:
    """A path in ``default_folder`` named after ``stem`` and the date, not yet taken."""
    day = (now or utc_now()).astimezone().strftime("%Y-%m-%d")
    folder = default_folder()
    candidate = folder / f"{stem}-{day}.md"
    number = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{day}-{number}.md"
        number += 1
    return candidate


def save_markdown(text: str, path: Path) -> Path:
    """Write ``text`` to ``path`` (0600, atomically) and return the absolute path. An existing
    file is never replaced."""
    from companion.core.store.export import write_private_file

    target = path.expanduser()
    if not target.is_absolute():
        target = default_folder() / target
    if target.suffix.lower() != ".md":
        target = target.with_name(target.name + ".md")
    if target.exists():
        raise MarkdownExportError(f"A file already exists at {target}; choose another name.")
    try:
        write_private_file(target, text.encode("utf-8"))
    except OSError as error:
        raise MarkdownExportError(f"Cannot write {target}: {error.strerror}.") from None
    return target
