"""Tags on journal entries: read from #work / @sam in the text, filtered, counted, exported,
imported, and compared with mood."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database
from typer.testing import CliRunner

from companion.core.insights.tag_moods import MIN_DAYS, tag_mood, tag_sentences
from companion.core.store import checkins, journal, open_db, search
from companion.core.store.export import export_document, to_csv_files, to_markdown
from companion.core.store.importer import import_document
from companion.core.store.tags import merge_tags, split_query, tag_counts, tags_in
from companion.ui.cli import app

runner = CliRunner()
NOW = datetime(2026, 3, 14, 12, 0, tzinfo=UTC)


def test_tags_in_text() -> None:
    text = (
        "Long day at #Work with @Sam; mail me@example.com, see http://x.org/#anchor, "
        "## a heading, ticket #42, &#39; and #follow-up. #work again"
    )
    assert tags_in(text) == ["follow-up", "sam", "work"]
    assert tags_in("no tags here # at all") == []


@given(st.text())
def test_tags_are_lower_case_words_without_sign(text: str) -> None:
    for tag in tags_in(text):
        assert tag == tag.lower() and tag and not tag.isdigit()
        assert not tag.startswith(("#", "@"))
    assert merge_tags(text) == tags_in(text)


def test_explicit_and_written_tags_are_merged_and_edits_reread_them(db: Database) -> None:
    entry = journal.add_entry(db, "Coffee with @sam", ["#Friends", " errands "])
    assert entry.tags == ["errands", "friends", "sam"]
    edited = journal.update_entry(db, entry.id, "Coffee alone #quiet")
    # the explicit tags stay; @sam was only in the old text, so it goes
    assert edited.tags == ["errands", "friends", "quiet"]


def test_filter_count_and_search_by_tag(db: Database) -> None:
    river = journal.add_entry(db, "Walked by the river #walk #work", now=NOW)
    journal.add_entry(db, "Walked to the shop #walk", now=NOW + timedelta(hours=1))
    journal.add_entry(db, "A river of emails at #work", now=NOW + timedelta(hours=2))
    assert [e.body for e in journal.list_entries(db, tags=["walk"])] == [
        "Walked to the shop #walk",
        "Walked by the river #walk #work",
    ]
    assert [e.id for e in journal.list_entries(db, tags=["walk", "#work"])] == [river.id]
    assert tag_counts(db) == [("walk", 2), ("work", 2)]
    hits = search.search(db, "river #walk", kinds=("journal",))
    assert [hit.id for hit in hits] == [river.id]
    only_tag = search.search(db, "#work", kinds=("journal",))
    assert len(only_tag) == 2 and "\ue000#work\ue001" in only_tag[0].snippet
    assert search.search(db, "#nothing", kinds=("journal",)) == []
    assert search.search(db, "#walk", kinds=("message",)) == []
    assert split_query("river #walk").tags == ["walk"]


def _cli(*args: str) -> tuple[int, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.output


def test_cli_list_tag_tags_and_search() -> None:
    assert _cli("journal", "add", "Deadline stress #work [bold]x[/bold]")[0] == 0
    assert _cli("journal", "add", "Lunch with @sam")[0] == 0
    code, out = _cli("journal", "list", "--tag", "work")
    assert code == 0 and "Deadline stress" in out and "Lunch" not in out
    code, out = _cli("journal", "list", "--tag", "nope")
    assert "No entries tagged #nope" in out
    code, out = _cli("journal", "tags", "--json")
    assert json.loads(out) == [{"tag": "sam", "entries": 1}, {"tag": "work", "entries": 1}]
    code, out = _cli("journal", "tags")
    assert "1  #sam" in out
    code, out = _cli("journal", "search", "#work")
    assert "Deadline stress #work [bold]x[/bold]" in out
    code, out = _cli("journal", "search", "@sam", "--json")
    assert [hit["snippet"] for hit in json.loads(out)] == ["Lunch with @sam"]


def test_tags_in_exports_and_imports(db: Database) -> None:
    journal.add_entry(db, "At #work with @sam", ["Later"], now=NOW)
    document = export_document(db, now=NOW)
    row = document["tables"]["journal_entries"][0]
    assert json.loads(row["tags"]) == ["later", "sam", "work"]
    assert "Tags: #later #sam #work" in to_markdown(db, now=NOW).decode()
    assert "later" in to_csv_files(db)["journal_entries.csv"].decode()
    # An export written before tags were read from the text: import reads them.
    row["tags"] = '["Later"]'
    other = open_db(db_path_for_second_database())
    import_document(other, document)
    assert journal.list_entries(other)[0].tags == ["later", "sam", "work"]
    other.close()


def db_path_for_second_database() -> Path:
    from companion.core import paths

    return paths.data_dir() / "second.db"


def test_export_import_export_is_unchanged_with_tags(db: Database) -> None:
    journal.add_entry(db, "Quiet #home evening", now=NOW)
    first = export_document(db, now=NOW)
    other = open_db(db_path_for_second_database())
    import_document(other, json.loads(json.dumps(first)))
    assert export_document(other, now=NOW) == first
    other.close()


def _day(db: Database, offset: int, mood: int, body: str | None) -> None:
    moment = NOW + timedelta(days=offset)
    checkins.add_checkin(db, mood, now=moment)
    if body:
        journal.add_entry(db, body, now=moment)


def test_mood_on_tagged_days_needs_enough_data(db: Database) -> None:
    _day(db, 0, 3, "Deadline #work")
    _day(db, 1, 7, None)
    result = tag_mood(db, "#work")
    assert result.direction == "too little data"
    assert result.days_with == 1 and result.days_without == 1
    assert "Too little data yet" in tag_sentences(db)[0]
    assert f"{MIN_DAYS}" in tag_sentences(db)[0]


def test_mood_on_tagged_days_against_other_days(db: Database) -> None:
    for offset in range(3):
        _day(db, offset, 4, "Meetings #work")
    for offset in range(3, 6):
        _day(db, offset, 7, "Garden")
    _day(db, 6, 9, None)
    result = tag_mood(db, "work")
    assert (result.days_with, result.days_without) == (3, 4)
    assert result.mean_with == 4 and result.mean_without == 7.5
    assert result.direction == "lower"
    sentence = tag_sentences(db)[0]
    assert sentence.startswith("On days tagged #work your mood averaged 4 (3 days), lower than")


def test_insights_cli_says_how_mood_was_on_tagged_days(db: Database) -> None:
    for offset in range(3):
        _day(db, offset, 3, "Meetings #work")
        _day(db, offset + 3, 8, "Garden")
    db.close()
    code, out = _cli("insights")
    assert code == 0
    assert "On days tagged #work your mood averaged 3 (3 days), lower than" in out


def test_a_tag_being_typed_matches_as_a_prefix(db: Database) -> None:
    journal.add_entry(db, "Deadline #work", now=NOW)
    journal.add_entry(db, "Cake #workshop_day", now=NOW + timedelta(hours=1))
    journal.add_entry(db, "Odd #workshopxday", now=NOW + timedelta(hours=2))
    assert len(search.search(db, "#wo", kinds=("journal",))) == 3  # as you type
    assert search.search(db, "#wo", kinds=("journal",), prefix=False) == []  # the CLI
    assert len(search.search(db, "#work ", kinds=("journal",))) == 1  # a space ends the tag
    hits = search.search(db, "#workshop_", kinds=("journal",))
    assert [hit.snippet for hit in hits] == ["Cake \ue000#workshop_day\ue001"]  # _ is literal
    assert split_query("cake #wor", prefix=True).tags == ["wor*"]
