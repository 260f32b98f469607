"""Loading the model for the app without ever holding up quitting.

Textual runs thread workers in asyncio's default executor, and leaving the app waits for every
executor thread: a load that never finishes (a slow disk, a stuck network mount, a file that
blocks) kept the app on "Loading the model..." with no way out. Here the load itself runs in a
daemon thread that nothing waits for; the worker only polls for it and gives up as soon as
Textual cancels it (on quit, or when the screen goes away). ``run_app`` ends the process at
once if a load is still going when the app has closed.
"""

from __future__ import annotations

import threading
from concurrent.futures import Future
from concurrent.futures import TimeoutError as FutureTimeout
from typing import Any

from companion.core.llm import ModelUnavailable

POLL_SECONDS = 0.1
_LOCK = threading.Lock()
_LOADS: dict[tuple[Any, Any], tuple[threading.Thread, Future[Any]]] = {}


class LoadAbandoned(ModelUnavailable):
    """The worker waiting for the model was cancelled (the app is closing)."""


def _load(settings: Any, future: Future[Any]) -> None:
    from companion.core.llm import shared

    try:
        future.set_result(shared.shared_engine(settings))
    except BaseException as error:  # handed to whoever waits
        future.set_exception(error)


def engine_for(settings: Any) -> Any:
    """The shared engine for ``settings``; call from a thread worker. The load runs in a daemon
    thread; this returns when it is ready, raises its ModelUnavailable, or raises LoadAbandoned
    once the calling worker is cancelled."""
    from textual.worker import get_current_worker

    with _LOCK:
        key = (getattr(settings, "model", None), getattr(settings, "n_ctx", None))
        running = _LOADS.get(key)
        # only a load still in flight is shared; a finished one is asked again (shared_engine
        # keeps the loaded engine, and a failure may have been fixed since)
        if running is None or running[1].done():
            future: Future[Any] = Future()
            thread = threading.Thread(
                target=_load, args=(settings, future), name="model-load", daemon=True
            )
            _LOADS[key] = (thread, future)
            thread.start()
        else:
            future = running[1]
    try:
        worker = get_current_worker()
    except Exception:  # not in a worker (tests, scripts): just wait
        worker = None
    while True:
        try:
            return future.result(timeout=POLL_SECONDS)
        except FutureTimeout:
            if worker is not None and worker.is_cancelled:
                raise LoadAbandoned("Leaving while the model was still loading.") from None


def still_loading() -> bool:
    """Whether a model load is still running (the process should not wait for it)."""
    with _LOCK:
        return any(thread.is_alive() for thread, _ in _LOADS.values())
