"""What makes the crisis check cheap to start (for `companion journal add`) changes no answer:
the learned layer reads its weights' rows straight from the mapped file, the prefilter files its
triggers under stored pieces, and the journal path leaves the chat-only modules unimported.
Speed itself is measured in bench/startup.py, never here."""

from __future__ import annotations

import json
import math
import operator
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from companion.core.safety.learned import model
from companion.core.safety.learned.features import N_FEATURES, features_of_norm
from companion.core.safety.normalize import normalize
from companion.core.safety.rules import lazy, triggers

DATA = Path(__file__).parent / "data" / "safety"
K = len(model.CLASSES)


def _texts() -> list[str]:
    lines = (DATA / "short_messages_a.txt").read_text(encoding="utf-8").splitlines()
    texts = [line for line in lines if line.strip()][:80]
    return [*texts, " ".join(texts), "", "a", "x" * 300]


def _whole_file(head: str) -> array[int]:
    weights = array("h", (Path(model.__file__).parent / model.weights_file(head)).read_bytes())
    if sys.byteorder != "little":
        weights.byteswap()
    return weights


@pytest.mark.parametrize("head", model.HEADS)
def test_the_rows_read_from_the_map_are_the_files_rows(head: str) -> None:
    loaded = model._model().heads[head]  # type: ignore[union-attr]
    weights = _whole_file(head)
    assert len(weights) == N_FEATURES * K
    indices = [0, 1, 12345, N_FEATURES - 1, 7, 12345]
    expected = [w for i in indices for w in weights[i * K : i * K + K]]
    assert list(loaded.rows(indices)) == expected
    assert list(loaded.rows([])) == []


@pytest.mark.parametrize("head", model.HEADS)
def test_probabilities_are_those_of_the_whole_file_read_into_columns(head: str) -> None:
    """The reference is how the layer computed them when it read the whole file (one array per
    class): the same products summed in the same order, so the same floats, bit for bit."""
    loaded = model._model().heads[head]  # type: ignore[union-attr]
    weights = _whole_file(head)
    columns = [weights[c::K] for c in range(K)]
    for text in _texts():
        norm = normalize(text)
        indices, values = features_of_norm(norm, loaded.chars)
        logits = [
            b + s * sum(map(operator.mul, map(col.__getitem__, indices), values))
            for col, s, b in zip(columns, loaded.scale, loaded.bias, strict=True)
        ]
        exps = [math.exp(v - max(logits)) for v in logits]
        assert loaded.probabilities(norm) == [e / sum(exps) for e in exps]


def test_the_stored_pieces_are_current() -> None:
    """trigger_pieces.json is what the stored triggers give (rerun
    `python bench/safety_speed.py --write-triggers` after editing a rule)."""
    table = json.loads(lazy.TRIGGERS_FILE.read_text(encoding="utf-8"))
    pieces = json.loads(lazy.PIECES_FILE.read_text(encoding="utf-8"))
    words = sorted({t for found in table.values() for t in found or ()})
    assert pieces == triggers.choose_pieces(words)
    assert all(len(piece) == 3 and piece in word for word, piece in pieces.items())


def test_a_stored_piece_that_is_not_in_its_trigger_is_not_used(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A stale or broken pieces file costs speed, never a missed trigger."""
    import companion.core.safety.detect  # noqa: F401  (defines the rule patterns)

    words = {t for p in lazy.REGISTRY for t in (p.triggers or ())}
    monkeypatch.setattr(lazy, "_pieces", dict.fromkeys(words, "zzz"))
    index = lazy._Index(lazy.REGISTRY)  # as if none were in the stored index
    index.update()
    filed = {word for found in index.by_gram.values() for word in found}
    assert filed == words
    assert all(gram in word for gram, found in index.by_gram.items() for word in found)
    assert all(word in lazy._present_in(f"i {word} ok", index.by_gram) for word in words)


def test_the_stored_index_is_the_one_the_stored_triggers_give() -> None:
    """prefilter-<tag>.marshal is built from triggers.json and trigger_pieces.json (rerun
    `python bench/safety_speed.py --write-triggers` after editing a rule), and every shipped
    pattern has its stored bit."""
    import companion.core.safety.detect  # noqa: F401  (defines the rule patterns)
    from companion.core.safety.rules import stored_index

    table = json.loads(lazy.TRIGGERS_FILE.read_text(encoding="utf-8"))
    pieces = json.loads(lazy.PIECES_FILE.read_text(encoding="utf-8"))
    loaded = stored_index.shipped()
    assert loaded == stored_index.build(table, pieces)
    position = loaded[0]
    shipped = [p for p in lazy.REGISTRY if p.pattern in table]
    assert len(shipped) >= 400
    assert all(p.mask == 1 << position[p.pattern] for p in shipped)
    assert all(p.mask >> len(position) for p in lazy.DYNAMIC)  # the others come after them


def test_a_damaged_stored_index_means_the_index_is_built_at_run_time(tmp_path: Path) -> None:
    """A truncated or wrong file is not trusted: every pattern is then dynamic, and the answers
    are the same (in a fresh process, since bits are given once)."""
    from companion.core.safety.rules import stored_index

    probe = (  # the module is loaded, and pointed at the file, before any rule is defined
        "import importlib.util, pathlib, sys\n"
        "name = 'companion.core.safety.rules.stored_index'\n"
        f"spec = importlib.util.spec_from_file_location(name, {str(stored_index.__file__)!r})\n"
        "module = importlib.util.module_from_spec(spec)\n"
        "spec.loader.exec_module(module)\n"
        "module.FILE = pathlib.Path(sys.argv[1])\n"
        "sys.modules[name] = module\n"
        "from companion.core.safety.rules import lazy\n"
        "from companion.core.safety.detect import detect_crisis\n"
        "print(len(lazy.DYNAMIC) >= 400, detect_crisis('i am going to kill myself tonight').level,"
        " detect_crisis('this commute is killing me lol').level)\n"
    )
    good = stored_index.FILE.read_bytes()
    for name, data in {"cut": good[: len(good) // 2], "other": b"\xe9\x00\x00\x00"}.items():
        damaged = tmp_path / name
        damaged.write_bytes(data)
        out = subprocess.run(
            [sys.executable, "-c", probe, str(damaged)], capture_output=True, text=True, check=True
        )
        assert out.stdout.split() == ["True", "crisis", "none"], name


def test_the_journal_check_leaves_the_conversation_state_unimported() -> None:
    code = (
        "import sys\n"
        "from companion.core.safety.flow import Source, decide\n"
        "decision = decide('I want to kill myself', Source.JOURNAL)\n"
        "print(decision.level, 'companion.core.safety.conversation' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["crisis", "False"]


def test_the_stored_compiled_code_is_what_re_compile_makes() -> None:
    """Every rule pattern (and every module's ``plain`` one) compiles from the stored code to
    exactly what ``re.compile`` gives (the pattern objects compare their flags, source and code),
    for the Python that wrote the file; another Python compiles afresh."""
    import re

    import companion.core.safety.detect
    import companion.core.safety.guard_rules
    import companion.core.safety.learned.features
    import companion.core.safety.scope
    import companion.core.safety.topics  # noqa: F401  (every module with rule or plain patterns)
    from companion.core.safety import compiled

    if not compiled.FILE.exists():
        pytest.skip(f"no stored code for this Python ({compiled.FILE.name})")
    stored = compiled._entries()
    # Only the shipped patterns (triggers.json lists them; test_safety_prefilter checks that it
    # is current): other tests make patterns of their own.
    shipped = json.loads(lazy.TRIGGERS_FILE.read_text(encoding="utf-8"))
    sources = {p.pattern for p in lazy.REGISTRY if p.pattern in shipped}
    assert len(sources) >= 400
    assert len(compiled.PLAIN) >= 15  # the normaliser's, the clause splitter's, the guard's views
    sources |= set(compiled.PLAIN)
    assert sources <= stored.keys(), "rerun `python bench/safety_speed.py --write-triggers`"
    for source in sources:
        fresh = re.compile(source)
        got = compiled.compile_rule(source)
        assert got == fresh and got.groupindex == fresh.groupindex, source[:80]
        assert got.groups == fresh.groups


def test_a_damaged_compiled_entry_compiles_afresh(monkeypatch: pytest.MonkeyPatch) -> None:
    from companion.core.safety import compiled

    source = r"\bkill myself\b"
    monkeypatch.setattr(compiled, "_stored", {source: (32, 0, 6, 0, {}, ())})
    monkeypatch.setattr(compiled, "_code", b"\x00\x01")  # shorter than the index says
    assert compiled.compile_rule(source).search(" i will kill myself ") is not None
    monkeypatch.setattr(compiled, "_code", b"\x00" * 8)  # code the engine refuses
    monkeypatch.setattr(compiled, "_stored", {source: (32, 0, 8, 0, {}, ())})
    assert compiled.compile_rule(source).search(" i will kill myself ") is not None
