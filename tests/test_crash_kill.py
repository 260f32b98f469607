"""A writer is killed (SIGKILL) at random moments, over and over: the database is never corrupt,
no entry whose save was confirmed is lost, and the latest confirmed draft survives.

The writer is a forked child (so each round costs milliseconds, not an interpreter start): it
opens the store, then loops adding journal entries and saving drafts through the normal store
functions, reporting each id on a pipe only after the call returned (the commit is done).
"""

from __future__ import annotations

import os
import random
import select
import signal
import time
from pathlib import Path

import pytest

from companion.core.store import drafts, journal
from companion.core.store import exercise_records as exercises
from companion.core.store.db import integrity_problems, open_db

ROUNDS = 120
ENCRYPTED_ROUNDS = 12
PHRASE = "crash test passphrase"


def _writer(path: Path, fd: int, seed: int, passphrase: str | None) -> None:
    """The child: write until killed. Never returns."""
    try:
        rng = random.Random(seed)
        db = open_db(path, passphrase=passphrase)
        os.write(fd, b"R\n")
        n = 0
        while True:
            n += 1
            entry = journal.add_entry(db, f"entry {n} " + "words " * rng.randint(1, 400))
            os.write(fd, f"E {entry.id}\n".encode())
            drafts.save_draft(db, "journal:new", f"draft {n}")
            os.write(fd, f"D {n}\n".encode())
            if n % 3 == 0:
                record = exercises.start_exercise(db, "thought_record")
                exercises.save_draft(db, record.id, {"situation": f"step {n}"}, 1)
                os.write(fd, f"X {record.id} {n}\n".encode())
    except BaseException:
        pass
    finally:
        os._exit(0)


def _round(
    path: Path, rng: random.Random, passphrase: str | None, max_delay: float, wait_ready: bool
) -> str:
    """One writer, killed after a random delay counted from its start or (``wait_ready``)
    from the moment its database was open, so slow machines still see writes interrupted."""
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child
        os.close(read_fd)
        _writer(path, write_fd, rng.randint(0, 10**9), passphrase)
    os.close(write_fd)
    chunks: list[bytes] = []
    if wait_ready:
        deadline = time.monotonic() + 60
        while b"R\n" not in b"".join(chunks) and time.monotonic() < deadline:
            ready, _, _ = select.select([read_fd], [], [], 1.0)
            if ready:
                chunk = os.read(read_fd, 65536)
                if not chunk:
                    break
                chunks.append(chunk)
    time.sleep(rng.uniform(0.0, max_delay))
    os.kill(pid, signal.SIGKILL)
    os.waitpid(pid, 0)
    while chunk := os.read(read_fd, 65536):
        chunks.append(chunk)
    os.close(read_fd)
    return b"".join(chunks).decode()


def _check(path: Path, report: str, passphrase: str | None, confirmed: set[int]) -> int:
    """Verify the file after a kill; returns how many lines the writer confirmed."""
    lines = [line.split() for line in report.splitlines() if line.strip() and line != "R"]
    db = open_db(path, passphrase=passphrase)
    try:
        assert integrity_problems(db, full=True) == []
        confirmed.update(int(parts[1]) for parts in lines if parts[0] == "E")
        existing = {row[0] for row in db.execute("select id from journal_entries").fetchall()}
        assert confirmed <= existing, sorted(confirmed - existing)
        draft_numbers = [int(parts[1]) for parts in lines if parts[0] == "D"]
        if draft_numbers:
            body = drafts.load_draft(db, "journal:new")
            assert body is not None
            assert int(body.split()[1]) >= draft_numbers[-1]
        for parts in lines:
            if parts[0] == "X":
                record = exercises.get_exercise(db, int(parts[1]))
                assert record.data == {"situation": f"step {parts[2]}"}
    finally:
        db.close()
    return len(lines)


@pytest.mark.parametrize(
    ("rounds", "passphrase", "max_delay"),
    [(ROUNDS, None, 0.06), (ENCRYPTED_ROUNDS, PHRASE, 0.1)],
    ids=["plain", "encrypted"],
)
def test_random_kills_never_corrupt_or_lose_confirmed_writes(
    tmp_path: Path, rounds: int, passphrase: str | None, max_delay: float
) -> None:
    seed = int(os.environ.get("CRASH_SEED", "20261122"))
    rng = random.Random(seed)
    confirmed: dict[Path, set[int]] = {}
    total_lines = 0
    for i in range(rounds):
        # a fresh file every 30 rounds, so kills also land while the schema is being created
        path = tmp_path / f"crash-{i // 30}.db"
        report = _round(path, rng, passphrase, max_delay, wait_ready=i % 3 != 0)
        if not path.exists():
            continue
        total_lines += _check(path, report, passphrase, confirmed.setdefault(path, set()))
    assert total_lines >= rounds // 2  # the writer did get work done between kills
