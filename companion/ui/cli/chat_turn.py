"""One chat turn and the REPL on the command line (`companion chat`, `chat send`).

Streamed text is shown only once the output guard has passed it: on a terminal the reply is
redrawn in place (so a withheld reply is replaced on screen, never left there); when the output
is not a terminal nothing is printed until the reply is final.
"""

from __future__ import annotations

import signal
import sys
import threading
from typing import TYPE_CHECKING, Any

import typer

from companion.ui.cli._common import console, err_console, for_the_shell, literal, printable

if TYPE_CHECKING:
    from companion.core.llm.session import ChatSession

HELP_LINES = (
    "/new starts a new conversation, /carry-on carries on after a safety pause, "
    "/quit (or Ctrl-D) leaves, Ctrl-C stops a reply."
)
GUARD_EVERY = 8  # pieces between guard checks of the text shown so far


class HeldReply:
    """The reply as it streams, shown only as far as the output guard has passed it."""

    def __init__(self, quiet: bool) -> None:
        self.pieces: list[str] = []
        self.live: Any = None
        if not quiet and sys.stdout.isatty():
            from rich.console import Console
            from rich.live import Live

            self.live = Live(console=Console(highlight=False), auto_refresh=False)
            self.live.start()

    def add(self, piece: str) -> None:
        from companion.core.safety import check_output

        self.pieces.append(piece)
        if self.live is not None and len(self.pieces) % GUARD_EVERY == 0:
            text = "".join(self.pieces)
            if check_output(text).ok:
                self.show(text)

    def show(self, text: str) -> None:
        if self.live is not None:
            from rich.text import Text

            self.live.update(Text(printable(text)), refresh=True)

    def finish(self, text: str | None) -> None:
        """Show the final text (the guarded reply or its replacement) and stop redrawing."""
        if self.live is not None:
            self.show(text or "")
            self.live.stop()
        elif text:
            sys.stdout.write(printable(text) + "\n")
            sys.stdout.flush()


def run_turn(
    session: ChatSession, text: str | None, *, quiet: bool = False, one_shot: bool = False
) -> dict[str, Any]:
    """Send ``text`` (None = regenerate) and show the reply; Ctrl-C stops it. Returns the
    turn: the stored reply, the level, the category and who wrote the reply.

    When a model server stops answering, its sentence is printed (and with ``one_shot`` the
    command exits with 1); what was written is stored either way."""
    from companion.core.llm.remote import interruption
    from companion.core.llm.session import (
        ReplyDone,
        ReplyPiece,
        ReplyReplaced,
        ReplyStarted,
        SafetyNotice,
        Summarising,
        UserSaved,
    )
    from companion.core.safety.flow import Author

    cancel = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.set())
    turn: dict[str, Any] = {"reply": None, "level": "none", "category": None, "layer": None}
    held: HeldReply | None = None
    problem: str | None = None
    try:
        events = session.send(text, cancel=cancel) if text is not None else session.regenerate()
        for event in events:
            if isinstance(event, UserSaved):
                turn.update(event.decision.assessment.summary())
            elif isinstance(event, Summarising) and not quiet:
                err_console.print(literal("(summarising older messages...)", "dim"))
            elif isinstance(event, ReplyStarted):
                held = HeldReply(quiet)
                turn["reply_by"] = str(Author.MODEL)
            elif isinstance(event, ReplyPiece) and held is not None:
                held.add(event.text)
            elif isinstance(event, ReplyReplaced):
                turn["reply_by"] = str(Author.GUARD)
            elif isinstance(event, ReplyDone):
                if held is not None and not quiet:
                    shown = event.message.content if event.message is not None else ""
                    if turn.get("reply_by") == str(Author.GUARD):
                        shown = "[reply withheld by the safety guard]\n" + shown
                    held.finish(shown)
                held = None
                problem = interruption(event.stats)
                if problem is not None:
                    err_console.print(literal(problem, "bold"))
                elif event.stats.stopped and not quiet:
                    err_console.print(literal("(stopped)", "dim"))
                if event.message is not None:
                    turn["reply"] = event.message.to_dict()
            elif isinstance(event, SafetyNotice):
                turn.update(reply=event.message.to_dict(), reply_by=str(Author.SCRIPTED))
                if not quiet:
                    console.print(literal(for_the_shell(event.text), "bold"))
    finally:
        if held is not None:  # interrupted mid-stream: keep nothing unguarded on screen
            held.finish("")
        signal.signal(signal.SIGINT, previous)
    if problem is not None and one_shot:  # after every event: notices came first
        raise typer.Exit(1)
    return turn


def repl(session: ChatSession) -> None:
    from companion.core.flows.chat_context import personal_context_text
    from companion.core.llm.session import ChatSession, EmptyMessage

    err_console.print(
        literal(
            f"Chatting with {session.engine.name} (self-help practice, not therapy). " + HELP_LINES,
            "dim",
        )
    )
    for old in session.messages()[-6:]:
        who = "you" if old.role == "user" else "companion"
        console.print(literal(f"{who}> {old.content}", "dim"))
    while True:
        try:
            text = input("you> ")
        except (EOFError, KeyboardInterrupt):
            sys.stdout.write("\n")
            return
        except UnicodeDecodeError:
            err_console.print(literal("That line is not UTF-8 text, so it was not sent.", "bold"))
            continue
        command = text.strip().lower()
        if command in ("/quit", "/exit"):
            return
        if command == "/new":
            session.save_state()
            session = ChatSession(
                session.db,
                session.engine,
                None,
                options=session.options,
                personal=personal_context_text(session.db),
                surface=session.surface,
            )
            err_console.print(literal("(new conversation)", "dim"))
            continue
        if command in ("/carry-on", "/carryon", "/carry on"):
            notice = session.carry_on()
            console.print(literal(notice.text if notice else "The chat is open: write away."))
            continue
        if not text.strip():
            continue
        try:
            run_turn(session, text)
        except EmptyMessage:
            continue
