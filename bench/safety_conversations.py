"""Risk across a conversation, measured (printed, never asserted).

    python3 -m uv run python bench/safety_conversations.py [--show]

Reads tests/data/safety/conversations_dev.txt (looked at while fixing patterns),
conversations_heldout.txt and the blind batches B (tuned on after its first run), C and D (never
tuned on), drives each conversation turn by turn through
``companion.core.safety.flow.decide`` with source chat (the real flow: rules, learned layer, topics,
the conversation's risk state) and prints, per file:

- escalation recall: of the conversations marked ``[escalate N]``, how many reached crisis by
  user turn N; and how many of those needed the conversation (the turn alone, assessed on its
  own, was not a crisis);
- false escalation rate: of the conversations marked ``[none]``, how many had a turn at crisis.
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from companion.core.safety import detect_crisis
from companion.core.safety.conversation import RiskState
from companion.core.safety.flow import Source, decide

DATA = Path(__file__).resolve().parent.parent / "tests" / "data" / "safety"
FILES = (
    ("dev", "conversations_dev.txt"),
    ("held-out", "conversations_heldout.txt"),
    ("held-out B", "conversations_heldout_b.txt"),  # written blind, third round; tuned on
    ("held-out C", "conversations_heldout_c.txt"),  # written blind, never tuned on
    ("held-out D", "conversations_heldout_d.txt"),  # written blind, fifth round, never tuned on
)


@dataclass(frozen=True)
class Conversation:
    expect_by: int | None  # the turn (1-based) by which it should be at crisis; None: never
    turns: tuple[str, ...]


def read(path: Path) -> list[Conversation]:
    out: list[Conversation] = []
    header: str | None = None
    turns: list[str] = []

    def close() -> None:
        if header is not None and turns:
            parts = header.strip("[]").split()
            out.append(
                Conversation(int(parts[1]) if parts[0] == "escalate" else None, tuple(turns))
            )

    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if line.startswith("#"):
            continue
        if line.startswith("["):
            close()
            header, turns = line, []
        elif line:
            turns.append(line)
        else:
            close()
            header, turns = None, []
    return out


def levels(conversation: Conversation) -> list[tuple[bool, bool]]:
    """Per turn: (at crisis in the conversation, at crisis on its own)."""
    state = RiskState()
    out = []
    for text in conversation.turns:
        decision = decide(text, Source.CHAT, state)
        state = decision.state or state
        out.append((decision.assessment.is_crisis, detect_crisis(text).is_crisis))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", action="store_true", help="print the misses")
    args = parser.parse_args(argv)
    for name, filename in FILES:
        conversations = read(DATA / filename)
        risky = [c for c in conversations if c.expect_by is not None]
        calm = [c for c in conversations if c.expect_by is None]
        hits = needed = 0
        misses: list[str] = []
        for c in risky:
            got = levels(c)[: c.expect_by]
            if any(conv for conv, _alone in got):
                hits += 1
                first = next(i for i, (conv, _alone) in enumerate(got) if conv)
                needed += not got[first][1]
            else:
                misses.append("missed: " + " / ".join(c.turns))
        false = 0
        for c in calm:
            if any(conv for conv, _alone in levels(c)):
                false += 1
                misses.append("false escalation: " + " / ".join(c.turns))
        print(
            f"{name:<9} escalation recall {hits}/{len(risky)} "
            f"({100 * hits / max(1, len(risky)):.0f}%; {needed} of them needed the conversation)"
            f"   false escalation {false}/{len(calm)} ({100 * false / max(1, len(calm)):.0f}%)"
        )
        if args.show:
            for line in misses:
                print("    " + line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
