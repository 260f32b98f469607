"""Typed settings from config.toml, one documented field per option.

A missing file means defaults. An invalid file raises ``ConfigError`` whose message names the
file, the line and the problem; it is never a traceback. Environment variables
``COMPANION_<FIELD>`` (upper case) override the file, e.g. ``COMPANION_MODEL``.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

from companion.core import paths

ENV_PREFIX = "COMPANION_"


@dataclass(frozen=True)
class Settings:
    theme: str = "dark"
    """Colour theme of the TUI: "dark" or "light"."""

    model: str = ""
    """Model to chat with: a name from `companion model list` or a path to a GGUF file.
    Empty means the embedded SmolLM2-135M-Instruct."""

    n_ctx: int = 4096
    """Context window in tokens (prompt plus reply)."""

    n_threads: int = 0
    """CPU threads for the model; 0 means the number of physical cores."""

    temperature: float = 0.7
    """Sampling temperature for chat replies (0 = always the most likely word)."""

    max_reply_tokens: int = 400
    """The longest reply the model may write, in tokens."""

    country: str = ""
    """Two-letter country code for helplines (e.g. "GB"); empty means ask on first run."""

    assessment_reminder_days: int = 14
    """Days after the last PHQ-9/GAD-7 before a gentle reminder; 0 turns it off."""

    chat_break_minutes: int = 45
    """Minutes of chat before a gentle suggestion to take a break; 0 turns it off."""

    backups_keep: int = 7
    """How many daily backups to keep; 0 turns automatic backups off."""

    breathing_pattern: str = "4-4-4-4"
    """Default paced-breathing pattern (seconds in-hold-out-hold), e.g. "4-7-8"."""


class ConfigError(Exception):
    """An invalid config file; str() names the file, the line and the problem."""


_TYPES: dict[str, type] = {f.name: type(f.default) for f in fields(Settings)}
_CHOICES: dict[str, tuple[str, ...]] = {"theme": ("dark", "light")}
_RANGES: dict[str, tuple[float, float]] = {
    "n_ctx": (256, 1_048_576),
    "n_threads": (0, 1024),
    "temperature": (0.0, 2.0),
    "max_reply_tokens": (16, 32_768),
    "assessment_reminder_days": (0, 3650),
    "chat_break_minutes": (0, 1440),
    "backups_keep": (0, 365),
}


def field_docs() -> dict[str, str]:
    """Field name -> the docstring under it in ``Settings`` (for `companion config`).

    Read with ``ast``: each field is an annotated assignment followed by a string."""
    import ast
    from itertools import pairwise

    tree = ast.parse(Path(__file__).read_text(encoding="utf-8"))
    docs: dict[str, str] = {}
    for node in tree.body:
        if isinstance(node, ast.ClassDef) and node.name == "Settings":
            body = node.body
            for field_node, after in pairwise(body):
                if (
                    isinstance(field_node, ast.AnnAssign)
                    and isinstance(field_node.target, ast.Name)
                    and isinstance(after, ast.Expr)
                    and isinstance(after.value, ast.Constant)
                    and isinstance(after.value.value, str)
                ):
                    docs[field_node.target.id] = " ".join(after.value.value.split())
    return docs


def _line_of(text: str, key: str) -> int | None:
    for number, line in enumerate(text.splitlines(), start=1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    return None


def _coerce(name: str, value: Any) -> Any:
    expected = _TYPES[name]
    if expected is float and isinstance(value, int) and not isinstance(value, bool):
        value = float(value)
    if not isinstance(value, expected) or isinstance(value, bool) != (expected is bool):
        raise ValueError(f"{name} must be {_type_name(expected)}, not {value!r}")
    if name in _CHOICES and value not in _CHOICES[name]:
        raise ValueError(f"{name} must be one of {', '.join(_CHOICES[name])}, not {value!r}")
    if name in _RANGES:
        low, high = _RANGES[name]
        if not isinstance(value, int | float) or not low <= value <= high:
            raise ValueError(f"{name} must be between {low:g} and {high:g}, not {value!r}")
    return value


def _type_name(kind: type) -> str:
    return {str: "text in quotes", int: "a whole number", float: "a number", bool: "true or false"}[
        kind
    ]


def _from_env(name: str, raw: str) -> Any:
    expected = _TYPES[name]
    if expected is int:
        return int(raw)
    if expected is float:
        return float(raw)
    return raw


def load_settings(path: Path | None = None, *, environ: dict[str, str] | None = None) -> Settings:
    """Read config.toml (defaults when missing) and apply COMPANION_* overrides."""
    path = path or paths.config_file()
    environ = dict(os.environ) if environ is None else environ
    values: dict[str, Any] = {}
    text = ""
    if path.exists():
        try:
            text = path.read_text(encoding="utf-8")
            data = tomllib.loads(text)
        except UnicodeDecodeError:
            raise ConfigError(f"{path}: the file is not UTF-8 text.") from None
        except tomllib.TOMLDecodeError as error:
            raise ConfigError(f"{path}: {error}.") from None
        except OSError as error:
            raise ConfigError(f"{path}: cannot be read ({error.strerror}).") from None
        for key, value in data.items():
            line = _line_of(text, key)
            where = f"{path}, line {line}" if line else str(path)
            if key not in _TYPES:
                known = ", ".join(sorted(_TYPES))
                raise ConfigError(f"{where}: unknown setting {key!r} (known: {known}).")
            try:
                values[key] = _coerce(key, value)
            except ValueError as error:
                raise ConfigError(f"{where}: {error}.") from None
    for name in _TYPES:
        raw = environ.get(ENV_PREFIX + name.upper())
        if raw is None or (name == "country" and not raw):
            continue
        try:
            values[name] = _coerce(name, _from_env(name, raw))
        except ValueError as error:
            raise ConfigError(
                f"environment variable {ENV_PREFIX}{name.upper()}: {error}."
            ) from None
    return Settings(**values)


def set_config_value(name: str, value: Any, path: Path | None = None) -> None:
    """Change one setting in config.toml, keeping the rest of the file (and its comments)."""
    import tomlkit

    path = path or paths.config_file()
    if name not in _TYPES:
        raise ConfigError(f"unknown setting {name!r}.")
    value = _coerce(name, value)
    document = (
        tomlkit.parse(path.read_text(encoding="utf-8")) if path.exists() else tomlkit.document()
    )
    document[name] = value
    paths.write_private_text(path, tomlkit.dumps(document))
