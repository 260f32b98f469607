"""Real processes for the integrity tests and bench/integrity.py: CLI commands killed at a named
step (COMPANION_KILL_AT), an inspector that reads the journal in its own process, and the
checks that matter afterwards (integrity, entries, plaintext copies, leftovers).

The test process itself never opens the journal: a companion process holds the data folder's
session lock for its lifetime, which would make the CLI's encrypt and restore refuse.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from companion.core.store.files import SQLITE_HEADER

PHRASE = "integrity test passphrase"

_INSPECT = r"""
import json, sys
from companion.core.store.db import open_db, integrity_problems
from companion.core.store import journal
db = open_db()
print(json.dumps({
    "bodies": [e.body for e in journal.list_entries(db, limit=100000)],
    "problems": integrity_problems(db, full=True),
}))
db.close()
"""


@dataclass
class Run:
    code: int
    out: str
    err: str


def env_for(
    home: Path, passphrase: str | None = None, kill_at: str | None = None
) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("COMPANION_")}
    env["COMPANION_HOME"] = str(home)
    env["COMPANION_BACKUPS_KEEP"] = env.get("COMPANION_BACKUPS_KEEP", "7")
    if passphrase:
        env["COMPANION_PASSPHRASE"] = passphrase
    if kill_at:
        env["COMPANION_KILL_AT"] = kill_at
    return env


def cli(home: Path, *args: str, passphrase: str | None = None, kill_at: str | None = None) -> Run:
    """Run ``python -m companion ARGS`` in its own process."""
    done = subprocess.run(
        [sys.executable, "-m", "companion", *args],
        capture_output=True,
        text=True,
        env=env_for(home, passphrase, kill_at),
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    return Run(done.returncode, done.stdout, done.stderr)


def inspect(home: Path, passphrase: str | None = None) -> dict[str, list[str]]:
    """The journal's entries and ``integrity_check`` problems, read by a separate process
    (its start also repairs leftovers, like any command)."""
    done = subprocess.run(
        [sys.executable, "-c", _INSPECT],
        capture_output=True,
        text=True,
        env=env_for(home, passphrase),
        timeout=300,
    )
    if done.returncode != 0:
        return {"bodies": [], "problems": [done.stderr.strip().splitlines()[-1:][0]]}
    result: dict[str, list[str]] = json.loads(done.stdout)
    return result


def is_plaintext_db(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(16)
    except OSError:
        return False
    return head == SQLITE_HEADER


def journal_encrypted(home: Path) -> bool:
    db = home / "companion.db"
    return db.exists() and db.stat().st_size > 0 and not is_plaintext_db(db)


def plaintext_copies(home: Path) -> list[Path]:
    """With the journal encrypted: every other file under the data folder that holds the journal
    in the clear (an SQLite file that is not encrypted, or saved model state)."""
    if not journal_encrypted(home):
        return []
    found = []
    for path in home.rglob("*"):
        if not path.is_file() or path.parent.name == "ops":
            continue
        if path.name in ("companion.db", "companion.db-wal", "companion.db-shm"):
            continue
        if is_plaintext_db(path) or path.parent.name == "state":
            found.append(path)
    return found


def leftovers(home: Path) -> list[Path]:
    """Temporary files and intents no finished operation should leave behind."""
    names = (".converting", ".old", ".restoring", ".partial", ".tmp-")
    found = [p for p in home.rglob("*") if p.is_file() and any(n in p.name for n in names)]
    ops = home / "ops"
    if ops.is_dir():
        found.extend(p for p in ops.glob("*.json"))
    return sorted(found)


def modes(paths: list[Path]) -> dict[str, int]:
    return {p.name: p.stat().st_mode & 0o777 for p in paths if p.exists()}
