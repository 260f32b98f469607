"""Model files and chat templates that used to hang or eat memory: each is refused at once
with one sentence, and the app stays quittable while a model loads."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.cli import app
from companion.llm import ModelUnavailable
from companion.llm.gguf import MAX_ARRAY_ITEMS, check_gguf, read_gguf
from companion.llm.jinja_render import BoundedFormatter, TemplateTooCostly, check_isolated
from tests.gguf_helpers import gguf_bytes, gguf_with_array

runner = CliRunner()
GOOD = (
    "{% for m in messages %}<|{{ m['role'] }}|>{{ m['content'] }}\n{% endfor %}"
    "{% if add_generation_prompt %}<|assistant|>{% endif %}"
)


@pytest.fixture
def fifo(tmp_path: Path) -> Path:
    path = tmp_path / "model.gguf"
    os.mkfifo(path)
    return path


def test_a_fifo_is_refused_without_blocking(fifo: Path) -> None:
    with pytest.raises(ModelUnavailable, match="not a regular file"):
        read_gguf(fifo)
    for command in (["model", "add", str(fifo)], ["model", "info", str(fifo)]):
        result = runner.invoke(app, command)
        assert result.exit_code == 1, command
        assert "not a regular file" in " ".join(result.stderr.split())


def test_chat_and_doctor_with_a_fifo_as_the_model_say_so(
    fifo: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COMPANION_MODEL", str(fifo))
    result = runner.invoke(app, ["chat", "--message", "hello"])
    assert result.exit_code != 0 and "not a regular file" in " ".join(result.output.split())
    result = runner.invoke(app, ["doctor"])
    assert result.exit_code == 1 and "not a regular file" in " ".join(result.stdout.split())


def test_a_huge_array_is_refused_at_once_and_a_large_one_skipped(tmp_path: Path) -> None:
    path = tmp_path / "big.gguf"
    path.write_bytes(gguf_with_array("tokenizer.ggml.scores", 60_000_000))
    start = time.monotonic()
    with pytest.raises(ModelUnavailable, match="array of 60,000,000 items"):
        read_gguf(path)
    assert time.monotonic() - start < 5  # was past 60 s; not a benchmark, a hang guard
    numbers = MAX_ARRAY_ITEMS // 2
    path.write_bytes(gguf_with_array("x.scores", numbers) + b"\0" * (numbers * 4))
    assert read_gguf(path).array_lengths["x.scores"] == numbers


def test_nested_arrays_are_one_sentence(tmp_path: Path) -> None:
    path = tmp_path / "nested.gguf"
    path.write_bytes(gguf_with_array("general.tags", 1, nested=True))
    with pytest.raises(ModelUnavailable, match="array of arrays"):
        read_gguf(path)


@pytest.mark.parametrize(
    ("template", "problem"),
    [
        (
            "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
            "loop too long",
        ),
        ("{{ 'A'*3000000000 }}", "build too much"),
        ("{{ 'A'|center(3000000000) }}", "build too much"),
        (
            "{% set s = 'x'*1000000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}",
            "longer than 5 seconds",
        ),
        ("{% macro f(n) %}{{ f(n+1) }}{% endmacro %}{{ f(0) }}", "recurses too deeply"),
        ("{% for %}", "is not valid Jinja"),
    ],
)
def test_a_costly_or_broken_template_is_refused_at_add_and_load(
    tmp_path: Path, template: str, problem: str
) -> None:
    path = tmp_path / "t.gguf"
    path.write_bytes(
        gguf_bytes({"general.architecture": "llama", "tokenizer.chat_template": template})
    )
    assert read_gguf(path).chat_template == template  # reading the header is fine
    with pytest.raises(ModelUnavailable, match=problem):
        check_gguf(path)  # model add, model use and every load call this
    result = runner.invoke(app, ["model", "add", str(path)])
    assert result.exit_code == 1 and problem in " ".join(result.stderr.split())


def test_a_good_template_passes_and_renders_as_before() -> None:
    assert check_isolated(GOOD) is None
    prompt = BoundedFormatter(GOOD).render([{"role": "user", "content": "hi"}])
    assert prompt == "<|user|>hi\n<|assistant|>"


@pytest.mark.parametrize(
    "template",
    [
        "{% for i in range(1000) %}{% for j in range(1000) %}{% for k in range(1000) %}"
        "{% endfor %}{% endfor %}{% endfor %}",
        "{{ 'A' * 3000000000 }}",
        "{{ '%3000000000s' % 'a' }}",
        "{% for m in messages %}{{ m['content'] * 5000000 }}{% endfor %}",
    ],
)
def test_in_process_renders_are_bounded_too(template: str) -> None:
    with pytest.raises(TemplateTooCostly):
        BoundedFormatter(template).render([{"role": "user", "content": "hi"}])
