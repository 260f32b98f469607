"""`companion chat`: a plain streaming chat on the command line, using the same store and
safety flow as the app.

- `companion chat` opens the REPL (`--conversation ID` continues one);
- `companion chat send TEXT` (or `chat --message TEXT`, kept for scripts) prints one reply and
  exits; with `--json` it prints the turn's level, category and who wrote the reply (model,
  scripted, guard);
- `companion chat list` lists the conversations;
- `companion chat context` shows (and with `--goals`, `--notes`, `--share-mood` sets) what the
  model is told about the person;
- `companion chat carry-on ID` carries on a conversation paused after a crisis message (also
  `chat --carry-on --conversation ID`, the line the pause itself prints).

`--list`, `--show-context`, `--set-goals`, `--set-notes` and `--share-mood` on `chat` itself
still work for this release and print one line on stderr naming the subcommand.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import TYPE_CHECKING, Annotated

import typer

from companion.ui.cli._common import console, fail, literal, print_json

if TYPE_CHECKING:
    from sqlite_utils import Database

    from companion.core.config import Settings
    from companion.core.llm.engine import Engine
    from companion.core.llm.remote import RemoteEngine
    from companion.core.llm.session import ChatSession
    from companion.core.safety.compose import Surface

chat_app = typer.Typer(
    help="Chat with the local model (self-help practice, not therapy).",
    invoke_without_command=True,
)


def register(app: typer.Typer) -> None:
    app.add_typer(chat_app, name="chat")


ConversationOpt = Annotated[
    int | None, typer.Option("--conversation", "-c", help="Continue this conversation id.")
]
ModelOpt = Annotated[
    str | None, typer.Option("--model", help="Model name or GGUF path (see `model list`).")
]
SeedOpt = Annotated[int | None, typer.Option(help="Sampling seed (for repeatable replies).")]
TemperatureOpt = Annotated[float | None, typer.Option(help="Override the temperature.")]
MaxTokensOpt = Annotated[int | None, typer.Option(help="Override the reply length.")]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON.")]
CarryOnOpt = Annotated[
    bool, typer.Option("--carry-on", help="Carry on a conversation paused after a crisis message.")
]
ShareMoodOpt = Annotated[
    bool | None,
    typer.Option("--share-mood/--no-share-mood", help="Tell the model your mood trend."),
]


@dataclass(frozen=True)
class EngineChoice:
    """Which model and which sampling overrides a command asked for."""

    model: str | None = None
    seed: int | None = None
    temperature: float | None = None
    max_tokens: int | None = None


def _deprecated(old: str, new: str) -> None:
    sys.stderr.write(
        f"`companion chat {old}` is now `companion chat {new}`; {old} goes next release.\n"
    )


@chat_app.callback()
def chat(
    ctx: typer.Context,
    message: Annotated[
        str | None, typer.Option("--message", "-m", help="Send one message, print the reply, exit.")
    ] = None,
    conversation: ConversationOpt = None,
    model: ModelOpt = None,
    seed: SeedOpt = None,
    temperature: TemperatureOpt = None,
    max_tokens: MaxTokensOpt = None,
    as_json: Annotated[bool, typer.Option("--json", help="With --message: print JSON.")] = False,
    carry_on: CarryOnOpt = False,
    list_conversations: Annotated[bool, typer.Option("--list", hidden=True)] = False,
    show_context: Annotated[bool, typer.Option("--show-context", hidden=True)] = False,
    goals: Annotated[str | None, typer.Option("--set-goals", hidden=True)] = None,
    notes: Annotated[str | None, typer.Option("--set-notes", hidden=True)] = None,
    share_mood: Annotated[
        bool | None, typer.Option("--share-mood/--no-share-mood", hidden=True)
    ] = None,
) -> None:
    """Chat with the local model (self-help practice, not therapy); with no command, a REPL."""
    if ctx.invoked_subcommand is not None:
        return
    if list_conversations:
        _deprecated("--list", "list")
        list_command(as_json)
        return
    if show_context or goals is not None or notes is not None or share_mood is not None:
        _deprecated("--show-context/--set-goals/--set-notes/--share-mood", "context")
        context_command(goals, notes, share_mood)
        return
    choice = EngineChoice(model, seed, temperature, max_tokens)
    if message is not None:
        _send(message, conversation, choice, as_json=as_json, carry_on=carry_on)
    elif carry_on:
        _carry_on_only(conversation, as_json)
    else:
        _open_repl(conversation, choice)


@chat_app.command("send")
def send_command(
    message: Annotated[str, typer.Argument(help="The message to send.")],
    conversation: ConversationOpt = None,
    model: ModelOpt = None,
    seed: SeedOpt = None,
    temperature: TemperatureOpt = None,
    max_tokens: MaxTokensOpt = None,
    as_json: JsonOpt = False,
    carry_on: CarryOnOpt = False,
) -> None:
    """Send one message, print the reply and exit (for scripts; same as `chat --message`)."""
    choice = EngineChoice(model, seed, temperature, max_tokens)
    _send(message, conversation, choice, as_json=as_json, carry_on=carry_on)


@chat_app.command("list")
def list_command(as_json: JsonOpt = False) -> None:
    """List the conversations, newest first."""
    from companion.core.store.conversations import list_conversations
    from companion.ui.cli._common import store

    _settings()
    with store() as db:
        rows = list_conversations(db)
    if as_json:
        print_json([row.to_dict() for row in rows])
        return
    if not rows:
        console.print("No conversations yet: run `companion chat`.")
    for row in rows:
        console.print(literal(f"{row.id:>4}  {row.updated_utc[:16]}  {row.title}"))


@chat_app.command("context")
def context_command(
    goals: Annotated[
        str | None, typer.Option("--goals", "--set-goals", help="Set the goals the model is told.")
    ] = None,
    notes: Annotated[
        str | None, typer.Option("--notes", "--set-notes", help="Set things you choose to share.")
    ] = None,
    share_mood: ShareMoodOpt = None,
) -> None:
    """Print what the model is told about you; the options change it first."""
    from dataclasses import replace

    from companion.core.flows.chat_context import personal_context_text
    from companion.core.llm.context import get_personal_context, set_personal_context
    from companion.ui.cli._common import store

    _settings()
    with store() as db:
        if goals is not None or notes is not None or share_mood is not None:
            context = get_personal_context(db)
            if goals is not None:
                context = replace(context, goals=goals.strip())
            if notes is not None:
                context = replace(context, notes=notes.strip())
            if share_mood is not None:
                context = replace(context, share_mood=share_mood)
            set_personal_context(db, context)
        text = personal_context_text(db)
    console.print(literal(text or "Nothing: the model is told only the conversation."))


@chat_app.command("carry-on")
def carry_on_command(
    conversation: Annotated[int, typer.Argument(help="The paused conversation's id.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print nothing (for scripts).")] = False,
) -> None:
    """Carry on a conversation paused after a crisis message (your explicit choice)."""
    _carry_on_only(conversation, as_json)


def _settings() -> Settings:
    from companion.core.config import ConfigError, load_settings

    try:
        return load_settings()
    except ConfigError as error:
        fail(str(error))


def _carry_on_only(conversation: int | None, as_json: bool) -> None:
    from companion.ui.cli._common import store

    _settings()
    with store() as db:
        _carry_on(db, conversation, as_json)


def _carry_on(db: Database, conversation: int | None, as_json: bool) -> None:
    """The person's explicit choice to carry on after a safety pause."""
    from companion.core.llm.session import ChatSession
    from companion.core.safety.compose import CLI_ONE_SHOT

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


def _open_session(
    db: Database,
    conversation: int | None,
    choice: EngineChoice,
    settings: Settings,
    surface: Surface,
) -> tuple[ChatSession, Engine | RemoteEngine]:
    """The engine loaded and the session opened (its KV state restored), or one sentence."""
    from companion.core.flows.chat_context import personal_context_text
    from companion.core.llm import ModelUnavailable, load_engine
    from companion.core.llm.session import ChatSession, SessionOptions

    try:
        engine = load_engine(choice.model, settings)
    except ModelUnavailable as error:
        fail(str(error))
    options = SessionOptions.from_settings(settings)
    options.seed = choice.seed
    if choice.temperature is not None:
        options.temperature = choice.temperature
    if choice.max_tokens is not None:
        options.max_reply_tokens = choice.max_tokens
    try:
        session = ChatSession(
            db,
            engine,
            conversation,
            options=options,
            personal=personal_context_text(db),
            surface=surface,
        )
    except KeyError as error:
        engine.close()
        fail(str(error.args[0]))
    session.restore_state()
    return session, engine


def _send(
    message: str,
    conversation: int | None,
    choice: EngineChoice,
    *,
    as_json: bool,
    carry_on: bool,
) -> None:
    from companion.core.safety.compose import CLI_ONE_SHOT
    from companion.ui.cli._common import store
    from companion.ui.cli.chat_turn import run_turn

    settings = _settings()
    with store() as db:
        if not message.strip():
            fail("The message is empty: write something to send.")
        if carry_on:
            _carry_on(db, conversation, as_json)
        session, engine = _open_session(db, conversation, choice, settings, CLI_ONE_SHOT)
        try:
            turn = run_turn(session, message, quiet=as_json, one_shot=True)
            if as_json:
                print_json({"conversation_id": session.conversation_id, **turn})
        finally:
            session.save_state()
            engine.close()


def _open_repl(conversation: int | None, choice: EngineChoice) -> None:
    from companion.core.safety.compose import CLI
    from companion.ui.cli._common import store
    from companion.ui.cli.chat_turn import repl

    settings = _settings()
    with store() as db:
        session, engine = _open_session(db, conversation, choice, settings, CLI)
        try:
            repl(session)
        finally:
            session.save_state()
            engine.close()
