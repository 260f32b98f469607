"""Which servers the app will talk to, and what it does with what a server sends: loopback by
default, a private address only with --allow-lan (and a plain warning), never a public one,
checked when added and before every connection; usage figures, errors, hang-ups and replies the
output guard must stop, from a scripted server on 127.0.0.1."""

from __future__ import annotations

import ipaddress
import socket
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database
from typer.testing import CliRunner

from companion.core.llm import ModelUnavailable, load_engine
from companion.core.llm.remote import RemoteEngine, interruption
from companion.core.llm.servers import checked_address, classify, normalise_url
from companion.core.llm.session import ChatSession, ReplyDone, ReplyReplaced, SessionOptions
from companion.core.safety import SAFE_REPLACEMENT
from companion.ui.cli import app
from tests.server_helpers import Script, scripted_server

OPTIONS = SessionOptions(temperature=0.0, max_reply_tokens=32, seed=0)


def run(*args: str) -> Any:
    return CliRunner().invoke(app, list(args))


def fake_dns(monkeypatch: pytest.MonkeyPatch, answers: dict[str, list[str]]) -> None:
    """Names resolve to ``answers`` (socket.getaddrinfo itself belongs to pytest-socket)."""
    import companion.core.llm.servers as servers

    monkeypatch.setattr(servers, "lookup", lambda host, port: answers[host])


@pytest.mark.parametrize(
    ("address", "kind"),
    [
        ("127.0.0.1", "loopback"),
        ("127.45.6.7", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("192.168.1.20", "lan"),
        ("10.0.0.5", "lan"),
        ("172.16.3.4", "lan"),
        ("100.101.102.103", "lan"),  # shared address space (e.g. a VPN like Tailscale)
        ("169.254.1.1", "lan"),
        ("fd12:3456::1", "lan"),
        ("fe80::1", "lan"),
        ("8.8.8.8", "public"),
        ("2001:4860:4860::8888", "public"),
        ("0.0.0.0", "public"),  # never "whatever this machine is"
        ("224.0.0.1", "public"),
    ],
)
def test_addresses_are_classified(address: str, kind: str) -> None:
    assert classify(ipaddress.ip_address(address)) == kind


@given(st.ip_addresses())
def test_a_global_address_is_never_allowed_and_loopback_always_is(address: Any) -> None:
    kind = classify(address)
    if address.is_global:
        assert kind == "public"
    if address.is_loopback:
        assert kind == "loopback"
    if kind != "public":
        checked_address(str(address), 80, allow_lan=True)
    else:
        with pytest.raises(ModelUnavailable):
            checked_address(str(address), 80, allow_lan=True)


@pytest.mark.allow_hosts(["127.0.0.1"])  # the real resolver reads /etc/hosts for localhost
def test_localhost_is_fine_only_when_it_resolves_to_loopback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert classify(checked_address("localhost", 11434, allow_lan=False)) == "loopback"
    fake_dns(monkeypatch, {"localhost": ["127.0.0.1", "::1"]})
    assert str(checked_address("localhost", 11434, allow_lan=False)) == "127.0.0.1"
    fake_dns(monkeypatch, {"localhost": ["93.184.216.34"]})
    with pytest.raises(ModelUnavailable, match="is a public address"):
        checked_address("localhost", 11434, allow_lan=True)


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("ftp://127.0.0.1/v1", "is not an http:// or https:// address"),
        ("http://user:secret@127.0.0.1:8080/v1", "carries a user name or password"),
        ("http://127.0.0.1:99999/v1", "has an invalid port"),
        ("http:///v1", "has no host name"),
        ("http://127.0.0.1:8080/v1?x=1", "has a query or fragment"),
    ],
)
def test_malformed_addresses_are_one_sentence(url: str, problem: str) -> None:
    result = run("model", "add", "--server", url, "--name", "x")
    assert result.exit_code == 1 and problem in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert normalise_url("127.0.0.1:8080/v1/chat/completions/") == "http://127.0.0.1:8080/v1"


def test_public_and_unflagged_lan_servers_are_refused_at_add_time(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake_dns(monkeypatch, {"models.example.com": ["93.184.216.34"]})
    for url, sentence in [
        ("http://models.example.com/v1", "models.example.com is a public address"),
        ("http://8.8.8.8:11434/v1", "8.8.8.8 is a public address"),
        ("http://192.168.1.20:11434/v1", "is another machine on your network: add the server"),
    ]:
        result = run("model", "add", "--server", url, "--name", "x")
        assert result.exit_code == 1 and sentence in result.stderr, url
    result = run("model", "add", "--server", "http://8.8.8.8/v1", "--name", "x", "--allow-lan")
    assert result.exit_code == 1 and "is a public address" in result.stderr
    assert "x" not in run("model", "list").stdout.split()


def test_a_lan_server_needs_the_flag_and_gets_a_plain_warning(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import companion.core.llm.remote as remote

    monkeypatch.setattr(remote, "list_server_models", lambda spec: ["qwen2.5:3b"])
    result = run(
        "model", "add", "--server", "http://192.168.1.20:11434/v1", "--name", "den", "--allow-lan"
    )
    assert result.exit_code == 0, result.stderr
    assert "leaves this process and travels over your network to 192.168.1.20" in result.stderr
    assert "another machine on your network" in result.stdout
    assert "(server, on your network)" in run("model", "list").stdout


def test_the_address_is_checked_again_before_every_connection(
    monkeypatch: pytest.MonkeyPatch, db: Database
) -> None:
    """A name that resolved to this machine when it was added but points elsewhere later."""
    import companion.core.llm.remote as remote

    monkeypatch.setattr(remote, "list_server_models", lambda spec: ["m"])
    fake_dns(monkeypatch, {"box.home.arpa": ["127.0.0.1"]})
    assert (
        run("model", "add", "--server", "http://box.home.arpa:8080/v1", "--name", "box").exit_code
        == 0
    )
    engine = load_engine("box")
    connects: list[object] = []
    monkeypatch.setattr(socket, "create_connection", lambda *a, **k: connects.append(a))
    fake_dns(monkeypatch, {"box.home.arpa": ["203.0.113.9", "93.184.216.34"]})
    done = list(ChatSession(db, engine, options=OPTIONS).send("hello"))[-1]
    assert isinstance(done, ReplyDone) and done.message is None
    assert "is a public address" in (interruption(done.stats) or "")
    assert connects == []
    with pytest.raises(ModelUnavailable, match="is a public address"):
        load_engine("box")


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_usage_from_the_server_is_used_and_the_guard_still_replaces_a_bad_reply(
    db: Database,
) -> None:
    script = Script(
        ["As your therapist, ", "I can tell you ", "that you have ", "depression."],
        usage={"prompt_tokens": 57, "completion_tokens": 11, "total_tokens": 68},
    )
    with scripted_server(script) as url:
        assert run("model", "add", "--server", url, "--name", "scripted").exit_code == 0
        engine = load_engine("scripted")
        assert isinstance(engine, RemoteEngine) and engine.spec.model_id == "scripted-model"
        events = list(
            ChatSession(db, engine, options=OPTIONS).send("What could I do this evening to unwind?")
        )
    replaced = [e for e in events if isinstance(e, ReplyReplaced)]
    done = (
        events[-1]
        if isinstance(events[-1], ReplyDone)
        else next(e for e in events if isinstance(e, ReplyDone))
    )
    assert replaced and replaced[0].reason == "diagnosis"
    assert done.message is not None and done.message.content == SAFE_REPLACEMENT
    assert done.message.status == "replaced"
    (sent,) = script.requests
    assert sent["model"] == "scripted-model" and sent["stream"] is True
    assert sent["messages"][0]["role"] == "system"
    assert sent["messages"][-1] == {
        "role": "user",
        "content": "What could I do this evening to unwind?",
    }
    assert sent["max_tokens"] == 32


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_usage_figures_replace_the_estimate(db: Database) -> None:
    script = Script(
        ["Take ", "a slow ", "breath."], usage={"prompt_tokens": 57, "completion_tokens": 5}
    )
    with scripted_server(script) as url:
        run("model", "add", "--server", url, "--name", "counted")
        done = list(ChatSession(db, load_engine("counted"), options=OPTIONS).send("hi"))[-1]
    assert isinstance(done, ReplyDone) and done.message is not None
    assert done.stats.extra["tokens_estimated"] is False
    assert (done.message.prompt_tokens, done.message.completion_tokens) == (57, 5)


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_a_hang_up_and_an_error_answer_are_sentences(db: Database) -> None:
    with scripted_server(Script(["One ", "two ", "three"], hang_up_after=2)) as url:
        run("model", "add", "--server", url, "--name", "flaky")
        done = list(ChatSession(db, load_engine("flaky"), options=OPTIONS).send("hi"))[-1]
    assert isinstance(done, ReplyDone) and done.message is not None
    assert done.message.content == "One two" and done.message.status == "stopped"
    assert "stopped answering mid-reply" in (interruption(done.stats) or "")

    with scripted_server(Script([], status=404)) as url:
        run("model", "add", "--server", url, "--name", "wrong")
        done = list(ChatSession(db, load_engine("wrong"), options=OPTIONS).send("hi"))[-1]
    assert isinstance(done, ReplyDone) and done.message is None
    assert interruption(done.stats) == (
        f"The model server at {url} answered HTTP 404 (model 'x' not found): check the server "
        "and the model name."
    )


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_add_checks_the_server_and_its_model_names(tmp_path: Path) -> None:
    with scripted_server(Script([], models=["a", "b"])) as url:
        result = run("model", "add", "--server", url, "--name", "two")
        assert result.exit_code == 1 and "serves several models (a, b)" in result.stderr
        result = run("model", "add", "--server", url, "--name", "two", "--model-id", "c")
        assert result.exit_code == 1 and "does not serve 'c'" in result.stderr
        assert (
            run("model", "add", "--server", url, "--name", "two", "--model-id", "b").exit_code == 0
        )
        result = run("model", "add", "--server", url, "--name", "two", "--model-id", "a")
        assert result.exit_code == 1 and "A model named 'two' already exists" in result.stderr
        for bad in ("../up", "x.gguf", "smollm2-135m"):
            result = run("model", "add", "--server", url, "--name", bad)
            assert result.exit_code == 1, bad
    result = run("model", "add", "--server", "http://127.0.0.1:9/v1", "--name", "none")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "Nothing answered at http://127.0.0.1:9/v1 (connection refused): start the model server, "
        "or choose another model (`companion model list`)."
    )
    assert "none" not in run("model", "list").stdout.split()


@pytest.mark.allow_hosts(["127.0.0.1"])
def test_complete_returns_what_arrived_when_the_server_hangs_up() -> None:
    """Summaries, exercise suggestions and the reflection call complete() in thread workers:
    a server going away gives them less text (they fall back), never an exception."""
    with scripted_server(Script(["Try ", "a walk", " outside."], hang_up_after=2)) as url:
        run("model", "add", "--server", url, "--name", "brief")
        engine = load_engine("brief")
        assert isinstance(engine, RemoteEngine)
        text = engine.complete([{"role": "user", "content": "one idea"}], max_tokens=16)
    assert text == "Try a walk"
    assert "stopped answering mid-reply" in (engine.last_interruption or "")
    assert engine.complete([{"role": "user", "content": "again"}], max_tokens=16) == ""
    assert (engine.last_interruption or "").startswith("Nothing answered at ")
