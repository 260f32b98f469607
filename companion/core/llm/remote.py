"""A chat backend that talks to a local OpenAI-compatible server (see servers.py).

``RemoteEngine`` has the interface ``ChatSession`` uses (backend.ChatBackend), so the crisis check
on the person's text, the output guard on the reply, stop, regenerate and storage are exactly
those of the in-process engine. Only the standard library is used (http.client, no proxies from
the environment, no redirects followed).

When the server goes away mid-reply the stream ends early instead of raising: the session then
stores the partial reply as stopped, and ``interruption(stats)`` holds one sentence to show.
Token counts come from the server's ``usage`` when it sends one; otherwise they are estimated
from the text and ``stats.extra["tokens_estimated"]`` says so.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import socket
import ssl
import threading
import time
from collections.abc import Generator, Iterator
from typing import Any

from companion.core.llm.backend import ChatBackend, GenerationStats, Messages, Request
from companion.core.llm.decoding import DRY_BREAKERS, Decoding
from companion.core.llm.errors import ModelUnavailable
from companion.core.llm.models import ModelRef
from companion.core.llm.servers import IPAddress, ServerSpec, checked_address

INTERRUPTED = "interrupted"
TOKENS_ESTIMATED = "tokens_estimated"
CONNECT_TIMEOUT = 5.0
# A large model on a CPU can read a long prompt for minutes before its first token.
READ_TIMEOUT = 300.0
# Estimating tokens from text: about 4 bytes a token for English in BPE vocabularies; 3 errs on
# the side of more tokens, so a prompt budgeted with the estimate still fits the server's window.
BYTES_PER_TOKEN = 3
MESSAGE_OVERHEAD = 4


class ServerRefused(ModelUnavailable):
    """The server answered with an HTTP error status (one sentence, as ModelUnavailable)."""

    def __init__(self, status: int, sentence: str) -> None:
        super().__init__(sentence)
        self.status = status


# Sampler fields beyond OpenAI's own: llama_cpp.server reads repeat_penalty, top_k and min_p
# (its request model ignores the rest); llama.cpp's llama-server also reads repeat_last_n, the
# DRY settings and cache_prompt (keep the evaluated prompt for the next request). Ollama's and
# LM Studio's OpenAI endpoints ignore fields they do not know.
EXTENDED_FIELDS = frozenset(
    {
        "repeat_penalty",
        "repeat_last_n",
        "top_k",
        "min_p",
        "dry_multiplier",
        "dry_base",
        "dry_allowed_length",
        "dry_penalty_last_n",
        "dry_sequence_breakers",
        "cache_prompt",
    }
)


def sampler_fields(decoding: Decoding | None, *, extended: bool = True) -> dict[str, Any]:
    """The request fields for ``decoding``'s sampler part, as the in-process engine samples
    (``decoding`` None: no penalties). Only OpenAI's own fields when ``extended`` is False."""
    fields: dict[str, Any] = {
        "frequency_penalty": decoding.frequency_penalty if decoding else 0.0,
        "presence_penalty": decoding.presence_penalty if decoding else 0.0,
    }
    if not extended:
        return fields
    fields.update(
        repeat_penalty=decoding.repeat_penalty if decoding else 1.0,
        top_k=40,
        min_p=0.05,
        cache_prompt=True,
    )
    if decoding is not None:
        fields["repeat_last_n"] = decoding.penalty_last_n
        if decoding.dry_multiplier > 0:
            fields.update(
                dry_multiplier=decoding.dry_multiplier,
                dry_base=decoding.dry_base,
                dry_allowed_length=decoding.dry_allowed_length,
                dry_penalty_last_n=decoding.dry_penalty_last_n,
                dry_sequence_breakers=DRY_BREAKERS,
            )
    return fields


def interruption(stats: GenerationStats) -> str | None:
    """The sentence explaining why a reply from a server ended early, if it did."""
    value = stats.extra.get(INTERRUPTED)
    return value if isinstance(value, str) else None


def estimate_tokens(text: str) -> int:
    return -(-len(text.encode("utf-8")) // BYTES_PER_TOKEN) if text else 0


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the address that was checked, whatever the name resolves to by then."""

    def __init__(self, host: str, port: int, address: IPAddress) -> None:
        super().__init__(host, port, timeout=CONNECT_TIMEOUT)
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((str(self._address), self.port), CONNECT_TIMEOUT)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(READ_TIMEOUT)
        self.sock = sock


class _PinnedHTTPS(http.client.HTTPSConnection):
    def __init__(self, host: str, port: int, address: IPAddress) -> None:
        self._tls = ssl.create_default_context()
        super().__init__(host, port, timeout=CONNECT_TIMEOUT, context=self._tls)
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((str(self._address), self.port), CONNECT_TIMEOUT)
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        sock.settimeout(READ_TIMEOUT)
        self.sock = self._tls.wrap_socket(sock, server_hostname=self.host)


def _reason(error: BaseException) -> str:
    if isinstance(error, ConnectionRefusedError):
        return "connection refused"
    if isinstance(error, TimeoutError):
        return "no answer in time"
    if isinstance(error, ConnectionResetError):
        return "connection reset"
    if isinstance(error, http.client.IncompleteRead):
        return "the connection closed mid-answer"
    text = str(error).strip() or type(error).__name__
    return text[:120]


def _error_text(body: bytes) -> str:
    try:
        data = json.loads(body)
    except ValueError:
        return body.decode("utf-8", "replace").strip()[:160]
    if isinstance(data, dict):
        error = data.get("error", data.get("detail", data))
        if isinstance(error, dict):
            error = error.get("message", error)
        return str(error)[:160]
    return str(data)[:160]


def open_connection(spec: ServerSpec) -> http.client.HTTPConnection:
    """A connection to the server, after checking its address again (DNS can change)."""
    address = checked_address(spec.host, spec.port, allow_lan=spec.allow_lan)
    kind = _PinnedHTTPS if spec.https else _PinnedHTTP
    return kind(spec.host, spec.port, address)


def request(
    spec: ServerSpec, method: str, path: str, body: dict[str, Any] | None = None
) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
    """Send one request; ModelUnavailable with a sentence when nothing (good) answers."""
    connection = open_connection(spec)
    payload = None if body is None else json.dumps(body).encode("utf-8")
    headers = {"Accept": "application/json, text/event-stream"}
    if payload is not None:
        headers["Content-Type"] = "application/json"
    try:
        connection.request(method, spec.base_path + path, body=payload, headers=headers)
        response = connection.getresponse()
    except (OSError, http.client.HTTPException) as error:
        connection.close()
        raise ModelUnavailable(
            f"Nothing answered at {spec.url} ({_reason(error)}): start the model server, or "
            "choose another model (`companion model list`)."
        ) from None
    if response.status != 200:
        detail = _error_text(response.read(65536))
        connection.close()
        raise ServerRefused(
            response.status,
            f"The model server at {spec.url} answered HTTP {response.status}"
            + (f" ({detail})" if detail else "")
            + ": check the server and the model name.",
        )
    return connection, response


def list_server_models(spec: ServerSpec) -> list[str]:
    """The model ids the server offers (GET /models)."""
    connection, response = request(spec, "GET", "/models")
    try:
        data = json.loads(response.read(1 << 20))
    except (ValueError, OSError, http.client.HTTPException):
        raise ModelUnavailable(
            f"{spec.url} did not answer like an OpenAI-compatible server: check the address "
            "(it usually ends in /v1)."
        ) from None
    finally:
        connection.close()
    entries = data.get("data") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ModelUnavailable(
            f"{spec.url} did not answer like an OpenAI-compatible server: check the address "
            "(it usually ends in /v1)."
        )
    return [str(e["id"]) for e in entries if isinstance(e, dict) and "id" in e]


def sse_events(response: http.client.HTTPResponse) -> Iterator[str]:
    """The ``data`` of each server-sent event, in order."""
    data: list[str] = []
    while True:
        line = response.readline()
        if not line:
            if data:
                yield "\n".join(data)
            return
        text = line.decode("utf-8", "replace").rstrip("\r\n")
        if not text:
            if data:
                yield "\n".join(data)
                data = []
            continue
        if text.startswith(":"):
            continue
        field, _, value = text.partition(":")
        if field == "data":
            data.append(value[1:] if value.startswith(" ") else value)


class RemoteEngine(ChatBackend):
    """A model served by a local OpenAI-compatible server. Build it with ``connect_server``.

    The decoding pipeline is the shared one (backend.py): the text filter runs here on what the
    server streams, and the sampler settings go in the request (``sampler_fields``). The KV
    state stays on the server: its own prompt cache reuses the system prompt between requests
    (``prepare_prefix`` fills it before the first reply)."""

    tokens_estimated = True  # the prompt budget always uses the estimate (no tokenizer here)
    n_threads = 0  # the server's own business

    def __init__(self, spec: ServerSpec, ref: ModelRef, n_ctx: int) -> None:
        self.spec = spec
        self.ref = ref
        self.name = ref.name
        self.n_ctx = n_ctx
        self.last_interruption: str | None = None  # why the last complete() ended early
        self._plain_fields = False  # the server refused llama.cpp's sampler fields once

    def _post(
        self, body: dict[str, Any]
    ) -> tuple[http.client.HTTPConnection, http.client.HTTPResponse]:
        """POST a chat request; a server that rejects the fields beyond OpenAI's own (HTTP 400
        or 422) is asked once more without them, and from then on never sent them."""
        try:
            return request(self.spec, "POST", "/chat/completions", body)
        except ServerRefused as error:
            if error.status not in (400, 422) or self._plain_fields:
                raise
        self._plain_fields = True
        plain = {k: v for k, v in body.items() if k not in EXTENDED_FIELDS}
        return request(self.spec, "POST", "/chat/completions", plain)

    # -- tokens (estimated: the server's tokenizer is not here) -------------------------------

    def count_tokens(self, text: str) -> int:
        return estimate_tokens(text)

    def count_message_tokens(self, messages: Messages) -> int:
        return MESSAGE_OVERHEAD + sum(
            MESSAGE_OVERHEAD + estimate_tokens(m["content"]) for m in messages
        )

    # -- generation ---------------------------------------------------------------------------

    def _raw_stream(self, request: Request) -> tuple[Generator[str, None, None], int]:
        """The server's text as it streams it (see the module docstring for what happens when
        the server goes away), sampled with the penalties of ``request.decoding``."""
        messages = request.messages
        body: dict[str, Any] = {
            "model": self.spec.model_id or self.spec.name,
            "messages": [{"role": m["role"], "content": m["content"]} for m in messages],
            "max_tokens": request.max_tokens,
            "temperature": request.temperature,
            "top_p": 0.95,
            "stream": True,
            "stream_options": {"include_usage": True},
            **sampler_fields(request.decoding, extended=not self._plain_fields),
        }
        if request.seed is not None:
            body["seed"] = request.seed
        estimate = self.count_message_tokens(messages)
        return self._stream(body, estimate, request.cancel, request.stats), request.max_tokens

    def _stream(
        self,
        body: dict[str, Any],
        prompt_estimate: int,
        cancel: threading.Event | None,
        stats: GenerationStats,
    ) -> Generator[str, None, None]:
        stats.prompt_tokens = prompt_estimate
        stats.extra[TOKENS_ESTIMATED] = True
        pieces: list[str] = []
        usage: dict[str, Any] | None = None
        finished = False
        start = time.perf_counter()
        first = 0.0
        done = threading.Event()
        connection: http.client.HTTPConnection | None = None
        try:
            connection, response = self._post(body)
            if cancel is not None:
                threading.Thread(
                    target=_watch, args=(cancel, done, connection), daemon=True, name="llm-remote"
                ).start()
            for event in sse_events(response):
                if event.strip() == "[DONE]":
                    finished = True
                    break
                data = json.loads(event)
                if isinstance(data.get("error"), dict | str):
                    raise ModelUnavailable(
                        f"The model server at {self.spec.url} reported an error "
                        f"({_error_text(event.encode())})."
                    )
                if isinstance(data.get("usage"), dict):
                    usage = data["usage"]
                for choice in data.get("choices") or []:
                    if choice.get("finish_reason"):
                        stats.finish_reason = str(choice["finish_reason"])
                        finished = True
                    text = (choice.get("delta") or {}).get("content") or ""
                    if text:
                        if not first:
                            first = time.perf_counter()
                            stats.ttft_s = first - start
                        pieces.append(text)
                        yield text
                if cancel is not None and cancel.is_set():
                    stats.stopped = True
                    break
            if not finished and not stats.stopped:
                raise http.client.IncompleteRead(b"")
        except ModelUnavailable as error:
            if not (cancel is not None and cancel.is_set()):
                stats.extra[INTERRUPTED] = str(error)
            stats.stopped = True
        except (OSError, ValueError, http.client.HTTPException) as error:
            stats.stopped = True
            if not (cancel is not None and cancel.is_set()):
                kept = "the partial reply is kept" if pieces else "nothing was lost"
                stats.extra[INTERRUPTED] = (
                    f"The model server {self.name} stopped answering mid-reply "
                    f"({_reason(error)}): {kept}; start it again and press ctrl+r to retry."
                )
        finally:
            done.set()
            if connection is not None:
                connection.close()
            end = time.perf_counter()
            stats.gen_s = end - first if first else 0.0
            _count(stats, usage, "".join(pieces))
            if stats.stopped:
                stats.finish_reason = "stopped"

    def _completed(self, stats: GenerationStats) -> None:
        """``complete`` (summaries, exercise suggestions, reflection) returns what arrived when
        the server stops answering, as the in-process engine does with stopped replies: the
        callers already fall back to their plain versions then, and an exception would end
        their thread workers. Why it ended is kept here."""
        self.last_interruption = interruption(stats)

    def prepare_prefix(self, messages: Messages) -> str:
        """Have the server read the system prompt now (a one-token request), so its own prompt
        cache holds it when the first reply is asked for (llama_cpp.server and llama-server
        reuse the longest common prefix of the previous request; Ollama keeps its KV cache)."""
        self.complete(messages, max_tokens=1)
        return "none" if self.last_interruption else "server"


def _count(stats: GenerationStats, usage: dict[str, Any] | None, text: str) -> None:
    prompt = usage.get("prompt_tokens") if usage else None
    completion = usage.get("completion_tokens") if usage else None
    if isinstance(prompt, int) and isinstance(completion, int):
        stats.prompt_tokens, stats.completion_tokens = prompt, completion
        stats.extra[TOKENS_ESTIMATED] = False
    else:
        stats.completion_tokens = estimate_tokens(text)


def _watch(cancel: threading.Event, done: threading.Event, connection: Any) -> None:
    """Close the socket when the person stops the reply, so a blocked read returns at once."""
    while not done.is_set():
        if cancel.wait(0.05):
            sock = getattr(connection, "sock", None)
            if sock is not None:
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
            return


def connect_server(ref: ModelRef, spec: ServerSpec, n_ctx: int) -> RemoteEngine:
    """A RemoteEngine for ``spec``; checks the address now (ModelUnavailable if refused).

    Nothing is sent until the first reply: a server that is not running yet only matters then.
    """
    checked_address(spec.host, spec.port, allow_lan=spec.allow_lan)
    return RemoteEngine(spec, ref, spec.n_ctx or n_ctx)


def register_server(
    url: str, name: str, *, model_id: str = "", allow_lan: bool = False, n_ctx: int = 0
) -> ServerSpec:
    """Check and save a server as model ``name``: the name is free, the address is allowed, and
    the server answers like an OpenAI-compatible one with that model. ModelUnavailable (one
    sentence) otherwise; nothing is saved then."""
    from dataclasses import replace

    from companion.core.llm.models import EMBEDDED_NAME, model_files, server_names
    from companion.core.llm.servers import normalise_url, save_server, valid_name

    if not valid_name(name):
        raise ModelUnavailable(
            f"{name!r} cannot be a model name: use up to 64 letters, digits, '.', '_' or '-' "
            "(not ending in .gguf)."
        )
    taken = {EMBEDDED_NAME, "embedded", "default", *(p.stem for p in model_files())}
    if name in taken or name in server_names():
        raise ModelUnavailable(f"A model named {name!r} already exists: choose another --name.")
    try:
        base = normalise_url(url)
    except ValueError as error:
        raise ModelUnavailable(
            f"{error}: give the server's API address, e.g. http://127.0.0.1:11434/v1."
        ) from None
    spec = ServerSpec(name, base, model_id.strip(), allow_lan, n_ctx)
    checked_address(spec.host, spec.port, allow_lan=allow_lan)
    offered = list_server_models(spec)
    if not spec.model_id and len(offered) == 1:
        spec = replace(spec, model_id=offered[0])
    elif not spec.model_id and len(offered) > 1:
        raise ModelUnavailable(
            f"{base} serves several models ({', '.join(offered[:8])}): choose one with --model-id."
        )
    elif spec.model_id and offered and spec.model_id not in offered:
        raise ModelUnavailable(
            f"{base} does not serve {spec.model_id!r} (it serves {', '.join(offered[:8])}): "
            "check --model-id."
        )
    save_server(spec)
    return spec
