"""The app's own CSS variables, read from theme.tcss and resolved against the current theme.

Textual sees a ``$variable`` only in the .tcss file that defines it; variables that every screen
and dialog can use have to come from ``App.get_css_variables``. ``with_theme_variables`` gives
that method the variables of theme.tcss, with references to Textual's colours (``$primary``)
replaced by the current theme's values, so they follow a theme switch.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from textual.css.tokenize import tokenize

THEME_PATH = Path(__file__).with_name("theme.tcss")


@cache
def _declarations() -> tuple[tuple[str, tuple[tuple[str, str], ...]], ...]:
    """Each ``$name: value;`` of theme.tcss as (name, ((token kind, text), ...))."""
    found: list[tuple[str, tuple[tuple[str, str], ...]]] = []
    name: str | None = None
    value: list[tuple[str, str]] = []
    for token in tokenize(THEME_PATH.read_text(encoding="utf-8"), (str(THEME_PATH), "")):
        if token.name == "variable_name":
            name, value = token.value[1:].rstrip(":").strip(), []
        elif token.name == "variable_value_end" and name is not None:
            found.append((name, tuple(value)))
            name = None
        elif name is not None:
            value.append((token.name, token.value))
    return tuple(found)


def with_theme_variables(variables: dict[str, str]) -> dict[str, str]:
    """``variables`` (Textual's, for the current theme) plus those of theme.tcss, resolved.

    A reference to a variable that neither defines raises KeyError: a typo fails at start-up,
    as Textual's own unresolved variables do.
    """
    resolved = dict(variables)
    for name, value in _declarations():
        text = "".join(
            resolved[part[1:]] if kind == "variable_ref" else part for kind, part in value
        )
        resolved[name] = text.strip()
    return resolved
