"""The model engine: load a GGUF with llama-cpp-python, stream replies, stop them, count tokens.

One ``Llama`` is never used from two threads at once: every call goes through ``Engine._lock``.
Prompts are rendered with the model's own chat template (from the GGUF metadata, see
template.py) and tokenized here, so llama.cpp's prefix reuse sees the same tokens turn after turn
and only evaluates what is new.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import sys
import threading
import time
from collections.abc import Generator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from companion.core.config import ConfigError, Settings, load_settings
from companion.core.llm.backend import ChatBackend, GenerationStats, Messages, Request
from companion.core.llm.decoding import Decoding, install_dry
from companion.core.llm.errors import ModelUnavailable
from companion.core.llm.gguf import GGUFInfo, check_gguf
from companion.core.llm.models import ModelRef, resolve_model
from companion.core.llm.template import ChatTemplate

if TYPE_CHECKING:
    from companion.core.llm.remote import RemoteEngine

__all__ = ["ContextOverflow", "Engine", "GenerationStats", "load_engine"]
_LOAD_LOCK = threading.Lock()
# Prompts shorter than this are evaluated without the abort callback (it costs a GIL round trip
# per graph node, so it is only worth having while a long prompt is being read).
_ABORTABLE_PROMPT = 64
# While a reply streams, the interpreter hands the GIL over every 0.5 ms instead of 5 ms: each
# token crosses several ctypes calls, and re-taking the GIL from a busy UI thread otherwise costs
# up to 5 ms each time (measured: a busy Textual thread cut generation speed by a fifth).
GENERATION_SWITCH_INTERVAL = 0.0005


class ContextOverflow(ValueError):
    """The prompt alone does not fit the context window."""


def physical_cores() -> int:
    """Physical CPU cores available to this process (llama.cpp's default is half the CPUs)."""
    try:
        allowed = len(os.sched_getaffinity(0))
    except AttributeError:
        allowed = os.cpu_count() or 1
    cores: set[tuple[str, str]] = set()
    with contextlib.suppress(OSError):
        physical = core = ""
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            key, _, value = line.partition(":")
            key = key.strip()
            if key == "physical id":
                physical = value.strip()
            elif key == "core id":
                core = value.strip()
                cores.add((physical, core))
    return max(1, min(allowed, len(cores) or allowed))


def available_memory() -> int | None:
    """Bytes of memory available (MemAvailable), or None where unknown."""
    with contextlib.suppress(OSError, ValueError):
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemAvailable:"):
                return int(line.split()[1]) * 1024
    return None


def _gb(value: int) -> str:
    return f"{value / 1024**3:.1f} GB"


class Engine(ChatBackend):
    """A loaded chat model. Build it with ``load_engine``."""

    def __init__(self, llm: Any, ref: ModelRef, info: GGUFInfo, n_threads: int) -> None:
        from llama_cpp import llama_cpp

        self._llm = llm
        self._lock = threading.RLock()
        self.ref = ref
        self.info = info
        self.name = ref.name
        self.n_ctx: int = int(llm.n_ctx())
        self.n_threads = n_threads
        eos_id, bos_id = int(llm.token_eos()), int(llm.token_bos())
        eos = (
            llm.detokenize([eos_id], special=True).decode("utf-8", "replace") if eos_id >= 0 else ""
        )
        bos = (
            llm.detokenize([bos_id], special=True).decode("utf-8", "replace") if bos_id >= 0 else ""
        )
        self.template = ChatTemplate(info.chat_template or "", bos_token=bos, eos_token=eos)
        self._stop = [eos] if eos else []
        self._abort = threading.Event()
        self._abort_cb = llama_cpp.ggml_abort_callback(lambda _data: self._abort.is_set())
        self._no_abort_cb = llama_cpp.ggml_abort_callback()
        self._llama_cpp = llama_cpp
        install_dry(llm)

    @property
    def parameters(self) -> int:
        """The model's parameter count from its GGUF header (0 when unknown)."""
        return int(self.info.parameters or 0)

    # -- prompt rendering ---------------------------------------------------------------------

    @property
    def merge_system(self) -> bool:
        """Whether the system prompt goes into the first user turn (see ChatTemplate)."""
        return self.template.merge_system

    def prepare(self, messages: Messages) -> list[dict[str, str]]:
        return self.template.prepare(messages)

    def render(self, messages: Messages) -> str:
        """The prompt text for ``messages`` with the generation prompt appended."""
        return self.template.render(messages)

    def tokenize_messages(self, messages: Messages) -> list[int]:
        prompt = self.render(messages)
        with self._lock:
            return list(self._llm.tokenize(prompt.encode("utf-8"), add_bos=False, special=True))

    def count_tokens(self, text: str) -> int:
        """Tokens of ``text`` in this model's own tokenizer."""
        if not text:
            return 0
        with self._lock:
            return len(self._llm.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def count_message_tokens(self, messages: Messages) -> int:
        return len(self.tokenize_messages(messages))

    # -- generation ---------------------------------------------------------------------------

    def _raw_stream(self, request: Request) -> tuple[Generator[str, None, None], int]:
        """Also while the prompt is being read, ``request.cancel`` stops it."""
        tokens = self.tokenize_messages(request.messages)
        room = self.n_ctx - len(tokens)
        if room < 1:
            raise ContextOverflow(
                f"the prompt has {len(tokens)} tokens but the context window is {self.n_ctx}"
            )
        limit = min(request.max_tokens, room)
        r = request
        return self._stream(
            tokens, limit, r.temperature, r.seed, r.cancel, r.stats, r.decoding
        ), limit

    def _stream(
        self,
        tokens: list[int],
        max_tokens: int,
        temperature: float,
        seed: int | None,
        cancel: threading.Event | None,
        stats: GenerationStats,
        decoding: Decoding | None = None,
    ) -> Generator[str, None, None]:
        with self._lock:
            llm = self._llm
            previous = llm.input_ids[: llm.n_tokens].tolist()
            reused = 0
            for a, b in zip(previous, tokens, strict=False):
                if a != b:
                    break
                reused += 1
            stats.prompt_tokens, stats.reused_tokens = len(tokens), reused
            abortable = cancel is not None and len(tokens) - reused >= _ABORTABLE_PROMPT
            self._abort.clear()
            watcher: threading.Thread | None = None
            done = threading.Event()
            if abortable and cancel is not None:
                self._set_abort(True)
                watcher = threading.Thread(
                    target=self._watch, args=(cancel, done), daemon=True, name="llm-abort"
                )
                watcher.start()
            switch_interval = sys.getswitchinterval()
            sys.setswitchinterval(min(switch_interval, GENERATION_SWITCH_INTERVAL))
            start = time.perf_counter()
            first = 0.0
            pieces: list[str] = []
            llm._companion_dry = decoding
            stream = llm.create_completion(
                tokens,
                max_tokens=max_tokens,
                temperature=temperature,
                top_p=0.95,
                top_k=40,
                min_p=0.05,
                repeat_penalty=decoding.repeat_penalty if decoding else 1.0,
                frequency_penalty=decoding.frequency_penalty if decoding else 0.0,
                presence_penalty=decoding.presence_penalty if decoding else 0.0,
                seed=seed,
                stop=self._stop,
                stream=True,
            )
            try:
                for chunk in stream:
                    if stats.ttft_s is None:
                        first = time.perf_counter()
                        stats.ttft_s = first - start
                        if abortable:
                            done.set()
                            self._set_abort(False)
                            abortable = False
                    choice = chunk["choices"][0]
                    if choice.get("finish_reason"):
                        stats.finish_reason = choice["finish_reason"]
                    text = choice.get("text") or ""
                    if text:
                        pieces.append(text)
                        yield text
                    if cancel is not None and cancel.is_set():
                        stats.stopped = True
                        break
            except RuntimeError:
                if not (self._abort.is_set() or (cancel is not None and cancel.is_set())):
                    raise
                stats.stopped = True
            finally:
                sys.setswitchinterval(switch_interval)
                llm._companion_dry = None
                done.set()
                if abortable:
                    self._set_abort(False)
                stream.close()
                end = time.perf_counter()
                stats.gen_s = end - first if first else 0.0
                stats.completion_tokens = self.count_tokens("".join(pieces))
                if stats.stopped:
                    stats.finish_reason = "stopped"

    def _watch(self, cancel: threading.Event, done: threading.Event) -> None:
        while not done.is_set():
            if cancel.wait(0.05):
                self._abort.set()
                return

    def _set_abort(self, on: bool) -> None:
        callback = self._abort_cb if on else self._no_abort_cb
        self._llama_cpp.llama_set_abort_callback(self._llm.ctx, callback, None)

    # -- KV state -----------------------------------------------------------------------------

    def evaluated_tokens(self) -> list[int]:
        with self._lock:
            return [int(t) for t in self._llm.input_ids[: self._llm.n_tokens]]

    def holds(self, tokens: list[int]) -> bool:
        with self._lock:
            n = self._llm.n_tokens
            return len(tokens) <= n and bool(self._llm.input_ids[: len(tokens)].tolist() == tokens)

    def save_state_bytes(self) -> tuple[memoryview, list[int]]:
        """The llama_state_* data and evaluated token ids (not ``Llama.save_state()``, which
        carries a vocabulary-sized scores array)."""
        with self._lock:
            llama_cpp = self._llama_cpp
            ctx = self._llm.ctx
            size = llama_cpp.llama_state_get_size(ctx)
            buffer = bytearray(size)
            written = llama_cpp.llama_state_get_data(
                ctx, (ctypes.c_uint8 * size).from_buffer(buffer), size
            )
            tokens = [int(t) for t in self._llm.input_ids[: self._llm.n_tokens]]
            # no copy: slicing the ctypes array instead would build a list of every byte (a third
            # of a second and tens of MB for each save, holding the GIL)
            return memoryview(buffer)[:written], tokens

    def load_state_bytes(self, data: bytes | memoryview, tokens: list[int]) -> bool:
        """Restore what ``save_state_bytes`` returned; False if llama.cpp refused it."""
        with self._lock:
            llama_cpp = self._llama_cpp
            if len(tokens) > self.n_ctx:
                return False
            buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
            read = llama_cpp.llama_state_set_data(self._llm.ctx, buffer, len(data))
            if read != len(data):
                self._llm.reset()
                return False
            self._llm.input_ids[: len(tokens)] = tokens
            self._llm.n_tokens = len(tokens)
            return True

    def ensure_prefix(self, messages: Messages) -> str:
        from companion.core.llm.prefix import ensure_prefix

        return ensure_prefix(self, messages)

    def evaluate(self, tokens: list[int]) -> None:
        """Read ``tokens`` into an empty KV cache (no reply): used to prepare a saved prefix."""
        with self._lock:
            self._llm.reset()
            self._llm.eval(tokens)

    def reset(self) -> None:
        with self._lock:
            self._llm.reset()

    def close(self) -> None:
        with self._lock:
            close = getattr(self._llm, "close", None)
            if close is not None:
                close()


class _Quiet:
    """Stand-in for llama_cpp's fd-redirecting ``suppress_stdout_stderr`` (see load_engine)."""

    def __init__(self, disable: bool = True) -> None:
        pass

    def __enter__(self) -> _Quiet:
        return self

    def __exit__(self, *_: object) -> None:
        return None


def load_engine(
    spec: str | None = None,
    settings: Settings | None = None,
    *,
    n_ctx: int | None = None,
    keep_fds: bool = False,
) -> Engine | RemoteEngine:
    """Load the chosen model (see ``resolve_model``) or raise ModelUnavailable with a sentence.

    ``keep_fds=True`` is for loading while a TUI is drawing: llama-cpp-python's ``verbose=False``
    redirects file descriptors 1 and 2 during the load, which would swallow the TUI's output;
    with it the redirect is skipped and llama.cpp's log is still silenced (errors only, through
    Python's ``sys.stderr``, which Textual captures).
    """
    try:
        settings = settings or load_settings()
    except ConfigError as error:
        raise ModelUnavailable(str(error)) from None
    ref = resolve_model(spec, settings)
    if ref.server is not None:  # a local server the person runs (remote.py)
        from companion.core.llm.remote import connect_server

        return connect_server(ref, ref.server, n_ctx or settings.n_ctx)
    info = check_gguf(ref.path)
    wanted = n_ctx or settings.n_ctx
    context = min(wanted, info.context_length or wanted)
    needed = info.estimated_ram(context)
    free = available_memory()
    if free is not None and needed > free:
        raise ModelUnavailable(
            f"{ref.name} needs about {_gb(needed)} of memory but only {_gb(free)} is free: "
            "close other programs or choose a smaller model (`companion model list`)."
        )
    threads = settings.n_threads or physical_cores()
    try:
        import llama_cpp.llama as llama_module
        from llama_cpp import Llama
    except ImportError as error:  # pragma: no cover - a broken install
        raise ModelUnavailable(f"llama-cpp-python cannot be imported ({error}).") from None
    kwargs: dict[str, Any] = {
        "n_ctx": context,
        "n_threads": threads,
        "n_threads_batch": threads,
        "verbose": False,
    }
    if info.sliding_window:
        kwargs["swa_full"] = True
    with _LOAD_LOCK:
        original = getattr(llama_module, "suppress_stdout_stderr")  # noqa: B009
        if keep_fds:
            setattr(llama_module, "suppress_stdout_stderr", _Quiet)  # noqa: B010
        try:
            llm = Llama(str(ref.path), **kwargs)
        except MemoryError:
            raise ModelUnavailable(
                f"There is not enough memory to load {ref.name}: choose a smaller model."
            ) from None
        except (ValueError, RuntimeError, OSError):
            raise ModelUnavailable(
                f"llama.cpp could not load {ref.path} (a damaged file or an unsupported "
                "architecture): try another GGUF."
            ) from None
        finally:
            setattr(llama_module, "suppress_stdout_stderr", original)  # noqa: B010
    return Engine(llm, ref, info, threads)
