"""Test helpers for the fitness gates (companion.core.llm.fitness)."""

from __future__ import annotations

import pytest


def allow_model_features(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let every model-written feature use the model (a test of what the model's answer does:
    the shipped result for the embedded model would otherwise gate them to their fallbacks)."""
    from companion.core.llm.fitness import Gate

    monkeypatch.setattr("companion.core.llm.fitness.feature_gate", lambda *_: Gate(True, True, ""))
