"""A model's chat template (Jinja, from the GGUF metadata): render a conversation as prompt text.

Two things make a template good or bad for a long conversation on a small machine:

- the system prompt must reach the model: some templates refuse a system message (Gemma 2
  raises) or drop it, so it is merged into the first user turn instead;
- the rendered history must stay byte-stable from one turn to the next, so llama.cpp re-reads
  only the new tail (prefix reuse). Some templates move the system prompt to the *last* user
  turn (Mistral Nemo), which would make every turn re-read the whole conversation; merging it
  into the first user turn keeps the history stable.

Templates that add a thinking preamble to the generation prompt (Gemma 4, Qwen 3.5,
DeepSeek R1) diverge only at the previous reply, so each turn re-reads one reply, not the
conversation: that is accepted.
"""

from __future__ import annotations

from collections.abc import Sequence

Messages = Sequence[dict[str, str]]

_SYSTEM = "SYSTEM-PROBE-7431"
_FIRST = "USER-PROBE-1"


class ChatTemplate:
    """Renders messages with a model's Jinja chat template (with the generation prompt)."""

    def __init__(self, template: str, *, bos_token: str = "", eos_token: str = "") -> None:
        # Rendered as llama-cpp-python's Jinja2ChatFormatter does, within cost bounds (a
        # template is code from a downloaded file: see companion.core.llm.jinja_render).
        from companion.core.llm.jinja_render import BoundedFormatter

        self._formatter = BoundedFormatter(template, bos_token=bos_token, eos_token=eos_token)
        self.merge_system = not self._system_kept_stably()

    def _raw(self, messages: Messages) -> str:
        return self._formatter.render(messages)

    def _system_kept_stably(self) -> bool:
        """Whether a system message is rendered, and rendered where it keeps history stable."""
        system = {"role": "system", "content": _SYSTEM}
        first = {"role": "user", "content": _FIRST}
        later = [{"role": "assistant", "content": "REPLY-PROBE"}, {"role": "user", "content": "U2"}]
        try:
            one = self._raw([system, first])
            two = self._raw([system, first, *later])
        except Exception:
            return False
        if _SYSTEM not in one or _SYSTEM not in two:
            return False
        if _FIRST not in one:  # an odd template: the system message is at least rendered
            return True
        # the turn-2 prompt must start like the turn-1 prompt at least up to the first message
        return two[: one.index(_FIRST) + len(_FIRST)] == one[: one.index(_FIRST) + len(_FIRST)]

    def prepare(self, messages: Messages) -> list[dict[str, str]]:
        """The messages as the template needs them (system merged into the first user turn
        for templates that refuse, drop or move it)."""
        prepared = [dict(m) for m in messages]
        if not self.merge_system or not prepared or prepared[0]["role"] != "system":
            return prepared
        system = prepared.pop(0)["content"]
        for message in prepared:
            if message["role"] == "user":
                message["content"] = f"{system}\n\n{message['content']}"
                return prepared
        return [{"role": "user", "content": system}, *prepared]

    def render(self, messages: Messages) -> str:
        """The prompt text for ``messages`` with the generation prompt appended."""
        try:
            return self._raw(self.prepare(messages))
        except Exception as error:
            raise ValueError(f"the model's chat template failed: {error}") from None
