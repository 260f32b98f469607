"""What every CLI command shares: opening the store, printing user text literally, errors."""

from __future__ import annotations

import json
import re
import sqlite3
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, NoReturn

import typer

from companion.textfmt import literal, visible

if TYPE_CHECKING:
    from rich.console import Console
    from sqlite_utils import Database

printable = visible
__all__ = [
    "console",
    "err_console",
    "fail",
    "literal",
    "print_json",
    "print_jsonl",
    "printable",
    "respond_to_user_text",
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
    """Print one clear sentence to stderr and exit non-zero."""
    from rich.text import Text

    err_console.print(Text(message, style="bold red"))
    raise typer.Exit(code)


def print_json(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2) + "\n")


def print_jsonl(value: Any) -> None:
    sys.stdout.write(json.dumps(value, ensure_ascii=False) + "\n")


@contextmanager
def store() -> Iterator[Database]:
    """Open the database for a command; problems become one sentence and exit code 1."""
    from companion.store import StoreError, open_db
    from companion.store.db import PassphraseRequiredError

    try:
        try:
            db = open_db()
        except PassphraseRequiredError:
            if sys.stdin is None or not sys.stdin.isatty():
                raise
            import getpass

            db = open_db(passphrase=getpass.getpass("Passphrase: "))
    except StoreError as error:
        fail(str(error))
    try:
        yield db
    except sqlite3.DatabaseError as error:
        from companion.store.db import storage_problem

        message = storage_problem(error)
        if message is None:
            raise
        fail(message)
    finally:
        db.close()


def read_stdin_or_none() -> str | None:
    if sys.stdin is None or sys.stdin.isatty():
        return None
    return sys.stdin.read()


def respond_to_user_text(db: Database, text: str, source: str) -> str:
    """Run the crisis check on text the person saved and point to help when it matters."""
    from rich.text import Text

    from companion.safety import screen_user_text

    level = screen_user_text(db, text, source).level
    if level == "crisis":
        console.print(
            Text(
                "Saved. What you wrote sounds really hard. You don't have to face this alone: "
                "run `companion sos` now for your safety plan and people you can reach.",
                style="bold",
            )
        )
    elif level == "concern":
        console.print(
            Text("Saved. If things feel heavy, `companion sos` shows people who can help.")
        )
    return level


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
