"""`companion model pull`, the app's only network operation, with the real huggingface_hub and
sockets disabled: what a person reads offline, without the extra, with a wrong name or a bad
file, and after a (simulated) download; and that nothing is left behind when it fails."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import sys
from pathlib import Path
from typing import Any

import huggingface_hub
import huggingface_hub.file_download
import pytest
from typer.testing import CliRunner

from companion.core import paths
from companion.ui.cli import app
from tests.gguf_helpers import gguf_bytes

CHAT_TEMPLATE = "{% for m in messages %}{{ m['role'] }}: {{ m['content'] }}\n{% endfor %}"
NETWORK_TAIL = (
    "check your connection and try again (this is the only command that uses the network)"
)


def run(*args: str) -> tuple[int, str, str, BaseException | None]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr, result.exception


CHAT_GGUF = gguf_bytes(
    {
        "general.architecture": "llama",
        "general.name": "tiny chat",
        "tokenizer.chat_template": CHAT_TEMPLATE,
    }
)


def leftovers() -> list[str]:
    """Everything in the models dir (hidden staging folders included)."""
    folder = paths.models_dir()
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


class FakeHub:
    """Stands in for the two network calls `pull` makes through huggingface_hub: the file's
    metadata (``HfApi.get_paths_info``, with the LFS sha256) and the transfer
    (``file_download.http_get``), which writes ``content`` from ``resume_size`` on like the real
    one. ``cut_after`` bytes into a transfer it raises ``cut`` instead of finishing."""

    def __init__(
        self,
        content: bytes = b"",
        error: Exception | None = None,
        *,
        listed_sha256: str | None = None,
        lfs: bool = True,
        cut_after: int | None = None,
        cut: BaseException | None = None,
    ) -> None:
        self.content, self.error = content, error
        self.listed_sha256 = listed_sha256 or hashlib.sha256(content).hexdigest()
        self.lfs, self.cut_after, self.cut = lfs, cut_after, cut
        self.calls: list[dict[str, Any]] = []
        self.metadata_calls: list[dict[str, Any]] = []
        self.environ: dict[str, str] = {}

    def paths_info(self, repo_id: str, paths: list[str], **kwargs: Any) -> list[Any]:
        from huggingface_hub.hf_api import RepoFile

        self.metadata_calls.append({"repo_id": repo_id, "paths": paths, **kwargs})
        if self.error is not None:
            raise self.error
        lfs = {"size": len(self.content), "oid": self.listed_sha256, "pointerSize": 132}
        return [
            RepoFile(  # type: ignore[no-untyped-call]
                path=paths[0], size=len(self.content), oid="b10b", lfs=lfs if self.lfs else None
            )
        ]

    def http_get(self, url: str, temp_file: Any, *, resume_size: int = 0, **kwargs: Any) -> None:
        self.calls.append(
            {"url": url, "resume_size": resume_size, "file": temp_file.name, **kwargs}
        )
        self.environ = dict(os.environ)
        data = self.content[resume_size:]
        if self.cut_after is not None and self.cut is not None:
            temp_file.write(data[: self.cut_after])
            cut, self.cut_after = self.cut, None  # the next attempt goes through
            raise cut
        temp_file.write(data)


def fake_hub(monkeypatch: pytest.MonkeyPatch, fake: FakeHub) -> FakeHub:
    import companion.ui.cli.model_pull as pull_cli

    monkeypatch.setattr(huggingface_hub.HfApi, "get_paths_info", fake.paths_info)
    monkeypatch.setattr(huggingface_hub.file_download, "http_get", fake.http_get)
    monkeypatch.setattr(pull_cli, "_check_reachable", lambda: None)  # the host "resolves"
    # as when `pull` imports the library inside its environment (this test module imported it
    # first): no telemetry, so no agent-registry fetch while the headers are built
    monkeypatch.setattr(huggingface_hub.constants, "HF_HUB_DISABLE_TELEMETRY", True)
    return fake


def test_an_unresolvable_hub_fails_at_once_without_the_librarys_retries(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket

    fake = FakeHub(CHAT_GGUF)
    monkeypatch.setattr(huggingface_hub.HfApi, "get_paths_info", fake.paths_info)
    monkeypatch.setattr(huggingface_hub.file_download, "http_get", fake.http_get)

    def no_dns(*args: object, **kwargs: object) -> object:
        raise socket.gaierror(-3, "Temporary failure in name resolution")

    monkeypatch.setattr(socket, "getaddrinfo", no_dns)
    code, _out, err, _exception = run("model", "pull", "owner/repo", "m.gguf")
    assert code == 1 and fake.calls == [] and fake.metadata_calls == []
    assert err.strip() == (
        f"Could not reach huggingface.co ([Errno -3] Temporary failure in name resolution): "
        f"{NETWORK_TAIL}."
    )
    assert leftovers() == []


@pytest.mark.filterwarnings("ignore:A test tried to use socket:UserWarning")  # the point of it
def test_offline_with_the_real_library_is_one_sentence_and_leaves_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fake_home = tmp_path / "user-home"
    monkeypatch.setenv("HOME", str(fake_home))
    for name in ("HF_HOME", "XDG_CACHE_HOME", "HF_HUB_CACHE", "HF_TOKEN", "HF_HUB_OFFLINE"):
        monkeypatch.delenv(name, raising=False)
    before = dict(os.environ)
    code, out, err, exception = run(
        "model", "pull", "bartowski/Qwen2.5-1.5B-Instruct-GGUF", "Qwen2.5-1.5B-Instruct-Q4_K_M.gguf"
    )
    assert code == 1 and isinstance(exception, SystemExit)
    assert "Downloading Qwen2.5-1.5B-Instruct-Q4_K_M.gguf from huggingface.co/" in out
    assert NETWORK_TAIL in err and "Traceback" not in out + err
    assert len(err.strip().splitlines()) == 1
    assert leftovers() == []
    assert not fake_home.exists()  # nothing in ~/.cache/huggingface
    assert dict(os.environ) == before  # the HF_* settings were only for the download


def test_the_real_library_imported_for_a_pull_keeps_its_folders_in_the_data_dir(
    tmp_path: Path,
) -> None:
    """huggingface_hub reads its folders and telemetry switch when imported: `pull` imports it
    inside the per-download environment. A fresh interpreter shows what the library then uses."""
    import subprocess

    staging = tmp_path / "home" / "models" / ".pull-x" / "huggingface"
    script = (
        "import sys\n"
        "from pathlib import Path\n"
        "from companion.ui.cli.model_pull import _hub_environment\n"
        "with _hub_environment(Path(sys.argv[1])):\n"
        "    from huggingface_hub import constants as c\n"
        "print(c.HF_HOME, c.HF_HUB_CACHE, c.HF_ASSETS_CACHE, c.HF_XET_CACHE, c.HF_TOKEN_PATH,\n"
        "      c.HF_STORED_TOKENS_PATH, c.HF_HUB_DISABLE_TELEMETRY)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("HF_", "HUGGINGFACE_"))}
    done = subprocess.run(
        [sys.executable, "-c", script, str(staging)],
        env={**env, "HF_HOME": str(tmp_path / "elsewhere"), "HF_HUB_DISABLE_TELEMETRY": "0"},
        capture_output=True,
        text=True,
        check=True,
    )
    *folders, telemetry_off = done.stdout.split()
    assert telemetry_off == "True"
    assert len(folders) == 6
    for folder in folders:
        assert Path(folder).is_relative_to(staging), folder


def test_connection_and_hub_errors_from_the_library_become_sentences(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import socket

    import httpx2
    from huggingface_hub import errors
    from huggingface_hub.utils import hf_raise_for_status  # type: ignore[attr-defined]

    def answered(status: int, code: str | None) -> Exception:
        url = "https://huggingface.co/owner/repo/resolve/main/m.gguf"
        headers = {"X-Error-Code": code} if code else {}
        response = httpx2.Response(status, headers=headers, request=httpx2.Request("HEAD", url))
        try:
            hf_raise_for_status(response)
        except Exception as error:
            return error
        raise AssertionError("hf_raise_for_status accepted an error response")

    offline = errors.LocalEntryNotFoundError("cannot find the requested files")
    offline.__cause__ = socket.gaierror(-2, "Name or service not known")
    cases: list[tuple[Exception, str]] = [
        (
            offline,
            f"Could not reach huggingface.co ([Errno -2] Name or service not known): {NETWORK_TAIL}.",
        ),
        (answered(404, "RepoNotFound"), "There is no repository 'owner/repo' on huggingface.co"),
        (answered(404, "EntryNotFound"), "owner/repo has no file 'm.gguf'"),
        (answered(403, "GatedRepo"), "owner/repo is gated: accept its terms"),
        (answered(503, None), "huggingface.co answered with an error (HTTP 503)"),
    ]
    for error, sentence in cases:
        fake = fake_hub(monkeypatch, FakeHub(error=error))
        code, _, err, exception = run("model", "pull", "owner/repo", "m.gguf")
        assert fake.metadata_calls, sentence
        assert code == 1 and isinstance(exception, SystemExit), sentence
        assert sentence in err and "Traceback" not in err
        assert leftovers() == []


def test_without_the_extra_says_how_to_install_it(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "huggingface_hub", None)  # `import` now raises ImportError
    code, _, err, exception = run("model", "pull", "owner/repo", "m.gguf")
    assert code == 1 and isinstance(exception, SystemExit)
    assert "optional `pull` extra" in err and "pip install 'companion[pull]'" in err
    assert "uv run --extra pull companion model pull" in err
    assert leftovers() == []


def test_names_that_are_not_gguf_files_are_refused_before_any_download(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = fake_hub(monkeypatch, FakeHub(CHAT_GGUF))
    for name in ("README.md", "model.safetensors", "gguf", ".gguf", "../up.gguf", "/etc/x.gguf"):
        code, out, err, _ = run("model", "pull", "owner/repo", name)
        assert code == 1 and f"{name!r} is not a .gguf file" in err, name
        assert "Downloading" not in out
    assert fake.calls == []
    assert leftovers() == []


def test_a_name_already_in_the_models_dir_is_refused_before_any_download(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = fake_hub(monkeypatch, FakeHub(CHAT_GGUF))
    existing = paths.ensure_private_dir(paths.models_dir()) / "tiny.gguf"
    existing.write_bytes(b"mine")
    code, _, err, _ = run("model", "pull", "owner/repo", "tiny.gguf")
    assert code == 1 and "A model named 'tiny' is already in" in err
    assert fake.calls == [] and existing.read_bytes() == b"mine"


def test_a_good_download_is_saved_private_checked_and_listed(
    companion_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HF_TOKEN", "hf_secret")
    fake = fake_hub(monkeypatch, FakeHub(CHAT_GGUF))
    code, out, err, _ = run("model", "pull", "owner/tiny-GGUF", "Q4_K_M/tiny-chat-Q4_K_M.gguf")
    assert code == 0, err
    target = paths.models_dir() / "tiny-chat-Q4_K_M.gguf"
    assert target.read_bytes() == CHAT_GGUF
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert f"Saved {target} (llama, " in out
    assert f"sha256 {hashlib.sha256(CHAT_GGUF).hexdigest()}" in out
    assert "Use it with: companion model use tiny-chat-Q4_K_M" in out
    assert leftovers() == ["tiny-chat-Q4_K_M.gguf"]  # no staging folder, no .cache metadata

    (asked,) = fake.metadata_calls
    assert asked["repo_id"] == "owner/tiny-GGUF" and asked["revision"] == "main"
    (call,) = fake.calls
    assert call["url"] == (
        "https://huggingface.co/owner/tiny-GGUF/resolve/main/Q4_K_M/tiny-chat-Q4_K_M.gguf"
    )
    assert call["headers"]["authorization"] == "Bearer hf_secret" and call["resume_size"] == 0
    assert call["expected_size"] == len(CHAT_GGUF)
    staging = Path(call["file"]).parent
    assert staging.parent == paths.models_dir() and not staging.exists()
    for name in ("HF_HOME", "HF_HUB_CACHE", "HF_XET_CACHE", "HF_TOKEN_PATH"):
        assert Path(fake.environ[name]).is_relative_to(companion_home), name
    assert "verified against the Hub's" in out
    assert fake.environ["HF_HUB_DISABLE_TELEMETRY"] == "1"
    assert fake.environ["HF_XET_TELEMETRY_ENABLED"] == "0"
    assert "HF_HOME" not in os.environ

    rows = json.loads(run("model", "list", "--json")[1])
    assert {"name": "tiny-chat-Q4_K_M", "path": str(target)}.items() <= rows[-1].items()
    code, out, _, _ = run("model", "use", "tiny-chat-Q4_K_M")
    assert code == 0 and "Chat now uses tiny-chat-Q4_K_M" in out


def test_without_hf_token_no_token_is_sent(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("HF_TOKEN", raising=False)
    fake = fake_hub(monkeypatch, FakeHub(CHAT_GGUF))
    assert run("model", "pull", "owner/repo", "tiny.gguf")[0] == 0
    assert "authorization" not in {k.lower() for k in fake.calls[0]["headers"]}


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"<html>Access denied</html>\n", "m.gguf is not a GGUF model file"),
        (gguf_bytes({"general.architecture": "llama"}), "m.gguf has no chat template"),
    ],
    ids=["text file", "base model"],
)
def test_a_download_that_is_not_a_chat_gguf_is_deleted(
    monkeypatch: pytest.MonkeyPatch, content: bytes, reason: str
) -> None:
    fake = fake_hub(monkeypatch, FakeHub(content))
    code, out, err, exception = run("model", "pull", "owner/repo", "m.gguf")
    assert fake.calls and code == 1 and isinstance(exception, SystemExit)
    assert err.startswith(f"Deleted the download: {reason}") and "Saved" not in out
    assert str(paths.models_dir()) not in err  # names the file, not the deleted staging path
    assert leftovers() == []
    rows = json.loads(run("model", "list", "--json")[1])
    assert [row["name"] for row in rows] == ["smollm2-135m"]
