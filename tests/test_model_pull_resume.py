"""`companion model pull` resumes an interrupted download and checks the Hub's sha256: with the
library's transfer faked (sockets disabled), and once end to end with the real huggingface_hub
against a small Hub stand-in on 127.0.0.1 that honours HTTP Range."""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import huggingface_hub
import pytest

from companion.core import paths
from companion.ui.cli._common import fail
from tests.test_model_pull import CHAT_GGUF, FakeHub, fake_hub, leftovers, run

BIG = CHAT_GGUF + b"\0" * 200_000  # a valid GGUF header followed by padding: room to cut


def staging_part() -> Path:
    (staging,) = [p for p in paths.models_dir().iterdir() if p.name.startswith(".pull-")]
    return staging / "download.part"


def test_an_interrupted_download_is_kept_and_the_same_command_resumes_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = fake_hub(monkeypatch, FakeHub(BIG, cut_after=70_000, cut=KeyboardInterrupt()))
    code, _, err, _ = run("model", "pull", "owner/repo", "big.gguf")
    assert code == 130
    assert err.strip() == "Download paused: run the same command again to resume it."
    assert staging_part().stat().st_size == 70_000
    assert staging_part().stat().st_mode & 0o077 == 0

    code, out, err, _ = run("model", "pull", "owner/repo", "big.gguf")
    assert code == 0, err
    assert "Resuming from 68 KB of 196 KB downloaded before." in out
    assert [call["resume_size"] for call in fake.calls] == [0, 70_000]
    assert (paths.models_dir() / "big.gguf").read_bytes() == BIG
    assert f"sha256 {hashlib.sha256(BIG).hexdigest()} verified against the Hub's." in out
    assert leftovers() == ["big.gguf"]


def test_a_failed_attempt_in_between_does_not_lose_the_partial_file(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import companion.ui.cli.model_pull as pull_cli

    fake = fake_hub(monkeypatch, FakeHub(BIG, cut_after=80_000, cut=KeyboardInterrupt()))
    assert run("model", "pull", "owner/repo", "big.gguf")[0] == 130

    def offline() -> None:
        fail("Could not reach huggingface.co (offline): check your connection.")

    monkeypatch.setattr(pull_cli, "_check_reachable", offline)
    assert run("model", "pull", "owner/repo", "big.gguf")[0] == 1
    assert staging_part().stat().st_size == 80_000  # still there after the offline attempt
    monkeypatch.setattr(pull_cli, "_check_reachable", lambda: None)
    assert run("model", "pull", "owner/repo", "big.gguf")[0] == 0
    assert [call["resume_size"] for call in fake.calls] == [0, 80_000]
    assert (paths.models_dir() / "big.gguf").read_bytes() == BIG


def test_a_network_failure_mid_download_keeps_the_part_and_says_so_in_one_sentence(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    lost = ConnectionResetError(104, "Connection reset by peer")
    fake_hub(monkeypatch, FakeHub(BIG, cut_after=50_000, cut=lost))
    code, _, err, _ = run("model", "pull", "owner/repo", "big.gguf")
    assert code == 1 and len(err.strip().splitlines()) == 1
    assert err.strip().startswith("Could not reach huggingface.co ([Errno 104] Connection reset")
    assert err.strip().endswith(
        "the 49 KB downloaded so far are kept and the same command resumes from there."
    )
    assert staging_part().stat().st_size == 50_000


def test_a_partial_file_of_content_the_hub_no_longer_has_is_started_again(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_hub(monkeypatch, FakeHub(BIG, cut_after=60_000, cut=KeyboardInterrupt()))
    assert run("model", "pull", "owner/repo", "big.gguf")[0] == 130
    changed = BIG[:-1] + b"\1"  # the file on `main` was replaced meanwhile
    fake = fake_hub(monkeypatch, FakeHub(changed))
    code, _, err, _ = run("model", "pull", "owner/repo", "big.gguf")
    assert code == 0, err
    assert fake.calls[0]["resume_size"] == 0
    assert (paths.models_dir() / "big.gguf").read_bytes() == changed


def test_a_download_that_does_not_match_the_hubs_sha256_is_deleted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_hub(monkeypatch, FakeHub(CHAT_GGUF, listed_sha256="ab" * 32))
    code, out, err, _ = run("model", "pull", "owner/repo", "m.gguf")
    assert code == 1 and "Saved" not in out
    got = hashlib.sha256(CHAT_GGUF).hexdigest()
    assert err.strip() == (
        f"Deleted the download: m.gguf does not match the sha256 the Hub lists for it "
        f"({'ab' * 8}..., got {got[:16]}...); run the command again."
    )
    assert leftovers() == []


def test_without_a_listed_sha256_the_file_is_saved_and_the_output_says_so(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_hub(monkeypatch, FakeHub(CHAT_GGUF, lfs=False))
    code, out, _, _ = run("model", "pull", "owner/repo", "m.gguf")
    assert code == 0 and "(the Hub lists none to check)" in out


def test_other_revisions_of_the_same_file_get_their_own_staging_folder() -> None:
    from companion.ui.cli.model_pull import staging_dir

    folder = Path("/m")
    a = staging_dir(folder, "owner/repo", "m.gguf", "main")
    assert a == staging_dir(folder, "owner/repo", "m.gguf", "main")
    assert a != staging_dir(folder, "owner/repo", "m.gguf", "v2")
    assert a != staging_dir(folder, "owner/other", "m.gguf", "main")


class HubStandIn:
    """The two Hub endpoints `pull` uses: paths-info and resolve (with Range). The first
    transfer stops half way and later ones answer 503 until ``healthy`` is set."""

    def __init__(self, content: bytes) -> None:
        self.content = content
        self.ranges: list[str | None] = []
        self.healthy = False
        self.cut = len(content) // 2


def _hub_handler(hub: HubStandIn) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, format: str, *args: Any) -> None:
            return None

        def do_POST(self) -> None:  # /api/models/{repo}/paths-info/{revision}
            self.rfile.read(int(self.headers.get("Content-Length", "0")))
            sha = hashlib.sha256(hub.content).hexdigest()
            body = json.dumps(
                [
                    {
                        "type": "file",
                        "path": "big.gguf",
                        "size": len(hub.content),
                        "oid": "b10b",
                        "lfs": {"oid": sha, "size": len(hub.content), "pointerSize": 132},
                    }
                ]
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # /{repo}/resolve/{revision}/{file}
            wanted = self.headers.get("Range")
            hub.ranges.append(wanted)
            start = int(wanted.removeprefix("bytes=").split("-")[0]) if wanted else 0
            if len(hub.ranges) > 1 and not hub.healthy:
                self.send_response(503)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            data = hub.content[start:]
            self.send_response(206 if start else 200)
            if start:
                self.send_header(
                    "Content-Range", f"bytes {start}-{len(hub.content) - 1}/{len(hub.content)}"
                )
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if not hub.healthy:
                self.wfile.write(data[: hub.cut])
                self.wfile.flush()
                self.close_connection = True
                return
            self.wfile.write(data)

    return Handler


@contextmanager
def hub_stand_in(hub: HubStandIn) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _hub_handler(hub))
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.mark.allow_hosts(["127.0.0.1"])
@pytest.mark.filterwarnings("ignore::UserWarning")  # the library's own retry warnings
def test_the_real_library_resumes_with_a_range_request_against_a_hub_on_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    content = CHAT_GGUF + bytes(range(256)) * 400
    hub = HubStandIn(content)
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_DISABLE_TELEMETRY", True)
    monkeypatch.setattr("time.sleep", lambda seconds: None)  # the library's retry pauses
    monkeypatch.setattr(huggingface_hub.constants, "DOWNLOAD_CHUNK_SIZE", 4096)  # not 10 MB
    with hub_stand_in(hub) as endpoint:
        monkeypatch.setenv("HF_ENDPOINT", endpoint)
        code, out, err, _ = run("model", "pull", "owner/repo", "big.gguf")
        assert code == 1, out
        assert "HTTP 503" in err and "downloaded so far are kept" in err
        kept = staging_part().stat().st_size
        assert 0 < kept <= hub.cut and kept % 4096 == 0
        hub.healthy = True
        code, out, err, _ = run("model", "pull", "owner/repo", "big.gguf")
    assert code == 0, err
    assert hub.ranges[0] is None and hub.ranges[-1] == f"bytes={kept}-"
    assert (paths.models_dir() / "big.gguf").read_bytes() == content
    assert "verified against the Hub's" in out and leftovers() == ["big.gguf"]


def test_the_fitness_check_runs_at_the_end_when_this_version_has_one(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import sys
    import types

    import companion.core.flows
    import companion.core.llm

    calls: list[dict[str, Any]] = []

    class Report:
        passed = {"instruction": True, "honesty": False}

    def run_fitness_check(engine: Any, **kwargs: Any) -> Report:
        calls.append({"engine": engine, **kwargs})
        return Report()

    class Loaded:
        closed = False

        def close(self) -> None:
            self.closed = True

    loaded = Loaded()
    fitness = types.ModuleType("companion.core.flows.fitness")
    fitness.run_fitness_check = run_fitness_check  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "companion.core.flows.fitness", fitness)
    monkeypatch.setattr(companion.core.flows, "fitness", fitness, raising=False)
    monkeypatch.setattr(companion.core.llm, "load_engine", lambda spec: loaded)
    fake_hub(monkeypatch, FakeHub(CHAT_GGUF))
    code, out, err, _ = run("model", "pull", "owner/repo", "m.gguf")
    assert code == 0, err
    (call,) = calls
    assert call["engine"] is loaded and loaded.closed
    assert call["sha256"] == hashlib.sha256(CHAT_GGUF).hexdigest() and call["db"] is not None
    assert "  instruction: passed\n  honesty: not passed" in out
