"""What every CLI command shares: opening the store, printing user text literally, errors."""

from __future__ import annotations

import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from companion.core.textfmt import json_text, literal, visible

if TYPE_CHECKING:
    from rich.console import Console
    from sqlite_utils import Database

    from companion.core.safety.flow import SafetyDecision
    from companion.core.store._util import Conn

printable = visible
__all__ = [
    "console",
    "err_console",
    "fail",
    "literal",
    "print_json",
    "print_jsonl",
    "printable",
    "quick_store",
    "show_safety",
    "store",
]


class _LazyConsole:
    """A Rich Console created on first use, so importing the CLI stays cheap."""

    def __init__(self, **options: Any) -> None:
        self._options = options
        self._console: Console | None = None

    def __getattr__(self, name: str) -> Any:
        if self._console is None:
            from rich.console import Console

            self._console = Console(**self._options)
        return getattr(self._console, name)


console: Any = _LazyConsole(highlight=False, soft_wrap=True)
err_console: Any = _LazyConsole(stderr=True, highlight=False, soft_wrap=True)


def fail(message: str, code: int = 1) -> NoReturn:
    """Print one clear sentence to stderr and exit non-zero. Control characters in it (from a
    file name or a field an import complained about) are shown escaped, never sent raw."""
    from rich.text import Text

    err_console.print(Text(visible(message), style="bold red"))
    raise typer.Exit(code)


def print_json(value: Any) -> None:
    sys.stdout.write(json_text(value, indent=2) + "\n")


def print_jsonl(value: Any) -> None:
    sys.stdout.write(json_text(value) + "\n")


@contextmanager
def store() -> Iterator[Database]:
    """Open the database for a command; problems become one sentence and exit code 1."""
    from companion.core.store import open_db

    with _opened(open_db) as db:
        yield db


@contextmanager
def quick_store() -> Iterator[Conn]:
    """``store()`` for the quick commands (journal add/list/search, checkin): a plain sqlite3
    connection when no migration is due, so sqlite-utils is not imported (store/quick.py)."""
    from companion.core.store.quick import open_quick

    def opener(passphrase: str | None = None) -> sqlite3.Connection:
        if passphrase is None:
            return open_quick()
        from companion.core.store import open_db

        return open_db(passphrase=passphrase).conn

    with _opened(opener) as db:
        yield db


@contextmanager
def _opened(opener: Any) -> Iterator[Any]:
    from companion.core.store import intents
    from companion.core.store.db import PassphraseRequiredError, StoreError

    reported = len(intents.REPORTS)
    try:
        try:
            db = opener()
        except PassphraseRequiredError:
            if sys.stdin is None or not sys.stdin.isatty():
                raise
            import getpass

            db = opener(passphrase=getpass.getpass("Passphrase: "))
    except StoreError as error:
        fail(str(error))
    except (sqlite3.DatabaseError, OSError) as error:  # a read-only folder, a damaged file
        from companion.core.store.problems import opening_problem

        fail(opening_problem(error))
    for line in intents.REPORTS[reported:]:  # what opening finished (an interrupted forget)
        sys.stderr.write(line + "\n")
    try:
        _recover_editor_files(db)
        yield db
    except sqlite3.DatabaseError as error:
        from companion.core.store.db import storage_problem
        from companion.core.store.problems import damaged_sentence

        message = storage_problem(error)
        if message is None:
            if not _is_damage(error):
                raise
            message = damaged_sentence(error)
        fail(message)
    finally:
        db.close()


def _is_damage(error: sqlite3.DatabaseError) -> bool:
    text = str(error).lower()
    return "malformed" in text or "not a database" in text or "corrupt" in text


def _recover_editor_files(db: Database) -> None:
    """Text left in $EDITOR files by a companion that was killed becomes a draft (one line)."""
    from companion.core import paths

    folder = paths.editor_dir()
    if not folder.is_dir() or not any(folder.iterdir()):
        return  # the usual case, and the quick commands' connection stays plain sqlite3
    from companion.core.store import editor_files

    if isinstance(db, sqlite3.Connection):
        from sqlite_utils import Database

        db = Database(db)
    kept = editor_files.recover(db)
    if kept:
        from rich.text import Text

        err_console.print(Text(editor_files.recovered_sentence(kept)))


def read_stdin_or_none() -> str | None:
    """Standard input as text (None in a terminal); bytes that are not UTF-8 are one sentence."""
    if sys.stdin is None or sys.stdin.isatty():
        return None
    data = sys.stdin.buffer.read() if hasattr(sys.stdin, "buffer") else sys.stdin.read()
    if isinstance(data, str):
        return data
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        fail(
            f"Standard input is not UTF-8 text (byte {error.start + 1} cannot be read); "
            "nothing was saved: convert it first, e.g. with `iconv -t UTF-8`."
        )


def show_safety(db: Conn | None, decision: SafetyDecision, *, stderr: bool = False) -> None:
    """Print a safety decision's words (nothing when it has none)."""
    if decision.reply is None:
        return  # the usual case: nothing to say, and the quick commands stay light
    from rich.text import Text
    from sqlite_utils import Database

    from companion.core.safety.compose import CLI, render

    # the quick commands' plain sqlite3 connection reads the country and plan through sqlite-utils
    database = Database(db) if isinstance(db, sqlite3.Connection) else None
    if isinstance(db, Database):
        database = db
    text = render(decision, CLI, db=database, with_resources=decision.open_help_now)
    if text:
        (err_console if stderr else console).print(Text(text, style="bold"))


_F1_PHRASES = (
    (re.compile(r"\bone key away \(F1\)"), "one command away (`companion sos`)"),
    (re.compile(r"\bPress F1\b"), "Run `companion sos`"),
    (re.compile(r"\bpress F1\b"), "run `companion sos`"),
    (re.compile(r"\bF1 opens\b"), "`companion sos` opens"),
    (re.compile(r"\bF1 \(Help now\)"), "`companion sos` (Help now)"),
)


def for_the_shell(text: str) -> str:
    """The app's words about its F1 key, said as the command that does the same in a shell
    (`companion sos`): there is no F1 at a prompt."""
    for pattern, replacement in _F1_PHRASES:
        text = pattern.sub(replacement, text)
    return text
