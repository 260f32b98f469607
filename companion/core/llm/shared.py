"""One engine per process, shared by chat and the exercise/insight helpers.

Loading twice would double the memory for nothing; the engine's own lock already serialises
use from several threads. Call from a thread worker: the first call loads the model.
"""

from __future__ import annotations

import threading

from companion.core.config import Settings
from companion.core.llm.backend import ChatBackend
from companion.core.llm.engine import load_engine
from companion.core.llm.models import resolve_model

_LOCK = threading.Lock()
_ENGINES: dict[tuple[str, int], ChatBackend] = {}


def shared_engine(
    settings: Settings, spec: str | None = None, *, keep_fds: bool = True
) -> ChatBackend:
    """The process-wide engine for the resolved model and ``settings.n_ctx`` (loads it once).

    ``keep_fds`` defaults to True because the callers are usually inside the running TUI.
    """
    ref = resolve_model(spec, settings)
    key = (str(ref.path), settings.n_ctx)
    with _LOCK:
        engine = _ENGINES.get(key)
        if engine is None:
            engine = load_engine(spec, settings, keep_fds=keep_fds)
            _ENGINES[key] = engine
        return engine
