"""What encryption at rest costs: plain SQLite against SQLCipher, measured in the same run.

Opens a database (plain; encrypted the first time, i.e. with Argon2id; again, with the key
already derived; with the key kept by ``crypto.unlock``), inserts journal entries one
transaction each, searches, makes a backup and a JSON export, and converts (encrypt). Prints
medians and the encrypted/plain ratio.

    uv run python bench/privacy.py [--entries 2000] [--runs 5] [--json FILE]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _common import median, print_table, time_call, write_json

from companion.core.store import backup, crypto, journal
from companion.core.store.db import open_db
from companion.core.store.export import to_json
from companion.core.store.search import search

PHRASE = "benchmark passphrase"
WORDS = "calm river anxious meeting sleep walk tea friend exam rain garden tired proud".split()


def _fill(path: Path, entries: int, passphrase: str | None) -> list[float]:
    rng = random.Random(7)
    db = open_db(path, passphrase=passphrase)
    bodies = [" ".join(rng.choices(WORDS, k=rng.randint(40, 300))) for _ in range(entries)]
    index = iter(bodies)
    times = time_call(lambda: journal.add_entry(db, next(index)), entries)
    db.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", dest="json_path")
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="companion-bench-privacy-"))
    plain, sealed = folder / "plain.db", folder / "sealed.db"
    figures: dict[str, Any] = {"entries": args.entries, "runs": args.runs}

    insert_plain = median(_fill(plain, args.entries, None))
    insert_sealed = median(_fill(sealed, args.entries, PHRASE))
    open_plain = median(time_call(lambda: open_db(plain).close(), args.runs))
    first_open = median(
        time_call(lambda: (crypto.lock(), open_db(sealed, passphrase=PHRASE).close()), args.runs)
    )
    open_phrase = median(time_call(lambda: open_db(sealed, passphrase=PHRASE).close(), args.runs))
    crypto.unlock(sealed, PHRASE)
    open_key = median(time_call(lambda: open_db(sealed).close(), args.runs))

    rows: list[list[Any]] = [
        ["first open (Argon2id key)", open_plain, first_open, first_open / open_plain],
        ["open again (key derived)", open_plain, open_phrase, open_phrase / open_plain],
        ["open (unlocked key)", open_plain, open_key, open_key / open_plain],
        ["insert one entry", insert_plain, insert_sealed, insert_sealed / insert_plain],
    ]
    for label, work in (
        ("search 'river calm'", lambda db: search(db, "river calm")),
        ("backup", lambda db: backup.backup_now(db, directory=folder / label_dir(db))),
        ("JSON export", lambda db: to_json(db)),
    ):
        dbs = (open_db(plain), open_db(sealed))
        plain_t = median(time_call(lambda db=dbs[0], w=work: w(db), args.runs))
        sealed_t = median(time_call(lambda db=dbs[1], w=work: w(db), args.runs))
        for db in dbs:
            db.close()
        rows.append([label, plain_t, sealed_t, sealed_t / plain_t])
    convert = median(time_call(lambda: _convert_copy(plain, folder), 1 if args.runs < 3 else 3))
    rows.append(["encrypt (convert) the plain file", "-", convert, "-"])
    print_table(
        f"Privacy: plain vs encrypted, {args.entries} entries, medians in seconds",
        ["operation", "plain", "encrypted", "ratio"],
        rows,
    )
    names = ["operation", "plain", "encrypted", "ratio"]
    figures["rows"] = [dict(zip(names, row, strict=True)) for row in rows]
    figures["size_bytes"] = {"plain": plain.stat().st_size, "encrypted": sealed.stat().st_size}
    write_json(args.json_path, figures)
    crypto.lock()


def label_dir(db: Any) -> str:
    return "backups-" + ("sealed" if "Cipher" in type(db.conn).__name__ else "plain")


def _convert_copy(plain: Path, folder: Path) -> None:
    copy = folder / "convert.db"
    for stale in folder.glob("convert.db*"):
        stale.unlink()
    db = open_db(plain)
    backup.backup_now(db, directory=folder / "conv")
    db.close()
    newest = backup.list_backups(folder / "conv")[0]
    newest.rename(copy)
    crypto.encrypt_database(copy, PHRASE)


if __name__ == "__main__":
    main()
