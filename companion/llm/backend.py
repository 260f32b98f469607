"""What a chat model must offer the rest of the app: the in-process ``Engine`` (engine.py) and a
local server's ``RemoteEngine`` (remote.py) both do, so ``ChatSession`` and its safety flow treat
them alike."""

from __future__ import annotations

import threading
from collections.abc import Generator, Sequence
from typing import Protocol

from companion.llm.engine import GenerationStats
from companion.llm.models import ModelRef

Messages = Sequence[dict[str, str]]


class ChatBackend(Protocol):
    """A loaded chat model (structural: nothing needs to inherit from it)."""

    name: str
    n_ctx: int
    ref: ModelRef

    def count_tokens(self, text: str) -> int: ...

    def count_message_tokens(self, messages: Messages) -> int: ...

    def stream_chat(
        self,
        messages: Messages,
        *,
        max_tokens: int,
        temperature: float,
        seed: int | None = None,
        cancel: threading.Event | None = None,
        stats: GenerationStats | None = None,
    ) -> Generator[str, None, None]: ...

    def complete(
        self,
        messages: Messages,
        *,
        max_tokens: int,
        temperature: float = 0.0,
        seed: int = 0,
        cancel: threading.Event | None = None,
    ) -> str: ...

    def save_state_bytes(self) -> tuple[memoryview, list[int]]: ...

    def load_state_bytes(self, data: bytes | memoryview, tokens: list[int]) -> bool: ...

    def reset(self) -> None: ...

    def close(self) -> None: ...
