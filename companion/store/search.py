"""Full-text search across journal entries, exercise answers and chat messages.

Whatever the person types is turned into a safe FTS5 query: every word is quoted, so FTS
syntax characters (quotes, ``*``, ``-``, ``NEAR``, parentheses) are searched for as text and
never raise. Results are ranked with bm25 and carry a snippet whose matches are wrapped in
MARK_START / MARK_END (private-use characters, so no markup is ever mixed into user text).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from sqlite_utils import Database

from companion.textfmt import MARK_END, MARK_START

_WORD = re.compile(r"\w+", re.UNICODE)

KINDS = ("journal", "exercise", "message")

_SOURCES = {
    "journal": (
        "select 'journal' as kind, t.id as id, t.created_utc as created_utc, "
        "snippet(journal_entries_fts, 0, :a, :b, '…', 12) as snippet, "
        "bm25(journal_entries_fts) as score "
        "from journal_entries_fts join journal_entries t on t.rowid = journal_entries_fts.rowid "
        "where journal_entries_fts match :q"
    ),
    "exercise": (
        "select 'exercise' as kind, t.id as id, t.updated_utc as created_utc, "
        "snippet(exercises_fts, 0, :a, :b, '…', 12) as snippet, bm25(exercises_fts) as score "
        "from exercises_fts join exercises t on t.rowid = exercises_fts.rowid "
        "where exercises_fts match :q"
    ),
    "message": (
        "select 'message' as kind, t.id as id, t.created_utc as created_utc, "
        "snippet(messages_fts, 0, :a, :b, '…', 12) as snippet, bm25(messages_fts) as score "
        "from messages_fts join messages t on t.rowid = messages_fts.rowid "
        "where messages_fts match :q"
    ),
}


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "journal" | "exercise" | "message"
    id: int
    created_utc: str
    snippet: str
    score: float

    def plain_snippet(self) -> str:
        return self.snippet.replace(MARK_START, "").replace(MARK_END, "")

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "id": self.id,
            "created_utc": self.created_utc,
            "snippet": self.plain_snippet(),
            "score": self.score,
        }


def fts_query(text: str, *, prefix: bool = True) -> str | None:
    """A safe FTS5 query for free text: each word quoted; the last one a prefix while typing."""
    words = _WORD.findall(text)
    if not words:
        return None
    quoted = [f'"{word}"' for word in words]
    if prefix and text and not text[-1].isspace():
        quoted[-1] += "*"
    return " ".join(quoted)


def search(
    db: Database,
    text: str,
    *,
    kinds: tuple[str, ...] = KINDS,
    limit: int = 50,
    prefix: bool = True,
) -> list[SearchHit]:
    """Ranked hits (best first) for ``text`` in the chosen kinds. Never raises for odd input."""
    query = fts_query(text, prefix=prefix)
    if query is None:
        return []
    parts = [_SOURCES[kind] for kind in kinds if kind in _SOURCES]
    if not parts:
        return []
    sql = " union all ".join(parts) + " order by score limit :limit"
    params = {"q": query, "a": MARK_START, "b": MARK_END, "limit": limit}
    try:
        rows = db.execute(sql, params).fetchall()
    except sqlite3.OperationalError:
        return []
    return [
        SearchHit(kind=r[0], id=int(r[1]), created_utc=str(r[2]), snippet=str(r[3]), score=r[4])
        for r in rows
    ]


def optimize_index(db: Database) -> None:
    """Merge FTS segments and drop deleted rows' remnants from the index."""
    for name in ("journal_entries_fts", "exercises_fts", "messages_fts"):
        db.execute(f"insert into {name}({name}) values('optimize')")
