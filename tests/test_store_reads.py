"""SQL lives in the store: insights and llm read typed records from companion.core.store (stats,
exercises, assessments, conversations), and `companion sos` reads the plan and country through
the store."""

from __future__ import annotations

import ast
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlite_utils import Database

from companion.core.store import checkins, journal, stats
from companion.core.store import exercise_records as records
from companion.core.store.app_state import set_setting
from companion.core.store.safety_records import SosView, read_sos_view, set_safety_plan, sos_view

CORE = Path(__file__).resolve().parents[1] / "companion" / "core"
# The packages that read the store through its functions only (no SQL, no table names).
READERS = ("insights", "llm")
TABLES = ("checkins", "journal_entries", "assessments", "safety_plan", "settings", "drafts")
SQL = re.compile(r"\b(select|insert\s+into|delete\s+from|update\s+\w+\s+set)\b", re.IGNORECASE)


def test_insights_and_llm_run_no_sql_and_name_no_table() -> None:
    offenders = []
    files = sorted(file for package in READERS for file in (CORE / package).rglob("*.py"))
    assert len(files) > 20
    for file in files:
        for node in ast.walk(ast.parse(file.read_text(encoding="utf-8"))):
            where = f"{file.relative_to(CORE)}:{getattr(node, 'lineno', 0)}"
            if isinstance(node, ast.Attribute) and node.attr in ("execute", "executescript"):
                offenders.append(f"{where} .{node.attr}")
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and (SQL.search(node.value) or node.value in TABLES)
            ):
                offenders.append(f"{where} {node.value[:40]!r}")
    assert offenders == []


def _at(days_ago: int, hour: int = 12) -> datetime:
    noon = datetime.now(UTC).replace(hour=hour, minute=0, second=0, microsecond=0)
    return noon - timedelta(days=days_ago)


def test_mood_read_models_group_in_the_store(db: Database) -> None:
    assert stats.mood_by_day(db) == []
    assert stats.mood_overall(db, "2000-01-01", "2100-01-01") == stats.MoodTotal("", 0.0, 0)
    assert stats.last_checkin_date(db) is None
    assert stats.latest_mood(db) is None
    for days_ago, mood in ((3, 4), (3, 6), (1, 8)):
        checkins.add_checkin(db, mood, now=_at(days_ago))
    assert stats.latest_mood(db) == 8
    days = stats.mood_by_day(db)
    assert [(d.total, d.count, d.mean) for d in days] == [(10.0, 2, 5.0), (8.0, 1, 8.0)]
    first = days[0].key
    assert [d.key for d in stats.mood_by_day(db, since=days[1].key)] == [days[1].key]
    overall = stats.mood_overall(db, first, days[1].key)
    assert (overall.total, overall.count) == (18.0, 3)
    assert stats.last_checkin_date(db) == days[1].key
    assert (stats.checkins_on(db, first), stats.checkins_on(db, "1999-01-01")) == (2, 0)
    assert sum(r.count for r in stats.mood_by_weekday(db)) == 3
    hours = stats.mood_by_local_hour(db)
    assert sum(r.count for r in hours) == 3 and all(0 <= int(r.key) < 24 for r in hours)


def test_practice_days_and_completed_exercises(db: Database) -> None:
    entry = journal.add_entry(db, "a walk", now=_at(5))
    done = records.start_exercise(db, "thought_record", now=_at(2))
    records.complete_exercise(db, done.id, {"belief_before": 80}, now=_at(2))
    records.start_exercise(db, "thought_record", now=_at(1))  # a draft: not practice yet
    damaged = records.start_exercise(db, "thought_record", now=_at(0))
    records.complete_exercise(db, damaged.id, {}, now=_at(0))
    db.execute("update exercises set data = 'not json' where id = ?", [damaged.id])
    assert stats.practice_days(db) == {entry.local_date, done.local_date, damaged.local_date}
    assert stats.exercises_completed(db) == {"thought_record": 2}
    assert stats.exercises_completed(db, since=damaged.local_date) == {"thought_record": 1}
    answers = records.completed_answers(db, "thought_record")
    assert [(a.id, a.data) for a in answers] == [(done.id, {"belief_before": 80})]


def test_sos_reads_plan_and_country_through_the_store(db: Database, companion_home: Path) -> None:
    path = companion_home / "companion.db"
    assert read_sos_view(companion_home / "nothing.db") == SosView()
    set_safety_plan(db, {"reasons": ["my cat", "[b]not markup[/b]"]})
    set_setting(db, "country", "GB")
    expected = SosView({"reasons": ["my cat", "[b]not markup[/b]"]}, "GB")
    assert sos_view(db) == expected
    db.close()
    assert read_sos_view(path) == expected
    other = companion_home / "other.db"
    other.write_bytes(b"not a database at all" * 100)
    assert read_sos_view(other) is None


def test_search_hits_hand_their_matches_to_the_front_ends_as_parts(db: Database) -> None:
    from companion.core.store import search
    from companion.core.textfmt import plain_snippet_line

    journal.add_entry(db, "the river [b]was[/b] calm\x1b[31m by the river")
    (hit,) = search.search(db, "river", kinds=("journal",), prefix=False)
    parts = hit.parts()
    assert [text for text, match in parts if match] == ["river", "river"]
    assert "".join(text for text, _ in parts) == hit.plain_snippet()
    line = plain_snippet_line("1  ", parts, color=False)
    assert "[b]was[/b]" in line and "\\x1b[31m" in line and "\x1b" not in line
