"""The module ``__getattr__`` that core packages use to import their public names on first use.

``companion today`` and ``companion sos`` must start without loading every module of insights or
the crisis rules, so ``companion.core.insights`` and ``companion.core.safety`` name what they
export and import the defining module only when a name is first read.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_attributes(package: str, modules: Mapping[str, str]) -> Callable[[str], Any]:
    """A module ``__getattr__`` for ``package``: ``modules`` maps each public name to the
    submodule that defines it; the value is imported once, then kept on the package."""

    def __getattr__(name: str) -> Any:
        module = modules.get(name)
        if module is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        value = getattr(importlib.import_module(f"{package}.{module}"), name)
        setattr(sys.modules[package], name, value)
        return value

    return __getattr__
