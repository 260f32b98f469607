"""Full-text search across journal entries, exercise answers and chat messages.

Whatever the person types is turned into a safe FTS5 query: every word is quoted, so FTS
syntax characters (quotes, ``*``, ``-``, ``NEAR``, parentheses) are searched for as text and
never raise. Results are ranked with bm25 and carry a snippet whose matches are wrapped in
MARK_START / MARK_END (private-use characters, so no markup is ever mixed into user text);
``SearchHit.parts()`` gives it as (text, is_match) pieces, which is what the front ends draw.

Tags in the text (``#work``, ``@sam``) filter journal entries: ``river #work`` ranks the
entries tagged ``work`` that mention a river; ``#work`` alone lists the tagged entries, newest
first. Only journal entries carry tags, so a search with a tag finds nothing else.
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass

from companion.core.store._util import Conn
from companion.core.store.tags import split_query, tag_filter

# Search snippets mark their matches with these private-use characters (never markup).
MARK_START = "\ue000"
MARK_END = "\ue001"

_WORD = re.compile(r"\w+", re.UNICODE)

KINDS = ("journal", "exercise", "message")

# kind -> (FTS table, content table, timestamp column)
_SOURCES = {
    "journal": ("journal_entries_fts", "journal_entries", "created_utc"),
    "exercise": ("exercises_fts", "exercises", "updated_utc"),
    "message": ("messages_fts", "messages", "created_utc"),
}

# bm25 costs time in proportion to the number of matching rows. When a query matches more rows
# than this, it is ranked among the most recent RANK_WINDOW matches (FTS5 yields them in rowid
# order and stops), so a common word stays fast in a journal of 100,000 entries.
RANK_WINDOW = 1000


@dataclass(frozen=True)
class SearchHit:
    kind: str  # "journal" | "exercise" | "message"
    id: int
    created_utc: str
    snippet: str
    score: float

    def plain_snippet(self) -> str:
        return self.snippet.replace(MARK_START, "").replace(MARK_END, "")

    def parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, in order, without the markers."""
        pieces: list[tuple[str, bool]] = []
        for index, text in enumerate(self.snippet.replace(MARK_END, MARK_START).split(MARK_START)):
            if text:
                pieces.append((text, index % 2 == 1))
        return pieces

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
    db: Conn,
    text: str,
    *,
    kinds: tuple[str, ...] = KINDS,
    limit: int = 50,
    prefix: bool = True,
) -> list[SearchHit]:
    """Ranked hits (best first) for ``text`` in the chosen kinds. Never raises for odd input."""
    parts = split_query(text, prefix=prefix)
    if parts.tags:
        if "journal" not in kinds:
            return []
        kinds = ("journal",)
        if not parts.words:
            return _tagged(db, parts.tags, limit)
        text = parts.words
    query = fts_query(text, prefix=prefix)
    if query is None:
        return []
    try:
        ranked: list[tuple[float, str, int]] = []
        for kind in kinds:
            if kind in _SOURCES:
                ranked.extend(
                    (score, kind, rowid)
                    for rowid, score in _rank(db, kind, query, limit, parts.tags)
                )
        ranked.sort()
        best = ranked[:limit]
        details = {
            kind: _details(db, kind, query, [rowid for _, k, rowid in best if k == kind])
            for kind in {k for _, k, _ in best}
        }
    except sqlite3.OperationalError:
        return []
    hits = []
    for score, kind, rowid in best:
        created, snippet = details[kind].get(rowid, ("", ""))
        hits.append(
            SearchHit(kind=kind, id=rowid, created_utc=created, snippet=snippet, score=score)
        )
    return hits


def _rank(
    db: Conn, kind: str, query: str, limit: int, tags: list[str] | None = None
) -> list[tuple[int, float]]:
    """The best ``limit`` rows by bm25 among the RANK_WINDOW most recent matches (of those
    carrying every tag in ``tags``, for journal entries).

    FTS5 walks its index in rowid order, so "the most recent N" stops early; bm25 is then
    computed for at most N rows, and the sort happens here.
    """
    fts, content, _ = _SOURCES[kind]
    if tags:
        clause, params = tag_filter(tags)
        rows = db.execute(
            f"select {fts}.rowid, bm25({fts}) from {fts} join {content} "
            f"on {content}.id = {fts}.rowid where {fts} match ? and {clause} "
            f"order by {fts}.rowid desc limit ?",
            [query, *params, RANK_WINDOW],
        ).fetchall()
    else:
        rows = db.execute(
            f"select rowid, bm25({fts}) from {fts} where {fts} match ? order by rowid desc limit ?",
            [query, RANK_WINDOW],
        ).fetchall()
    rows.sort(key=lambda row: (row[1], -row[0]))
    return [(int(rowid), float(score)) for rowid, score in rows[:limit]]


def _details(db: Conn, kind: str, query: str, rowids: list[int]) -> dict[int, tuple[str, str]]:
    """Timestamps and snippets for the few rows that made the cut."""
    if not rowids:
        return {}
    fts, content, stamp = _SOURCES[kind]
    marks = ", ".join("?" for _ in rowids)
    # One pass over the matches between the first and last wanted row, computing snippets only
    # for the wanted ones: looking rows up one by one re-reads a prefix query's whole doclist
    # for every row, which costs ~100 ms on a large journal.
    snippets = {
        rowid: snippet
        for rowid, snippet in db.execute(
            f"select rowid, case when rowid in ({marks}) then "
            f"snippet({fts}, 0, ?, ?, '…', 12) end from {fts} "
            f"where {fts} match ? and rowid between ? and ?",
            [*rowids, MARK_START, MARK_END, query, min(rowids), max(rowids)],
        ).fetchall()
        if snippet is not None
    }
    rows = db.execute(
        f"select rowid, {stamp} from {content} where rowid in ({marks})", rowids
    ).fetchall()
    return {int(rowid): (str(created), str(snippets.get(rowid, ""))) for rowid, created in rows}


SNIPPET_CHARS = 120


def _tagged(db: Conn, tags: list[str], limit: int) -> list[SearchHit]:
    """The newest ``limit`` entries carrying every tag, each with its first line as snippet
    (the tags in it marked)."""
    from companion.core.store.journal import list_entries

    hits = []
    for entry in list_entries(db, tags=tags, limit=limit):
        line = entry.first_line
        snippet = line[:SNIPPET_CHARS] + ("…" if len(line) > SNIPPET_CHARS else "")
        for tag in tags:
            name, tail = (tag[:-1], r"[\w-]*") if tag.endswith("*") else (tag, "")
            snippet = re.sub(
                rf"(?<![\w/&#@])([#@]{re.escape(name)}{tail})(?![\w-])",
                lambda m: MARK_START + m.group(1) + MARK_END,
                snippet,
                flags=re.IGNORECASE,
            )
        hits.append(
            SearchHit(
                kind="journal",
                id=entry.id,
                created_utc=entry.created_utc,
                snippet=snippet,
                score=0.0,
            )
        )
    return hits
