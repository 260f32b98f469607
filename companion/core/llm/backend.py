"""What a chat model offers the rest of the app, written once.

``ChatBackend`` is the base of the in-process ``Engine`` (engine.py) and a local server's
``RemoteEngine`` (remote.py). It owns the public calls with their one signature
(``stream_chat``, ``complete``) and the decoding pipeline every backend shares: the backend
streams the model's raw text with the sampling penalties it can apply (``_raw_stream``), and
``decoding.shaped_stream`` shapes that text the same way whatever produced it (loops stopped,
stage directions removed, the sentence cap, persona claims dropped). ``ChatSession`` and its
safety flow therefore treat every backend alike.
"""

from __future__ import annotations

import threading
from abc import ABC, abstractmethod
from collections.abc import Generator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from companion.core.llm.decoding import Decoding
    from companion.core.llm.models import ModelRef

Messages = Sequence[dict[str, str]]
RawStream = Generator[str, None, None]


@dataclass
class GenerationStats:
    """Figures of one generation, filled in as it runs."""

    prompt_tokens: int = 0
    reused_tokens: int = 0
    completion_tokens: int = 0
    ttft_s: float | None = None
    gen_s: float = 0.0
    stopped: bool = False
    finish_reason: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def evaluated_tokens(self) -> int:
        return self.prompt_tokens - self.reused_tokens

    @property
    def gen_tps(self) -> float:
        return self.completion_tokens / self.gen_s if self.gen_s > 0 else 0.0


@dataclass(frozen=True)
class Request:
    """One reply asked of a backend: the prompt, the token cap, temperature, seed, decoding
    (see decoding.py; None samples plainly), the stop event and the figures to fill in."""

    messages: Messages
    max_tokens: int
    temperature: float
    seed: int | None
    decoding: Decoding | None
    cancel: threading.Event | None
    stats: GenerationStats


class ChatBackend(ABC):
    """A loaded chat model. Subclasses give the tokens, the raw stream and (if they can) KV
    state; the calls below are the same for all."""

    name: str
    n_ctx: int
    ref: ModelRef
    tokens_estimated = False  # True when counts are estimated from text (no tokenizer here)

    @property
    def parameters(self) -> int:
        """The model's parameter count (0 when unknown: it then counts as a small model)."""
        return 0

    @abstractmethod
    def count_tokens(self, text: str) -> int: ...

    @abstractmethod
    def count_message_tokens(self, messages: Messages) -> int: ...

    @abstractmethod
    def _raw_stream(self, request: Request) -> tuple[RawStream, int]:
        """The model's text as written (with ``request.decoding``'s penalties applied where the
        backend can) and the token cap it really uses. Raises before streaming when the request
        cannot be made (ContextOverflow)."""

    def stream_chat(
        self,
        messages: Messages,
        *,
        max_tokens: int,
        temperature: float,
        seed: int | None = None,
        cancel: threading.Event | None = None,
        stats: GenerationStats | None = None,
        decoding: Decoding | None = None,
    ) -> Generator[str, None, None]:
        """Yield the reply in text pieces. Setting ``cancel`` stops it; the pieces already
        yielded are the partial reply. ``stats`` is filled in (``stats.extra["text"]`` is the
        kept reply when ``decoding`` shaped it). ``decoding`` None samples plainly and yields the
        text as written."""
        from companion.core.llm.decoding import shaped_stream

        stats = stats if stats is not None else GenerationStats()
        request = Request(messages, max_tokens, temperature, seed, decoding, cancel, stats)
        raw, limit = self._raw_stream(request)
        if decoding is None:
            return raw
        return shaped_stream(raw, replace(decoding, max_tokens=limit), stats)

    def complete(
        self,
        messages: Messages,
        *,
        max_tokens: int,
        temperature: float = 0.0,
        seed: int = 0,
        cancel: threading.Event | None = None,
        decoding: Decoding | None = None,
    ) -> str:
        """The whole reply at once (blocking: callers run it in a thread worker)."""
        stats = GenerationStats()
        streamed = "".join(
            self.stream_chat(
                messages,
                max_tokens=max_tokens,
                temperature=temperature,
                seed=seed,
                cancel=cancel,
                stats=stats,
                decoding=decoding,
            )
        )
        self._completed(stats)
        return str(stats.extra.get("text", streamed)).strip()

    def _completed(self, stats: GenerationStats) -> None:
        """Hook: what a backend notes after ``complete`` (the server: why it ended early)."""
        return None

    # -- the system prompt's evaluated state and a conversation's KV state ------------------------

    def ensure_prefix(self, messages: Messages) -> str:
        """Make the model hold the evaluated system prompt before ``messages`` are read (see
        prefix.py); "none" where the backend cannot (a server keeps its own cache)."""
        return "none"

    def prepare_prefix(self, messages: Messages) -> str:
        """Before the first reply (the chat screen calls it when the model loads): have the
        system prompt read, here or on the server. Returns how (see ``ensure_prefix``)."""
        return self.ensure_prefix(messages)

    def holds(self, tokens: list[int]) -> bool:
        """Whether the evaluated tokens start with ``tokens`` (their KV state is here)."""
        return False

    def save_state_bytes(self) -> tuple[memoryview, list[int]]:
        """The KV state and its token ids; empty where the backend keeps none here."""
        return memoryview(b""), []

    def load_state_bytes(self, data: bytes | memoryview, tokens: list[int]) -> bool:
        return False

    def reset(self) -> None:
        return None

    def close(self) -> None:
        return None
