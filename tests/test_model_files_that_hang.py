"""Model files and chat templates that used to hang or eat memory: each is refused at once
with one sentence, and the app stays quittable while a model loads."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from companion.core.llm import ModelUnavailable
from companion.core.llm.gguf import MAX_ARRAY_ITEMS, check_gguf, read_gguf
from companion.core.llm.jinja_render import BoundedFormatter, TemplateTooCostly, check_isolated
from companion.ui.cli import app
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


# -- the app while a model loads -----------------------------------------------------------------


async def test_the_app_quits_while_the_model_is_still_loading(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import threading

    from companion.core.llm import shared
    from companion.ui.tui import model_loader
    from tests.tui_helpers import make_app

    release = threading.Event()

    def never_loads(settings: object, *args: object, **kwargs: object) -> object:
        release.wait(60)
        raise ModelUnavailable("released")

    monkeypatch.setattr(shared, "shared_engine", never_loads)
    monkeypatch.setattr(model_loader, "_LOADS", {})
    app = make_app()
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            app.action_open("chat")
            await pilot.pause(0.3)
            assert "Loading the model" in str(app.screen.query_one("#chat-status").render())
            assert model_loader.still_loading()
            await pilot.press("ctrl+q")
            await pilot.pause(0.5)
        assert app.return_code == 0  # it closed although the load never finished
        assert model_loader.still_loading()
    finally:
        release.set()


@pytest.mark.skipif(os.system("command -v tmux >/dev/null") != 0, reason="needs tmux")
def test_the_real_app_quits_at_once_during_a_load_that_never_ends(
    tmp_path: Path, companion_home: Path
) -> None:
    import subprocess
    import sys
    import uuid

    script = tmp_path / "run.py"
    script.write_text(
        "import sys, time\nimport companion.core.llm.shared as s\n"
        "def never(*a, **k):\n    time.sleep(3600)\n"
        "s.shared_engine = never\nsys.argv = ['companion']\n"
        "from companion.ui.cli import main\nmain()\n"
    )
    db_code = (
        "from datetime import datetime, UTC\nfrom companion.core.store import open_db\n"
        "from companion.core.safety.disclosure import mark_disclosure_seen\n"
        "db = open_db(); mark_disclosure_seen(db, datetime.now(UTC)); db.close()\n"
    )
    env = {**os.environ, "COMPANION_HOME": str(companion_home)}
    subprocess.run([sys.executable, "-c", db_code], check=True, env=env)
    rc_file = tmp_path / "rc"
    session = f"load-{uuid.uuid4().hex[:8]}"
    command = (
        f"env COMPANION_HOME={companion_home} TERM=xterm-256color {sys.executable} {script}; "
        f"echo $? > {rc_file}; sleep 30"
    )
    subprocess.run(["tmux", "new-session", "-d", "-s", session, "-x", "100", "-y", "30", command])

    def screen() -> str:
        return subprocess.run(
            ["tmux", "capture-pane", "-p", "-t", session], capture_output=True, text=True
        ).stdout

    try:
        for _ in range(300):
            if "Journal" in screen():
                break
            time.sleep(0.1)
        subprocess.run(["tmux", "send-keys", "-t", session, "c"])  # Home: c opens chat
        for _ in range(100):
            if "Loading the model" in screen():
                break
            time.sleep(0.1)
        assert "Loading the model" in screen()
        subprocess.run(["tmux", "send-keys", "-t", session, "C-q"])
        for _ in range(100):  # 10 s at most; it used to wait for ever
            if rc_file.exists() and rc_file.read_text().strip():
                break
            time.sleep(0.1)
        assert rc_file.exists() and rc_file.read_text().strip() == "0", screen()
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)
