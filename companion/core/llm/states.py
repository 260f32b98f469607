"""A conversation's saved model state: its KV cache in the data dir, so a conversation resumed
later (or after a restart) starts its next reply without reading every earlier turn again.

Which conversation the engine holds is never tracked beside it: ``restore`` compares the
tokens in the file with the tokens the engine has evaluated (under the engine's own lock) and
reads the state only when the engine does not already hold it. Any thread may call these; the
answer never depends on what a front end remembers.
"""

from __future__ import annotations

import json
from pathlib import Path

from companion.core import paths
from companion.core.llm.backend import ChatBackend

KEEP_STATES = 3  # saved KV caches kept (the most recent conversations)
_HEADER_LIMIT = 1 << 24


def state_file(conversation_id: int) -> Path:
    return paths.state_dir() / f"conversation-{conversation_id}.kv"


def save(engine: ChatBackend, conversation_id: int) -> bool:
    """Save the engine's KV cache for this conversation in the data dir (0600).

    Not while the database is encrypted: the state file holds the conversation's tokens,
    which would sit beside the encrypted database in the clear. Not for a backend that keeps
    no state here (a model server)."""
    from companion.core.store.crypto import needs_passphrase

    if needs_passphrase():
        return False
    data, tokens = engine.save_state_bytes()
    if not tokens:
        return False
    header = json.dumps(
        {"model": str(engine.ref.path), "n_ctx": engine.n_ctx, "tokens": tokens}
    ).encode()
    paths.write_private_bytes(
        state_file(conversation_id), len(header).to_bytes(8, "little") + header, data
    )
    prune()
    return True


def restore(engine: ChatBackend, conversation_id: int) -> bool:
    """Make the engine hold the saved state if it was made by this model and context size.

    True when the engine holds it afterwards (already, or restored now)."""
    try:
        with state_file(conversation_id).open("rb") as handle:
            size = int.from_bytes(handle.read(8), "little")
            if size > _HEADER_LIMIT:
                return False
            header = json.loads(handle.read(size))
            tokens = [int(t) for t in header["tokens"]]
            if header.get("model") != str(engine.ref.path) or header.get("n_ctx") != engine.n_ctx:
                return False
            if engine.holds(tokens):
                return True
            data = handle.read()
    except (OSError, ValueError, KeyError, TypeError):
        return False
    return engine.load_state_bytes(memoryview(data), tokens)


def prune(keep: int = KEEP_STATES) -> None:
    """Keep only the most recently saved ``keep`` conversation states (they are large)."""
    folder = paths.state_dir()
    if not folder.is_dir():
        return
    files = sorted(folder.glob("conversation-*.kv"), key=lambda p: p.stat().st_mtime, reverse=True)
    from companion.core.store.files import erase

    for old in files[max(keep, 0) :]:
        erase(old)  # conversation tokens in the clear: overwritten, then unlinked


def delete(conversation_id: int) -> None:
    """Remove a conversation's saved model state (when the conversation is deleted)."""
    from companion.core.store.files import erase

    erase(state_file(conversation_id))
