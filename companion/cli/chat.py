"""`companion chat`: a plain streaming chat on the command line, using the same store and
safety hook as the app. `--message TEXT` prints one reply and exits (for scripting)."""

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

HELP_LINES = "/new starts a new conversation, /quit (or Ctrl-D) leaves, Ctrl-C stops a reply."


def register(app: typer.Typer) -> None:
    app.command("chat")(chat)


def _crisis_lines(db: Database) -> None:
    """Print the helplines for the person's country after a crisis message."""
    try:
        from companion.safety.helplines import for_country, resolve_country

        helplines = for_country(resolve_country(db))
    except Exception:  # the reply above already points to help; never fail here
        return
    console.print(literal(f"Emergency ({helplines.name}): {helplines.emergency}", "bold"))
    for service in helplines.services:
        ways = "; ".join(contact.describe() for contact in service.contacts)
        console.print(literal(f"{service.name}: {ways} ({service.hours})"))


def _run_turn(
    session: ChatSession, text: str | None, *, quiet: bool = False, one_shot: bool = False
) -> dict[str, Any] | None:
    """Send ``text`` (None = regenerate), print the reply as it streams; Ctrl-C stops it.

    When a model server stops answering, its sentence is printed (and with ``one_shot`` the
    command exits with 1); what was written is stored either way."""
    from companion.llm.remote import interruption
    from companion.llm.session import (
        ReplyDone,
        ReplyPiece,
        ReplyReplaced,
        SafetyNotice,
        Summarising,
    )

    cancel = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: cancel.set())
    result: dict[str, Any] | None = None
    problem: str | None = None
    try:
        events = session.send(text, cancel=cancel) if text is not None else session.regenerate()
        for event in events:
            if isinstance(event, Summarising) and not quiet:
                err_console.print(literal("(summarising older messages...)", "dim"))
            elif isinstance(event, ReplyPiece) and not quiet:
                sys.stdout.write(printable(event.text))
                sys.stdout.flush()
            elif isinstance(event, ReplyReplaced) and not quiet:
                sys.stdout.write("\n")
                replaced = for_the_shell(event.text)
                console.print(literal(f"[reply withheld by the safety guard]\n{replaced}"))
            elif isinstance(event, ReplyDone):
                if not quiet:
                    sys.stdout.write("\n")
                problem = interruption(event.stats)
                if problem is not None:
                    err_console.print(literal(problem, "bold"))
                elif event.stats.stopped and not quiet:
                    err_console.print(literal("(stopped)", "dim"))
                if event.message is not None:
                    result = event.message.to_dict()
            elif isinstance(event, SafetyNotice):
                if not quiet:
                    console.print(literal(for_the_shell(event.text), "bold"))
                if event.kind == "crisis":
                    _crisis_lines(session.db)
                    result = event.message.to_dict()
    finally:
        signal.signal(signal.SIGINT, previous)
    if problem is not None and one_shot:  # after every event: notices came first
        raise typer.Exit(1)
    return result


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
        try:
            session = ChatSession(db, engine, conversation, options=options)
        except KeyError as error:
            fail(str(error.args[0]))
        session.restore_state()
        try:
            if message is not None:
                result = _run_turn(session, message, quiet=as_json, one_shot=True)
                if as_json:
                    print_json({"conversation_id": session.conversation_id, "reply": result})
                return
            _repl(session)
        finally:
            session.save_state()
            engine.close()


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
            session = ChatSession(session.db, session.engine, None, options=session.options)
            err_console.print(literal("(new conversation)", "dim"))
            continue
        if not text.strip():
            continue
        try:
            _run_turn(session, text)
        except EmptyMessage:
            continue
