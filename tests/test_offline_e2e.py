"""Proven offline: the main flows run with no network at the OS level, and write nothing
outside the data dir.

The flows (journal add and search through the CLI, an exercise through the engine, one chat
turn with the real embedded model, an export, an encryption round) run in subprocesses
inside a new network namespace (``unshare -rn``: no interface but a downed loopback). A
``sitecustomize`` audit hook is installed as well, so a socket use is caught even where
``unshare`` is not allowed (the test says which guard was active). The working dir, the temp
dir and a private HOME are snapshotted before and after: only COMPANION_HOME may change. At
the end every file under COMPANION_HOME is checked for mode 0600 and every folder for 0700.
"""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

AUDIT_HOOK = textwrap.dedent(
    """
    import os, sys

    def _no_network(event, args):
        if event in ("socket.connect", "socket.getaddrinfo", "socket.gethostbyname",
                     "socket.bind", "socket.sendto", "socket.sendmsg"):
            address = args[1] if len(args) > 1 else None
            if isinstance(address, (str, bytes)) and event in ("socket.connect", "socket.bind"):
                return  # AF_UNIX paths are local
            sys.stderr.write(f"NETWORK ATTEMPT: {event} {args!r}\\n")
            sys.stderr.flush()
            os._exit(97)

    sys.addaudithook(_no_network)
    """
)

FLOWS = textwrap.dedent(
    """
    from companion.core.exercises import ExerciseSession, load_definitions
    from companion.core.llm import load_engine
    from companion.core.llm.session import ChatSession, SessionOptions
    from companion.core.store import exercise_records as exercises, open_db

    db = open_db()
    session = ExerciseSession.start(db, load_definitions()["three_good_things"])
    session.submit(["a walk by the river", "a warm cup of tea", "a call with a friend"])
    session.submit("it was sunny")
    while session.current is not None:
        session.submit(None)
    record = session.complete()
    assert exercises.get_exercise(db, record.id).status == "complete"

    engine = load_engine(n_ctx=512)
    chat = ChatSession(db, engine, options=SessionOptions(temperature=0.0, max_reply_tokens=8, seed=1))
    events = list(chat.send("Hello, I had a calm day."))
    replies = [m for m in chat.messages() if m.role == "assistant"]
    assert replies and replies[-1].content.strip(), events
    chat.save_state()
    engine.close()
    db.close()
    print("FLOWS OK")
    """
)


def _unshare_works() -> bool:
    if shutil.which("unshare") is None:
        return False
    result = subprocess.run(["unshare", "-rn", "true"], capture_output=True, check=False)
    return result.returncode == 0


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    found: dict[str, tuple[int, int]] = {}
    for path in root.rglob("*"):
        try:
            info = path.lstat()
        except FileNotFoundError:
            continue
        found[str(path.relative_to(root))] = (info.st_size, info.st_mtime_ns)
    return found


def _modes(home: Path) -> list[str]:
    wrong = []
    for path in [home, *home.rglob("*")]:
        mode = stat.S_IMODE(path.lstat().st_mode)
        if path.is_symlink():
            continue
        expected = 0o700 if path.is_dir() else 0o600
        if mode != expected:
            wrong.append(f"{path.relative_to(home)}: {oct(mode)}")
    return wrong


def test_main_flows_offline_and_inside_the_data_dir(tmp_path: Path) -> None:
    home = tmp_path / "data"
    work = tmp_path / "work"
    temp = tmp_path / "temp"
    user_home = tmp_path / "user"
    guard = tmp_path / "guard"
    for folder in (work, temp, user_home, guard):
        folder.mkdir()
    (guard / "sitecustomize.py").write_text(AUDIT_HOOK, encoding="utf-8")
    (work / "flows.py").write_text(FLOWS, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", ""),
        "COMPANION_HOME": str(home),
        "HOME": str(user_home),
        "TMPDIR": str(temp),
        "PYTHONPATH": str(guard),
        "PYTHONDONTWRITEBYTECODE": "1",
        "XDG_CACHE_HOME": str(user_home / ".cache"),
    }
    prefix = ["unshare", "-rn"] if _unshare_works() else []
    python = [sys.executable]

    def run(*args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [*prefix, *python, *args],
            cwd=work,
            env=env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
        assert "NETWORK ATTEMPT" not in result.stderr, result.stderr
        assert result.returncode == 0, result.stdout + result.stderr
        return result.stdout

    # prove the guards bite before trusting them
    probe = subprocess.run(
        [*prefix, *python, "-c", "import socket; socket.create_connection(('192.0.2.1', 80), 2)"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert probe.returncode != 0

    before = {name: _snapshot(folder) for name, folder in (("work", work), ("temp", temp))}
    before["home"] = _snapshot(user_home)

    run("-m", "companion", "journal", "add", "Walked to the lighthouse and felt calmer.")
    assert "lighthouse" in run("-m", "companion", "journal", "search", "lighthouse")
    assert "FLOWS OK" in run("flows.py")
    run("-m", "companion", "export", "--format", "json")
    env["COMPANION_PASSPHRASE"] = "offline passphrase"
    run("-m", "companion", "encrypt")
    assert "lighthouse" in run("-m", "companion", "journal", "search", "lighthouse")
    run("-m", "companion", "backup")

    after = {name: _snapshot(folder) for name, folder in (("work", work), ("temp", temp))}
    after["home"] = _snapshot(user_home)
    assert after == before, "something was written outside COMPANION_HOME"
    # once encrypted, the words are in no file of the data dir but the (plain) export made before
    leaks = [
        str(p.relative_to(home))
        for p in home.rglob("*")
        if p.is_file() and "exports" not in p.parts and b"lighthouse" in p.read_bytes()
    ]
    assert leaks == []
    assert _modes(home) == []
    print(f"network guard: {'unshare -rn + audit hook' if prefix else 'audit hook only'}")


@pytest.mark.parametrize("event", ["connect", "getaddrinfo"])
def test_the_audit_hook_catches_network_use(tmp_path: Path, event: str) -> None:
    (tmp_path / "sitecustomize.py").write_text(AUDIT_HOOK, encoding="utf-8")
    code = {
        "connect": "import socket; s = socket.socket(); s.connect(('127.0.0.1', 9))",
        "getaddrinfo": "import socket; socket.getaddrinfo('example.org', 80)",
    }[event]
    result = subprocess.run(
        [sys.executable, "-c", code],
        env={**os.environ, "PYTHONPATH": str(tmp_path)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 97 and "NETWORK ATTEMPT" in result.stderr
