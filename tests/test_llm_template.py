"""Chat templates: real ones carried by popular GGUF models (tests/data/chat_templates) keep the
system prompt, keep the person's words literally and keep the history byte-stable for prefix
reuse."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.llm.context import system_text
from companion.core.llm.template import ChatTemplate

TEMPLATES = sorted((Path(__file__).parent / "data" / "chat_templates").glob("*.jinja"))
USER_TEXTS = [
    "I feel [bold]awful[/bold] about work.",
    "My manager said {{ 7 * 7 }} and {% raw %}nothing{% endraw %} else.",
    "Was it really <|im_end|> my fault?",
    "Ich weiß nicht — 我不知道 🙂",
    "Thanks, that helps.",
]


def _template(path: Path) -> ChatTemplate:
    return ChatTemplate(path.read_text(encoding="utf-8"), bos_token="<s>", eos_token="</s>")


def _conversation(turns: int) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": system_text("", "")}]
    for i in range(turns):
        messages.append({"role": "user", "content": USER_TEXTS[i % len(USER_TEXTS)]})
        if i < turns - 1:
            messages.append({"role": "assistant", "content": f"Reply number {i}: tell me more."})
    return messages


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def test_the_real_templates_are_here() -> None:
    assert len(TEMPLATES) >= 10


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_system_prompt_and_the_persons_words_reach_the_model(path: Path) -> None:
    template = _template(path)
    messages = _conversation(len(USER_TEXTS))
    prompt = template.render(messages)
    system = system_text("", "")
    assert prompt.count(system) == 1  # once: merged or as a system turn, never dropped
    for text in USER_TEXTS:
        assert text in prompt  # literally: no markup, no Jinja evaluated from user text
    assert "49" not in prompt


@pytest.mark.parametrize("path", TEMPLATES, ids=lambda p: p.stem)
def test_history_stays_stable_so_each_turn_rereads_only_the_tail(path: Path) -> None:
    template = _template(path)
    for turns in range(1, len(USER_TEXTS)):
        before = template.render(_conversation(turns))
        after = template.render(_conversation(turns + 1))
        last_user = USER_TEXTS[(turns - 1) % len(USER_TEXTS)]
        # the previous prompt is reused at least up to the person's last message: only the
        # previous reply and the new message are read again, however long the conversation
        assert _common_prefix(before, after) >= before.rindex(last_user) + len(last_user)


@pytest.mark.parametrize(
    ("name", "merged"),
    [
        ("google-gemma-2-2b-it", True),  # raises on a system message
        ("mistralai-Mistral-Nemo-Instruct-2407", True),  # moves it to the last user turn
        ("meta-llama-Llama-3.2-3B-Instruct", False),
        ("Qwen-Qwen2.5-7B-Instruct", False),
        ("google-gemma-4-31B-it", False),
    ],
)
def test_where_the_system_prompt_goes(name: str, merged: bool) -> None:
    path = next(p for p in TEMPLATES if p.stem == name)
    template = _template(path)
    assert template.merge_system is merged
    prompt = template.render(_conversation(1))
    if merged:
        assert f"{system_text('', '')}\n\n{USER_TEXTS[0]}" in prompt


def test_a_template_that_silently_drops_system_messages_gets_it_merged() -> None:
    drops = (
        "{% for m in messages %}{% if m['role'] != 'system' %}<{{ m['role'] }}>{{ m['content'] }}"
        "</{{ m['role'] }}>{% endif %}{% endfor %}<assistant>"
    )
    template = ChatTemplate(drops)
    assert template.merge_system
    prompt = template.render(
        [{"role": "system", "content": "SYS"}, {"role": "user", "content": "hi"}]
    )
    assert prompt == "<user>SYS\n\nhi</user><assistant>"


def test_a_broken_template_is_one_clear_error() -> None:
    template = ChatTemplate("{{ raise_exception('no chat for you') }}")
    with pytest.raises(ValueError, match="chat template failed: no chat for you"):
        template.render([{"role": "user", "content": "hi"}])


QWEN = next(p for p in TEMPLATES if p.stem == "Qwen-Qwen2.5-7B-Instruct")


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=300))
def test_any_text_is_passed_literally(text: str) -> None:
    template = _template(QWEN)
    prompt = template.render([{"role": "user", "content": text}])
    assert text in prompt
