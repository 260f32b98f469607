"""companion.insights stays headless: importing it loads neither Textual nor llama_cpp."""

from __future__ import annotations

import subprocess
import sys


def test_insights_never_imports_textual_or_the_model() -> None:
    code = (
        "import sys\n"
        "import companion.insights, companion.insights.questionnaires, companion.insights.trends\n"
        "import companion.insights.patterns, companion.insights.reminders\n"
        "import companion.insights.report, companion.insights.reflection\n"
        "import companion.insights.overview, companion.insights.sentences\n"
        "print(sorted(m for m in ('textual', 'llama_cpp', 'plotext') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
