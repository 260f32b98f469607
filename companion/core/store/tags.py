"""Tags on journal entries: ``#work`` and ``@sam`` written in the text, like jrnl.

A tag is kept lower case without its sign (``#Work`` and ``@work`` are the tag ``work``), in
the entry's ``tags`` column (a JSON list) together with any tag given explicitly
(``journal add --tag``). Tags are read from the text on every save; a migration read them
from the entries written before. Plain SQL through ``Conn``, so the quick CLI commands use it
without sqlite-utils.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from companion.core.store._util import Conn

# A sign not preceded by a word character, a slash, "&" or another sign (so e-mail addresses,
# URLs' #anchors, HTML entities and Markdown headings are not tags), then a word.
_TAG = re.compile(r"(?<![\w/&#@])[#@](\w+(?:-\w+)*)")


def normalize_tag(text: str) -> str:
    """``"#Work"``, ``"@work"`` and ``" work "`` all give ``"work"``; "" when nothing is left."""
    return text.strip().lstrip("#@").strip().lower()


def tags_in(text: str) -> list[str]:
    """The tags written in ``text``, sorted, each once. Numbers alone (``#1``) are not tags."""
    return sorted({tag.lower() for tag in _TAG.findall(text) if not tag.isdigit()})


def merge_tags(body: str, explicit: Iterable[str] = ()) -> list[str]:
    """The tags an entry carries: those in its text and those given explicitly."""
    given = {normalize_tag(tag) for tag in explicit}
    return sorted((given | set(tags_in(body))) - {""})


@dataclass(frozen=True)
class QueryParts:
    """A search typed by a person split into free words and tags (``river #work``)."""

    words: str
    tags: list[str]


def split_query(text: str, *, prefix: bool = False) -> QueryParts:
    """Tags (``#work``, ``@sam``) out of a search, the rest kept as typed. With ``prefix`` (search
    as you type), a tag at the very end is still being typed: it becomes ``"wor*"``, which
    matches every tag starting with ``wor``."""
    tags = tags_in(text)
    if not tags:
        return QueryParts(words=text, tags=[])
    words = _TAG.sub(" ", text)
    last = list(_TAG.finditer(text))[-1]
    if prefix and last.end() == len(text) and not last.group(1).isdigit():
        typing = last.group(1).lower()
        tags = sorted({*(t for t in tags if t != typing), typing + "*"})
    return QueryParts(words=words if words.strip() else "", tags=tags)


def _like(prefix: str) -> str:
    escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return escaped + "%"


def tag_filter(tags: list[str]) -> tuple[str, list[str]]:
    """A ``where`` clause (and its parameters) for entries carrying every one of ``tags``; a
    tag ending in ``*`` matches the tags that start with it."""
    clauses: list[str] = []
    params: list[str] = []
    for tag in tags:
        name = normalize_tag(tag)
        if name.endswith("*"):
            clauses.append(
                "exists (select 1 from json_each(journal_entries.tags) "
                "where value like ? escape '\\')"
            )
            params.append(_like(name.rstrip("*")))
        else:
            clauses.append("exists (select 1 from json_each(journal_entries.tags) where value = ?)")
            params.append(name)
    return " and ".join(clauses), params


def tag_counts(db: Conn) -> list[tuple[str, int]]:
    """Every tag with how many entries carry it, most used first (then by name)."""
    rows = db.execute(
        "select value, count(*) from journal_entries, json_each(journal_entries.tags) "
        "where json_valid(journal_entries.tags) group by value order by count(*) desc, value"
    ).fetchall()
    return [(str(tag), int(count)) for tag, count in rows]


def days_tagged(db: Conn, tag: str) -> set[str]:
    """The local dates (YYYY-MM-DD) of the entries carrying ``tag``."""
    clause, params = tag_filter([tag])
    rows = db.execute(f"select distinct local_date from journal_entries where {clause}", params)
    return {str(row[0]) for row in rows.fetchall()}
