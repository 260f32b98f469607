"""`companion model pull REPO FILE`: the app's only network operation, run by the person.

Downloads a GGUF chat model from Hugging Face (the optional `pull` extra, huggingface_hub) with a
progress bar, into a staging folder next to the models that is keyed by repository, file and
revision. An interrupted download keeps its partial file there and the same command resumes it
with an HTTP Range request. The file is checked against the sha256 the Hub lists for it, then as
a GGUF chat model, and moved into the models dir with one rename.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import shlex
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Annotated, Any
from urllib.parse import urlsplit

import typer

from companion.ui.cli._common import console, err_console, fail, literal

# huggingface_hub and hf_xet read these when imported or when downloading: no telemetry, no
# update check, and every folder they use (cache, xet chunks and logs, token files, locks) inside
# the per-download staging folder, never ~/.cache/huggingface.
_HUB_QUIET = {
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "DO_NOT_TRACK": "1",
    "HF_XET_TELEMETRY_ENABLED": "0",
    "HF_HUB_DISABLE_UPDATE_CHECK": "1",
}
_HUB_FOLDERS = {
    "HF_HOME": "",
    "HF_HUB_CACHE": "hub",
    "HF_ASSETS_CACHE": "assets",
    "HF_XET_CACHE": "xet",
    "HF_TOKEN_PATH": "token",
    "HF_STORED_TOKENS_PATH": "stored_tokens",
}
_PULL_HINT = (
    "Downloading needs the optional `pull` extra (huggingface_hub): "
    "`pip install 'companion[pull]'`, or `uv run --extra pull companion model pull REPO FILE` "
    "in a checkout."
)
_ONLY_NETWORK = "this is the only command that uses the network"
_DISK_FULL = {errno.ENOSPC, getattr(errno, "EDQUOT", errno.ENOSPC)}


@contextmanager
def _hub_environment(home: Path) -> Iterator[None]:
    """Set the environment above for the download and put the previous values back after."""
    values = {**_HUB_QUIET, **{key: str(home / sub) for key, sub in _HUB_FOLDERS.items()}}
    previous = {key: os.environ.get(key) for key in values}
    os.environ.update(values)
    try:
        yield
    finally:
        for key, value in previous.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def _hub_host() -> str:
    endpoint = os.environ.get("HF_ENDPOINT", "").strip() or "https://huggingface.co"
    return urlsplit(endpoint).hostname or endpoint


def _causes(error: BaseException) -> list[BaseException]:
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def _download_problem(error: Exception, repo: str, filename: str, folder: Path) -> str:
    """One sentence for a failed download: what the Hub answered, or why it could not be asked."""
    from huggingface_hub import errors as hub

    host = _hub_host()
    chain = _causes(error)
    if any(isinstance(e, hub.OfflineModeIsEnabled) for e in chain):
        return "HF_HUB_OFFLINE is set, so nothing can be downloaded: unset it and try again."
    if isinstance(error, hub.HFValidationError):
        return f"{repo!r} is not a repository id: use owner/name, as shown on the model page."
    if isinstance(error, hub.GatedRepoError):
        return (
            f"{repo} is gated: accept its terms on https://{host}/{repo}, set HF_TOKEN to an "
            "access token and try again."
        )
    if isinstance(error, hub.RepositoryNotFoundError):
        return (
            f"There is no repository {repo!r} on {host} (or it is private): check the "
            "owner/name on the model page."
        )
    if isinstance(error, hub.EntryNotFoundError) and not isinstance(
        error, hub.LocalEntryNotFoundError
    ):
        return (
            f"{repo} has no file {filename!r}: copy the exact .gguf name from the Files tab of "
            "the model page."
        )
    for cause in chain:
        if isinstance(cause, hub.HfHubHTTPError):
            status = getattr(getattr(cause, "response", None), "status_code", None)
            if status in (401, 403):
                return (
                    f"{host} refused access to {repo} (HTTP {status}): if it needs an account, "
                    "set HF_TOKEN to an access token and try again."
                )
            answer = f" (HTTP {status})" if status else ""
            return f"{host} answered with an error{answer}: try again later."
        if isinstance(cause, OSError) and cause.errno in _DISK_FULL:
            return (
                f"There is not enough disk space in {folder} for {filename}: free some space "
                "and try again."
            )
        if isinstance(cause, OSError) and cause.filename is not None:
            return f"Could not save {filename} in {folder}: {cause.strerror}."
    root = chain[-1]
    reason = (str(root).strip().rstrip(".") or type(root).__name__)[:160]
    if any(isinstance(e, OSError) for e in chain):  # sockets, DNS, TLS, timeouts
        what = f"Could not reach {host}"
    else:
        what = f"Could not download {filename} from {host}"
    return f"{what} ({reason}): check your connection and try again ({_ONLY_NETWORK})."


def _check_reachable() -> None:
    """Fail at once when the Hub's name does not resolve (offline): huggingface_hub would
    otherwise retry for about 20 seconds, printing a line each time, before giving up."""
    import socket

    host = _hub_host()
    try:
        socket.getaddrinfo(host, 443, type=socket.SOCK_STREAM)
    except Exception as error:  # socket.gaierror offline; anything else: the same for a person
        reason = (str(error).strip().rstrip(".") or type(error).__name__)[:160]
        fail(
            f"Could not reach {host} ({reason}): check your connection and try again "
            f"({_ONLY_NETWORK})."
        )


@dataclass(frozen=True)
class RemoteFile:
    """What the Hub says about the file before the download: where, how big, which content."""

    url: str
    size: int | None
    sha256: str | None  # from the file's LFS metadata; None when the Hub gives none
    blob_id: str  # the git object id: a different one means different content

    @property
    def identity(self) -> str:
        return self.sha256 or self.blob_id


def _endpoint() -> str | None:
    return os.environ.get("HF_ENDPOINT", "").strip() or None


def remote_file(repo: str, filename: str, revision: str, token: str | bool) -> RemoteFile:
    """Ask the Hub for the file's size and sha256 (errors are the library's own exceptions)."""
    from huggingface_hub import HfApi, hf_hub_url
    from huggingface_hub import errors as hub

    api = HfApi(endpoint=_endpoint(), token=token)
    entries = api.get_paths_info(repo, [filename], revision=revision)
    found = [e for e in entries if getattr(e, "path", None) == filename and hasattr(e, "blob_id")]
    if not found:
        raise hub.EntryNotFoundError(f"{filename} is not in {repo}")
    entry: Any = found[0]
    url = hf_hub_url(repo, filename, revision=revision, endpoint=_endpoint())
    lfs = entry.lfs
    return RemoteFile(url, entry.size, lfs.sha256 if lfs is not None else None, entry.blob_id)


def staging_dir(folder: Path, repo: str, filename: str, revision: str) -> Path:
    """The same folder for every attempt at the same file, so a retry finds the partial file."""
    key = hashlib.sha256(f"{repo}\n{filename}\n{revision}".encode()).hexdigest()[:16]
    return folder / f".pull-{key}"


def _prepare_partial(staging: Path, remote: RemoteFile) -> Path:
    """The partial file to continue, emptied when the Hub's file changed since it was begun."""
    from companion.core import paths

    part = staging / "download.part"
    record = staging / "source.json"
    try:
        previous = json.loads(record.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        previous = {}
    if previous.get("identity") != remote.identity or previous.get("size") != remote.size:
        part.unlink(missing_ok=True)
    paths.write_private_text(record, json.dumps({**asdict(remote), "identity": remote.identity}))
    return part


def _file_sha256(path: Path) -> str:
    from companion.core.llm.models import sha256

    return sha256(path)


def after_pull(target: Path, digest: str) -> None:
    """Run the fitness check on the new model and store its result under the file's SHA-256,
    so the features it can serve are known before it is first used."""
    from companion.core.flows.fitness import run_fitness_check
    from companion.core.llm import ModelUnavailable, load_engine
    from companion.ui.cli._common import store

    console.print(literal("Running the fitness check on it (offline probes, a minute or more) ..."))
    try:
        engine = load_engine(str(target))
    except ModelUnavailable as error:
        err_console.print(literal(f"The fitness check could not load the model: {error}"))
        return
    try:
        with store() as db:
            report = run_fitness_check(engine, db=db, sha256=digest)
    finally:
        engine.close()
    for name, ok in report.passed.items():
        console.print(literal(f"  {name}: {'passed' if ok else 'not passed'}"))


def pull(
    repo: Annotated[str, typer.Argument(help="Hugging Face repository, e.g. owner/name-GGUF.")],
    filename: Annotated[str, typer.Argument(help="The .gguf file in that repository.")],
    revision: Annotated[
        str, typer.Option(help="Branch, tag or commit of the repository.")
    ] = "main",
) -> None:
    """Download a GGUF chat model from Hugging Face into the models dir, with a progress bar;
    an interrupted download resumes when run again (the only network operation in the app;
    needs the `pull` extra)."""
    from companion.core import paths
    from companion.core.llm import ModelUnavailable
    from companion.core.llm.gguf import check_gguf

    wanted = PurePosixPath(filename)
    if wanted.suffix.lower() != ".gguf" or wanted.is_absolute() or ".." in wanted.parts:
        fail(
            f"{filename!r} is not a .gguf file: give the exact GGUF file name from the Files tab "
            "of the model page, e.g. Qwen2.5-1.5B-Instruct-Q4_K_M.gguf."
        )
    folder = paths.ensure_private_dir(paths.models_dir())
    target = folder / wanted.name
    if target.exists() or target.is_symlink():
        fail(
            f"A model named {target.stem!r} is already in {folder}: use it with "
            f"`companion model use {shlex.quote(target.stem)}`, or delete it to download it again."
        )
    # A private folder next to the models, so the finished file is moved in with one rename and
    # nothing partial is ever among the models; kept while a partial download can be resumed.
    staging = paths.ensure_private_dir(staging_dir(folder, repo, filename, revision))
    earlier = staging / "download.part"
    # A part from an earlier attempt survives this one failing too (offline, say); only a
    # finished, rejected or emptied download is cleared away.
    keep = earlier.exists() and earlier.stat().st_size > 0
    try:
        with _hub_environment(staging / "huggingface"):
            try:
                from huggingface_hub import file_download
                from huggingface_hub.utils import build_hf_headers  # type: ignore[attr-defined]
            except ImportError:
                fail(_PULL_HINT)
            console.print(literal(f"Downloading {filename} from {_hub_host()}/{repo} ..."))
            _check_reachable()
            # Only a token given for this command is sent (for gated repositories).
            token: str | bool = os.environ.get("HF_TOKEN", "").strip() or False
            try:
                remote = remote_file(repo, filename, revision, token)
            except KeyboardInterrupt:
                if keep:
                    fail("Download paused: run the same command again to resume it.", 130)
                fail("Download cancelled: nothing was saved.", 130)
            except Exception as error:
                fail(_download_problem(error, repo, filename, folder))
            part = _prepare_partial(staging, remote)
            have = part.stat().st_size if part.exists() else 0
            keep = have > 0
            if have:
                total = f" of {_mb(remote.size)}" if remote.size else ""
                console.print(literal(f"Resuming from {_mb(have)}{total} downloaded before."))
            try:
                with part.open("ab") as out:
                    paths.make_private(part)
                    file_download.http_get(
                        remote.url,
                        out,
                        resume_size=have,
                        headers=build_hf_headers(token=token),
                        expected_size=remote.size,
                        displayed_filename=wanted.name,
                    )
            except KeyboardInterrupt:
                keep = part.exists() and part.stat().st_size > 0
                if keep:
                    fail("Download paused: run the same command again to resume it.", 130)
                fail("Download cancelled: nothing was saved.", 130)
            except Exception as error:
                keep = part.exists() and part.stat().st_size > 0
                problem = _download_problem(error, repo, filename, folder)
                if keep:
                    done = _mb(part.stat().st_size)
                    problem = (
                        f"{problem.rstrip('.')}; the {done} downloaded so far are kept and the "
                        "same command resumes from there."
                    )
                fail(problem)
        digest = _file_sha256(part)
        keep = False  # from here the download is either saved or rejected
        if remote.sha256 is not None and digest != remote.sha256:
            fail(
                f"Deleted the download: {filename} does not match the sha256 the Hub lists for "
                f"it ({remote.sha256[:16]}..., got {digest[:16]}...); run the command again."
            )
        try:
            info = check_gguf(part)
        except ModelUnavailable as error:
            reason = str(error).replace(str(part), filename).rstrip(".")
            fail(f"Deleted the download: {reason}.")
        os.replace(part, target)
    except OSError as error:
        fail(f"Could not save {filename} in {folder}: {error.strerror}.")
    finally:
        if not keep:
            shutil.rmtree(staging, ignore_errors=True)
    paths.make_private(target)
    verified = "verified against the Hub's" if remote.sha256 else "(the Hub lists none to check)"
    console.print(
        literal(
            f"Saved {target} ({info.architecture}, {info.quantization}, {_mb(info.file_size)}), "
            f"sha256 {digest} {verified}."
        )
    )
    after_pull(target, digest)
    console.print(literal(f"Use it with: companion model use {shlex.quote(target.stem)}"))


def _mb(value: int | None) -> str:
    size = value or 0
    return f"{size / 1024**2:,.0f} MB" if size >= 1024**2 else f"{size / 1024:,.0f} KB"
