"""The core stays headless: store, llm, exercises, safety and insights never import Textual."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

CORE = ("store", "llm", "exercises", "safety", "insights")
PACKAGE = Path(__file__).resolve().parents[1] / "companion"


def test_core_sources_do_not_import_textual() -> None:
    offenders = []
    for name in CORE:
        for file in (PACKAGE / name).rglob("*.py"):
            tree = ast.parse(file.read_text(encoding="utf-8"))
            for node in ast.walk(tree):
                modules = []
                if isinstance(node, ast.Import):
                    modules = [alias.name for alias in node.names]
                elif isinstance(node, ast.ImportFrom) and node.module:
                    modules = [node.module]
                if any(
                    m == "textual" or m.startswith(("textual.", "companion.tui")) for m in modules
                ):
                    offenders.append(f"{file.relative_to(PACKAGE)}:{getattr(node, 'lineno', 0)}")
    assert offenders == []


def test_importing_the_core_loads_no_textual() -> None:
    modules = [f"companion.{name}" for name in CORE if (PACKAGE / name).exists()]
    code = (
        "import sys\n"
        + "".join(f"import {m}\n" for m in modules)
        + "print('textual' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
