"""The evaluated system prompt, kept: the first reply of a conversation starts as fast as the next.

Every conversation begins with the same system prompt, a few hundred tokens that a small CPU
takes seconds to read. Its KV state is saved once per model file, context size and prompt text
(the key is a hash of the model path, its size and mtime, ``n_ctx`` and the prefix's token ids,
so a changed prompt or model makes a new one) in memory and in the data dir; when a
conversation's prompt starts with it and the engine does not already hold it, it is restored
instead of evaluated.

Only the static part is cached: the prefix is the tokens that the prompt shares whatever follows
the system prompt (the personal context, the summary and the turns come after it), so the file
holds the shipped prompt (or the person's own override of it, which is a plain file anyway) and
nothing the person wrote. That is why it is kept even while the database is encrypted, unlike a
conversation's state (session.py).
"""

from __future__ import annotations

import hashlib
import json
import threading
from pathlib import Path
from typing import Any

from companion.core import paths
from companion.core.llm.backend import Messages
from companion.core.llm.engine import Engine

KEEP = 2  # prefix files kept (the most recently used)
_LOCK = threading.Lock()
_MEMORY: dict[str, tuple[bytes, list[int]]] = {}
_PREFIXES: dict[tuple[str, int, str], list[int]] = {}


def _common(a: list[int], b: list[int]) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def static_prefix(engine: Engine, system: str | None = None) -> list[int]:
    """The token ids every chat prompt with this system prompt starts with."""
    from companion.core.llm.prompts import render_prompt

    system = render_prompt("system") if system is None else system
    key = (str(engine.ref.path), engine.n_ctx, system)
    with _LOCK:
        if key in _PREFIXES:
            return _PREFIXES[key]
    user = {"role": "user", "content": "Hello."}
    plain = engine.tokenize_messages([{"role": "system", "content": system}, user])
    more = engine.tokenize_messages([{"role": "system", "content": system + "\n\nMore."}, user])
    prefix = plain[: _common(plain, more)]
    with _LOCK:
        _PREFIXES[key] = prefix
    return prefix


def _key(engine: Engine, prefix: list[int]) -> str:
    path = Path(engine.ref.path)
    try:
        stat = path.stat()
        identity = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}"
    except OSError:
        identity = str(path)
    digest = hashlib.sha256(f"{identity}|{engine.n_ctx}|{json.dumps(prefix)}".encode())
    return digest.hexdigest()[:24]


def _file(key: str) -> Path:
    return paths.state_dir() / f"prefix-{key}.kv"


def _read(key: str) -> tuple[bytes, list[int]] | None:
    try:
        raw = _file(key).read_bytes()
        size = int.from_bytes(raw[:8], "little")
        tokens = [int(t) for t in json.loads(raw[8 : 8 + size])["tokens"]]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return raw[8 + size :], tokens


def _write(key: str, data: Any, tokens: list[int]) -> None:
    header = json.dumps({"tokens": tokens}).encode()
    try:
        paths.write_private_bytes(_file(key), len(header).to_bytes(8, "little") + header, data)
    except OSError:
        return  # a read-only or full disk: the cache is an optimisation only
    folder = paths.state_dir()
    files = sorted(folder.glob("prefix-*.kv"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in files[KEEP:]:
        old.unlink(missing_ok=True)


def ensure_prefix(engine: Engine, messages: Messages, system: str | None = None) -> str:
    """Make the engine hold the evaluated static prefix of ``messages`` before they are read.

    Returns what happened: "held" (already in the KV cache, e.g. a follow-up turn), "memory" or
    "disk" (restored), "evaluated" (read now and saved for next time) or "none" (the prompt
    does not start with the prefix, e.g. a prompt override that moves it)."""
    prefix = static_prefix(engine, system)
    if len(prefix) < 8:
        return "none"
    tokens = engine.tokenize_messages(messages)
    if tokens[: len(prefix)] != prefix:
        return "none"
    if _common(engine.evaluated_tokens(), tokens) >= len(prefix):
        return "held"
    key = _key(engine, prefix)
    with _LOCK:
        saved = _MEMORY.get(key)
    how = "memory"
    if saved is None:
        saved, how = _read(key), "disk"
    if saved is not None and saved[1] == prefix and engine.load_state_bytes(*saved):
        with _LOCK:
            _MEMORY[key] = saved
        return how
    engine.evaluate(prefix)
    data, evaluated = engine.save_state_bytes()
    if evaluated != prefix:
        return "evaluated"
    copy = bytes(data)
    with _LOCK:
        _MEMORY[key] = (copy, evaluated)
    _write(key, copy, evaluated)
    return "evaluated"


def forget_prefixes() -> None:
    """Drop the in-memory copies (tests; after a prompt override changes)."""
    with _LOCK:
        _MEMORY.clear()
        _PREFIXES.clear()
