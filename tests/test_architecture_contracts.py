"""The import-linter contracts in pyproject.toml hold (layer order, a headless core), and
importing every core module loads no Textual, Typer or Rich console (what the contracts cannot
name: import-linter forbids only whole external packages)."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# The headless packages and modules (docs/ARCHITECTURE.md), each only where it exists. Full
# dotted names, so that a folder move (the layout script) rewrites them with the imports.
CORE = (
    "companion.core.store",
    "companion.core.safety",
    "companion.core.llm",
    "companion.core.exercises",
    "companion.core.insights",
    "companion.core.flows",
    "companion.core.clock",
    "companion.core.config",
    "companion.core.paths",
    "companion.core.emotions",
    "companion.core.crash",
)


def _lint_imports() -> str:
    beside = Path(sys.executable).with_name("lint-imports")
    found = str(beside) if beside.exists() else shutil.which("lint-imports")
    assert found, "lint-imports is not installed (the dev group has import-linter)"
    return found


def test_import_linter_contracts_are_kept() -> None:
    result = subprocess.run(
        [_lint_imports(), "--no-cache", "--no-logo"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 broken" in result.stdout


def _core_module_names() -> list[str]:
    names = []
    for name in CORE:
        spec = importlib.util.find_spec(name)
        if spec is None:  # companion.core.flows, until it lands
            continue
        names.append(name)
        for folder in spec.submodule_search_locations or ():
            for file in sorted(Path(folder).rglob("*.py")):
                parts = file.relative_to(folder).with_suffix("").parts
                if parts[-1] == "__init__":
                    parts = parts[:-1]
                if parts:
                    names.append(".".join((name, *parts)))
    return names


def test_importing_every_core_module_loads_no_front_end_library() -> None:
    modules = _core_module_names()
    assert "companion.core.store.db" in modules and "companion.core.llm.session" in modules
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "print(sorted(m for m in ('textual', 'typer', 'rich.console') if m in sys.modules))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"
