"""The one call the exercise helpers, the weekly reflection and the fitness probes need from a
model: ``complete``. A Protocol with no imports, so its users stay light."""

from __future__ import annotations

from typing import Any, Protocol


class Completer(Protocol):
    """Anything with ``Engine.complete``'s signature (the engine, a server backend, a fake)."""

    def complete(
        self,
        messages: Any,
        *,
        max_tokens: int,
        temperature: float = 0.0,
        seed: int = 0,
        decoding: Any = None,
    ) -> str: ...
