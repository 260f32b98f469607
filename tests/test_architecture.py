"""The core stays headless: store, llm, exercises, safety, insights and flows never import
Textual."""

from __future__ import annotations

import ast
import importlib.util
import subprocess
import sys
from pathlib import Path

# Full dotted names (docs/ARCHITECTURE.md), so that a folder move rewrites them with the imports.
CORE = (
    "companion.core.store",
    "companion.core.llm",
    "companion.core.exercises",
    "companion.core.safety",
    "companion.core.insights",
    "companion.core.flows",
)
TUI = "companion.ui.tui"
PACKAGE = Path(__file__).resolve().parents[1] / "companion"


def _present() -> list[str]:
    """The core packages that exist (companion.core.flows arrives from another branch)."""
    return [name for name in CORE if importlib.util.find_spec(name) is not None]


def _folder(name: str) -> Path:
    spec = importlib.util.find_spec(name)
    assert spec is not None and spec.submodule_search_locations, name
    return Path(next(iter(spec.submodule_search_locations)))


def test_core_sources_do_not_import_textual() -> None:
    offenders = []
    files = [file for name in _present() for file in _folder(name).rglob("*.py")]
    assert len(files) > 50  # the packages were found
    for file in files:
        tree = ast.parse(file.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            modules = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                modules = [node.module]
            if any(m == "textual" or m.startswith(("textual.", TUI)) for m in modules):
                offenders.append(f"{file.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}")
    assert offenders == []


def test_importing_the_core_loads_no_textual() -> None:
    modules = _present()
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
