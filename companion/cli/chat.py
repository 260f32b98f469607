"""`companion chat`: a plain streaming chat on the command line, using the same store and
safety flow as the app. `--message TEXT` prints one reply and exits (for scripting); with
`--json` it prints the turn's level, category and who wrote the reply (model, scripted, guard).

Streamed text is shown only once the output guard has passed it: on a terminal the reply is
redrawn in place (so a withheld reply is replaced on screen, never left there); when the output
is not a terminal nothing is printed until the reply is final.
"""

from __future__ import annotations

import signal
import sys
import threading
from typing import TYPE_CHECKING, Annotated, Any

import typer

from companion.cli._common import (
    console,
    err_console,
    fail,
    for_the_shell,
    literal,
    print_json,
    printable,
)

if TYPE_CHECKING:
    from sqlite_utils import Database

    from companion.llm.session import ChatSession

HELP_LINES = (
    "/new starts a new conversation, /carry-on carries on after a safety pause, "
    "/quit (or Ctrl-D) leaves, Ctrl-C stops a reply."
)
GUARD_EVERY = 8  # pieces between guard checks of the text shown so far


def register(app: typer.Typer) -> None:
    app.command("chat")(chat)


class _HeldReply:
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
        from companion.safety import check_output

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


def _run_turn(
    session: ChatSession, text: str | None, *, quiet: bool = False, one_shot: bool = False
) -> dict[str, Any]:
    """Send ``text`` (None = regenerate) and show the reply; Ctrl-C stops it. Returns the
    turn: the stored reply, the level, the category and who wrote the reply.

    When a model server stops answering, its sentence is printed (and with ``one_shot`` the
    command exits with 1); what was written is stored either way."""
    from companion.llm.remote import interruption
    from companion.llm.session import (
        ReplyDone,
        ReplyPiece,
        ReplyReplaced,
        ReplyStarted,
        SafetyNotice,
        Summarising,
        UserSaved,
    )
    from companion.safety.flow import Author

    cancel = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.set())
    turn: dict[str, Any] = {"reply": None, "level": "none", "category": None, "layer": None}
    held: _HeldReply | None = None
    problem: str | None = None
    try:
        events = session.send(text, cancel=cancel) if text is not None else session.regenerate()
        for event in events:
            if isinstance(event, UserSaved):
                assessment = event.decision.assessment
                turn.update(level=str(assessment.level), layer=assessment.layer)
                turn["category"] = None if assessment.category is None else str(assessment.category)
            elif isinstance(event, Summarising) and not quiet:
                err_console.print(literal("(summarising older messages...)", "dim"))
            elif isinstance(event, ReplyStarted):
                held = _HeldReply(quiet)
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
    if turn["layer"] is not None:
        turn["layer"] = str(turn["layer"])
    return turn


def chat(
    message: Annotated[
        str | None, typer.Option("--message", "-m", help="Send one message, print the reply, exit.")
    ] = None,
    conversation: Annotated[
        int | None, typer.Option("--conversation", "-c", help="Continue this conversation id.")
    ] = None,
    model: Annotated[
        str | None, typer.Option("--model", help="Model name or GGUF path (see `model list`).")
    ] = None,
    seed: Annotated[
        int | None, typer.Option(help="Sampling seed (for repeatable replies).")
    ] = None,
    temperature: Annotated[float | None, typer.Option(help="Override the temperature.")] = None,
    max_tokens: Annotated[int | None, typer.Option(help="Override the reply length.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="With --message: print JSON.")] = False,
    list_conversations: Annotated[
        bool, typer.Option("--list", help="List conversations and exit.")
    ] = False,
    show_context: Annotated[
        bool, typer.Option("--show-context", help="Print what the model is told about you.")
    ] = False,
    goals: Annotated[
        str | None, typer.Option("--set-goals", help="Set the goals the model is told about.")
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--set-notes", help="Set things you choose to share.")
    ] = None,
    share_mood: Annotated[
        bool | None,
        typer.Option("--share-mood/--no-share-mood", help="Tell the model your mood trend."),
    ] = None,
    carry_on: Annotated[
        bool,
        typer.Option("--carry-on", help="Carry on a conversation paused after a crisis message."),
    ] = False,
) -> None:
    """Chat with the local model (self-help practice, not therapy)."""
    from companion.cli._common import store
    from companion.config import ConfigError, load_settings

    try:
        settings = load_settings()
    except ConfigError as error:
        fail(str(error))
    with store() as db:
        if list_conversations:
            _list(db, as_json)
            return
        if goals is not None or notes is not None or share_mood is not None:
            from dataclasses import replace

            from companion.llm.context import get_personal_context, set_personal_context

            context = get_personal_context(db)
            if goals is not None:
                context = replace(context, goals=goals.strip())
            if notes is not None:
                context = replace(context, notes=notes.strip())
            if share_mood is not None:
                context = replace(context, share_mood=share_mood)
            set_personal_context(db, context)
            show_context = True
        if show_context:
            from companion.llm.context import personal_context_text

            text = personal_context_text(db)
            console.print(literal(text or "Nothing: the model is told only the conversation."))
            return
        if message is not None and not message.strip():
            fail("The message is empty: write something to send.")
        from companion.llm import ModelUnavailable, load_engine
        from companion.llm.session import ChatSession, SessionOptions
        from companion.safety.compose import CLI, CLI_ONE_SHOT

        if carry_on:
            _carry_on(db, conversation, as_json)
            if message is None:
                return

        try:
            engine = load_engine(model, settings)
        except ModelUnavailable as error:
            fail(str(error))
        options = SessionOptions.from_settings(settings)
        options.seed = seed
        if temperature is not None:
            options.temperature = temperature
        if max_tokens is not None:
            options.max_reply_tokens = max_tokens
        surface = CLI_ONE_SHOT if message is not None else CLI
        try:
            session = ChatSession(db, engine, conversation, options=options, surface=surface)
        except KeyError as error:
            fail(str(error.args[0]))
        session.restore_state()
        try:
            if message is not None:
                turn = _run_turn(session, message, quiet=as_json, one_shot=True)
                if as_json:
                    print_json({"conversation_id": session.conversation_id, **turn})
                return
            _repl(session)
        finally:
            session.save_state()
            engine.close()


def _carry_on(db: Database, conversation: int | None, as_json: bool) -> None:
    """`--carry-on`: the person's explicit choice to carry on after a safety pause."""
    from companion.llm.session import ChatSession
    from companion.safety.compose import CLI_ONE_SHOT

    if conversation is None:
        fail("Give the conversation to carry on: --conversation ID.")
    try:
        session = ChatSession(db, None, conversation, personal="", surface=CLI_ONE_SHOT)
    except KeyError as error:
        fail(str(error.args[0]))
    notice = session.carry_on()
    text = notice.text if notice is not None else "This conversation is not paused."
    if not as_json:
        console.print(literal(text))


def _list(db: Database, as_json: bool) -> None:
    from companion.store.conversations import list_conversations

    rows = list_conversations(db)
    if as_json:
        print_json([row.to_dict() for row in rows])
        return
    if not rows:
        console.print("No conversations yet: run `companion chat`.")
    for row in rows:
        console.print(literal(f"{row.id:>4}  {row.updated_utc[:16]}  {row.title}"))


def _repl(session: ChatSession) -> None:
    from companion.llm.session import ChatSession, EmptyMessage

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
                session.db, session.engine, None, options=session.options, surface=session.surface
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
            _run_turn(session, text)
        except EmptyMessage:
            continue
