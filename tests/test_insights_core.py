"""companion.core.insights stays headless: importing it loads neither Textual nor llama_cpp."""

from __future__ import annotations

import subprocess
import sys


def test_insights_never_imports_textual_or_the_model() -> None:
    code = (
        "import sys\n"
        "import companion.core.insights, companion.core.insights.questionnaires, companion.core.insights.trends\n"
        "import companion.core.insights.patterns, companion.core.insights.reminders\n"
        "import companion.core.insights.report, companion.core.insights.reflection\n"
        "import companion.core.insights.overview, companion.core.insights.sentences\n"
        "print(sorted(m for m in ('textual', 'llama_cpp', 'plotext') if m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
