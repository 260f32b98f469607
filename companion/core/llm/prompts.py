"""Prompt templates: plain text files in prompts/, overridable per user.

A template is ``prompts/NAME.txt`` in the source tree, or ``companion/_prompts/NAME.txt`` in an
installed wheel. A same-named file in ``companion.core.paths.prompts_override_dir()`` wins.
Variables are written ``{name}`` (``str.format_map``); literal braces are doubled ``{{ }}``.
"""

from __future__ import annotations

from pathlib import Path

from companion.core import paths

SUFFIX = ".txt"


class PromptError(KeyError):
    """Unknown prompt name or a missing template variable; str() says which."""

    def __str__(self) -> str:
        return str(self.args[0]) if self.args else "prompt error"


def builtin_dir() -> Path:
    """The shipped templates: repo ``prompts/`` in a checkout, ``companion/_prompts`` installed."""
    return paths.prompts_builtin_dir()


def prompt_names() -> list[str]:
    """Names of every shipped or overriding template."""
    names = {p.stem for p in builtin_dir().glob(f"*{SUFFIX}")}
    override = paths.prompts_override_dir()
    if override.is_dir():
        names |= {p.stem for p in override.glob(f"*{SUFFIX}")}
    return sorted(names)


def prompt_path(name: str) -> Path:
    """The file that supplies ``name``: the user's override if present, else the shipped one."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        raise PromptError(f"{name!r} is not a prompt name.")
    override = paths.prompts_override_dir() / f"{name}{SUFFIX}"
    if override.is_file():
        return override
    shipped = builtin_dir() / f"{name}{SUFFIX}"
    if shipped.is_file():
        return shipped
    raise PromptError(f"There is no prompt named {name!r} (known: {', '.join(prompt_names())}).")


def is_overridden(name: str) -> bool:
    return (paths.prompts_override_dir() / f"{name}{SUFFIX}").is_file()


def load_prompt(name: str) -> str:
    """The template text of ``name`` (override first), without a trailing newline."""
    return prompt_path(name).read_text(encoding="utf-8").rstrip("\n")


def render_prompt(name: str, **variables: object) -> str:
    """The template ``name`` with ``{variables}`` filled in; a missing one raises PromptError."""
    template = load_prompt(name)
    try:
        return template.format_map({k: str(v) for k, v in variables.items()})
    except KeyError as error:
        raise PromptError(f"Prompt {name!r} needs the variable {error.args[0]!r}.") from None
    except (ValueError, IndexError) as error:
        raise PromptError(f"Prompt {name!r} is not a valid template ({error}).") from None
