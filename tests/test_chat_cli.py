"""The model, prompts and chat commands as a person uses them."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from companion.core.config import load_settings
from companion.core.llm.models import embedded_model_path
from companion.ui.cli import app

runner = CliRunner()


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_model_list_and_info_without_loading_weights() -> None:
    code, out, _ = run("model", "list", "--json")
    rows = json.loads(out)
    assert code == 0 and rows[0]["name"] == "smollm2-135m" and rows[0]["active"]
    code, out, _ = run("model", "info", "--json")
    info = json.loads(out)
    assert info["architecture"] == "llama" and info["quantization"] == "Q4_1"
    assert info["chat_template"] is True and info["complete"] is True
    assert info["estimated_ram"] > info["file_size"]
    code, out, _ = run("model", "info")
    assert "context length: 8192" in out


def test_model_add_refuses_bad_files_and_copies_good_ones(tmp_path: Path) -> None:
    text = tmp_path / "x.gguf"
    text.write_text("hello")
    code, _, err = run("model", "add", str(text))
    assert code == 1 and "not a GGUF model file" in err
    source = embedded_model_path()
    assert source is not None
    truncated = tmp_path / "t.gguf"
    truncated.write_bytes(source.read_bytes()[:5_000_000])
    code, _, err = run("model", "add", str(truncated))
    assert code == 1 and "truncated" in err
    link = tmp_path / "mine.gguf"
    link.symlink_to(source)
    code, out, _ = run("model", "add", str(link), "--link")
    assert code == 0 and "as 'mine'" in out
    code, out, _ = run("model", "use", "mine")
    assert code == 0 and load_settings().model == "mine"
    rows = json.loads(run("model", "list", "--json")[1])
    assert [r["name"] for r in rows if r["active"]] == ["mine"]
    code, _, err = run("model", "use", "nope")
    assert code == 1 and "no model named" in err
    code, _, _ = run("model", "use", "smollm2-135m")
    assert load_settings().model == ""


def test_prompts_commands() -> None:
    code, out, _ = run("prompts", "list")
    assert code == 0 and "system" in out.split()
    code, out, _ = run("prompts", "show", "system")
    assert "not a therapist" in out
    code, out, _ = run("prompts", "path")
    assert out.strip().endswith("prompts")
    code, _, err = run("prompts", "show", "nope")
    assert code == 1 and "no prompt named" in err


def test_chat_message_prints_one_reply_and_continues_a_conversation() -> None:
    args = ("--seed", "0", "--temperature", "0", "--max-tokens", "12")
    code, out, _ = run("chat", "--message", "Hello [b]there[/b]", "--json", *args)
    assert code == 0, out
    data = json.loads(out)
    assert data["conversation_id"] == 1 and data["reply"]["role"] == "assistant"
    code, out, _ = run("chat", "-m", "And then?", "-c", "1", *args)
    assert code == 0 and out.strip()
    code, out, _ = run("chat", "--list")
    assert "Hello [b]there[/b]" in out  # literal, not markup
    code, _, err = run("chat", "-m", "hi", "-c", "99")
    assert code == 1 and "no conversation 99" in err


def test_chat_crisis_message_gets_fixed_reply_and_helplines() -> None:
    run("country", "GB")
    code, out, _ = run("chat", "-m", "I want to kill myself", "--max-tokens", "12")
    assert code == 0
    assert "companion sos" in out and "Emergency (United Kingdom): 999" in out
    assert "Samaritans" in out and "--carry-on --conversation 1" in out


def test_chat_json_says_who_wrote_each_reply_and_the_pause_holds_until_carry_on() -> None:
    args = ("--seed", "0", "--temperature", "0", "--max-tokens", "12", "--json")

    def turn(text: str, *extra: str) -> dict[str, object]:
        code, out, err = run("chat", "-m", text, *extra, *args)
        assert code == 0, err
        data: dict[str, object] = json.loads(out)
        return data

    first = turn("Hello, I had a long day at work.")
    assert first["reply_by"] == "model" and first["level"] == "none"
    assert first["category"] is None
    crisis = turn("I want to kill myself tonight", "-c", "1")
    assert crisis["reply_by"] == "scripted" and crisis["level"] == "crisis"
    assert crisis["category"] == "self" and crisis["layer"] == "rules"
    plea = turn("I don't want to call anyone. Can you just talk to me?", "-c", "1")
    # Held by the conversation (or flagged on its own, by the learned layer): scripted either way.
    assert plea["reply_by"] == "scripted" and plea["layer"] in ("conversation", "learned")
    assert plea["level"] in ("concern", "crisis")
    quiet = turn("I made some tea.", "-c", "1")
    assert quiet["reply_by"] == "scripted"  # no choice to carry on yet
    back = turn("Can we talk about my week?", "-c", "1", "--carry-on")
    assert back["reply_by"] == "model" and back["level"] == "none"


def test_chat_repl_never_leaves_withheld_text_on_screen(monkeypatch: object) -> None:
    import companion.core.safety as safety

    verdict = safety.GuardResult(False, "test")
    monkeypatch.setattr(safety, "check_output", lambda text: verdict)  # type: ignore[attr-defined]
    code, out, _ = run("chat", "--seed", "0", "--max-tokens", "24", input="Hello there\n/quit\n")
    assert code == 0
    reply = out.split("you> ", 2)[1]
    assert reply.lstrip().startswith("[reply withheld by the safety guard]")
    assert safety.SAFE_REPLACEMENT in reply
    # nothing the model wrote reached the output before the replacement
    assert reply.count("\n") <= safety.SAFE_REPLACEMENT.count("\n") + 3


def test_chat_bad_input_is_one_sentence(tmp_path: Path) -> None:
    code, _, err = run("chat", "-m", "   ")
    assert code == 1 and "empty" in err
    bad = tmp_path / "notes.gguf"
    bad.write_text("not a model")
    code, _, err = run("chat", "-m", "hi", "--model", str(bad))
    assert code == 1 and "not a GGUF model file" in err


def test_personal_context_is_shown_and_set_from_the_cli() -> None:
    code, out, _ = run("chat", "--show-context")
    assert code == 0 and "Nothing" in out
    code, out, _ = run("chat", "--set-goals", "walk daily [b]x[/b]", "--no-share-mood")
    assert code == 0 and "walk daily [b]x[/b]" in out
    code, out, _ = run("chat", "--set-notes", "I have a cat")
    assert "walk daily" in out and "I have a cat" in out
