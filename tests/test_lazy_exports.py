"""The lazy package exports (companion.core._lazy): a name loads its module on first use only."""

from __future__ import annotations

import subprocess
import sys

import pytest

CHECK = """
import sys
import companion.core.insights as insights, companion.core.safety as safety
assert "companion.core.safety.detect" not in sys.modules
assert "companion.core.insights.sentences" not in sys.modules
from companion.core.safety import detect_crisis
from companion.core.safety.detect import detect_crisis as defined
assert detect_crisis is defined and safety.detect_crisis is defined
assert insights.EMPTY_MESSAGE and "companion.core.insights.sentences" in sys.modules
"""


def test_names_load_their_module_on_first_use() -> None:
    done = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_an_unknown_name_is_an_attribute_error() -> None:
    import companion.core.safety as safety

    with pytest.raises(AttributeError, match="has no attribute 'nope'"):
        _ = safety.nope
