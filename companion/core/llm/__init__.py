"""The local LLM: pick and load a GGUF model, render prompts, stream chat replies.

Headless (never imports Textual). The interface the rest of the app uses:

- ``ModelUnavailable``: raised with one sentence the person can act on.
- ``resolve_model(spec)`` -> ``ModelRef``: CLI flag > env COMPANION_MODEL > config > embedded.
- ``load_engine(spec, settings)`` -> a ``ChatBackend`` (backend.py: the in-process ``Engine``
  or a local server's ``RemoteEngine``) with ``stream_chat``, ``complete``, ``count_tokens``,
  ``name`` and ``n_ctx``.
- ``load_prompt(name)`` / ``render_prompt(name, **variables)`` for the templates in prompts/.
"""

from companion.core.llm.engine import ContextOverflow, Engine, GenerationStats, load_engine
from companion.core.llm.errors import ModelUnavailable
from companion.core.llm.models import ModelRef, resolve_model
from companion.core.llm.prompts import PromptError, load_prompt, prompt_names, render_prompt

__all__ = [
    "ContextOverflow",
    "Engine",
    "GenerationStats",
    "ModelRef",
    "ModelUnavailable",
    "PromptError",
    "load_engine",
    "load_prompt",
    "prompt_names",
    "render_prompt",
    "resolve_model",
]
