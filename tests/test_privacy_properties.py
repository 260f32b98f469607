"""Property-based checks on the store: any text is kept exactly, any query is safe to search."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from sqlite_utils import Database

from companion.core.store import journal
from companion.core.store._util import clean_text
from companion.core.store.db import open_db
from companion.core.store.search import search

_SHARED: list[Database] = []


def _shared_db() -> Database:
    """One database for all examples (opening one per example would dominate the run time)."""
    if not _SHARED:
        db = open_db(Path(tempfile.mkdtemp(prefix="companion-props-")) / "p.db")
        journal.add_entry(db, 'quotes " and stars * and NEAR(x y) and "unbalanced')
        _SHARED.append(db)
    return _SHARED[0]


SEARCH_ALPHABET = st.characters(codec="utf-8") | st.sampled_from("\"*-^:()+NEAR AND OR NOT\\'")


@settings(max_examples=200, deadline=None)
@given(st.text(SEARCH_ALPHABET, max_size=40))
def test_search_never_raises_for_any_query(query: str) -> None:
    hits = search(_shared_db(), query)
    assert isinstance(hits, list)
    assert all(hit.kind in {"journal", "exercise", "message"} for hit in hits)


@settings(max_examples=60, deadline=None)
@given(st.text(min_size=1, max_size=200).filter(lambda t: clean_text(t).strip() != ""))
def test_any_text_is_kept_exactly_and_found_by_its_words(body: str) -> None:
    db = _shared_db()
    entry = journal.add_entry(db, body)
    assert journal.get_entry(db, entry.id).body == clean_text(body)
    word = next(iter(body.split()), "")
    assert isinstance(search(db, word), list)
