"""`companion chat` subcommands (send, list, context, carry-on) and the old flags they replace."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from companion.ui.cli import app

runner = CliRunner()
ARGS = ("--seed", "0", "--temperature", "0", "--max-tokens", "12")


def run(*args: str, input: str | None = None) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args), input=input)
    return result.exit_code, result.stdout, result.stderr


def test_help_names_each_subcommand() -> None:
    code, out, _ = run("chat", "--help")
    assert code == 0
    for name in ("send", "list", "context", "carry-on"):
        assert name in out
    assert "--list" not in out and "--set-goals" not in out  # deprecated flags are hidden


def test_send_list_and_the_old_list_flag_agree() -> None:
    code, out, err = run("chat", "send", "Hello [b]there[/b]", "--json", *ARGS)
    assert code == 0, err
    sent = json.loads(out)
    assert sent["conversation_id"] == 1 and sent["reply_by"] == "model" and not err
    code, out, err = run("chat", "send", "And then?", "-c", "1", *ARGS)
    assert code == 0 and out.strip()
    code, new, err = run("chat", "list", "--json")
    assert code == 0 and not err
    assert [row["id"] for row in json.loads(new)] == [1]
    code, old, err = run("chat", "--list", "--json")
    assert code == 0 and json.loads(old) == json.loads(new)
    assert err.count("\n") == 1 and "companion chat list" in err  # one deprecation line
    code, out, _ = run("chat", "list")
    assert "Hello [b]there[/b]" in out  # literal, not markup
    code, _, err = run("chat", "send", "hi", "-c", "99")
    assert code == 1 and "no conversation 99" in err
    code, _, err = run("chat", "send", "   ")
    assert code == 1 and "empty" in err


def test_message_flag_is_not_deprecated() -> None:
    code, out, err = run("chat", "--message", "Hello", "--json", *ARGS)
    assert code == 0 and err == ""
    assert set(json.loads(out)) == {
        "conversation_id",
        "reply",
        "level",
        "category",
        "layer",
        "reply_by",
    }


def test_context_shows_and_sets_and_the_old_flags_still_work() -> None:
    code, out, err = run("chat", "context")
    assert code == 0 and "Nothing" in out and not err
    code, out, _ = run("chat", "context", "--goals", "walk daily [b]x[/b]", "--no-share-mood")
    assert code == 0 and "walk daily [b]x[/b]" in out
    code, out, err = run("chat", "--set-notes", "I have a cat")
    assert code == 0 and "walk daily" in out and "I have a cat" in out
    assert "companion chat context" in err
    code, out, err = run("chat", "--show-context")
    assert code == 0 and "I have a cat" in out and "companion chat context" in err


def test_carry_on_subcommand_lifts_a_safety_pause() -> None:
    code, out, _ = run("chat", "send", "I want to kill myself tonight", "--json", *ARGS)
    assert code == 0 and json.loads(out)["reply_by"] == "scripted"
    code, out, _ = run("chat", "send", "I made some tea.", "-c", "1", "--json", *ARGS)
    assert json.loads(out)["reply_by"] == "scripted"  # still paused
    code, out, _ = run("chat", "carry-on", "1")
    assert code == 0 and out.strip()
    code, out, _ = run("chat", "send", "Can we talk about my week?", "-c", "1", "--json", *ARGS)
    assert json.loads(out)["reply_by"] == "model"
    code, _, err = run("chat", "carry-on", "42")
    assert code == 1 and "42" in err


def test_context_tells_the_mood_trend_only_while_it_is_shared() -> None:
    assert run("checkin", "6")[0] == 0
    code, out, _ = run("chat", "context")
    assert code == 0 and "over the last 7 days was 6 out of 10 (1 check-in)" in out
    assert "the latest was 6" in out
    code, out, _ = run("chat", "context", "--no-share-mood")
    assert code == 0 and "out of 10" not in out
