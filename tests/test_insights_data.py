"""Trends, patterns, reminders and sentences on hand-built data with known answers."""

from __future__ import annotations

import time
from datetime import date, timedelta
from typing import Any

import pytest
from sqlite_utils import Database

from companion.core.config import Settings
from companion.core.insights import due_reminders, insight_sentences, mood_series, patterns, trends
from companion.core.insights.questionnaires import record_result, score
from companion.core.insights.reminders import DueKind, Target
from companion.core.store.checkins import add_checkin
from companion.core.store.exercise_records import complete_exercise, start_exercise
from companion.core.store.journal import add_entry
from tests.time_helpers import at

TODAY = date(2026, 11, 22)  # a Sunday


pytestmark = pytest.mark.usefixtures("utc_zone")


def exercise(db: Database, kind: str, day: date, data: dict[str, Any]) -> int:
    record = start_exercise(db, kind, now=at(day))
    return complete_exercise(db, record.id, data, now=at(day)).id


def test_mood_series_has_gaps_and_daily_means(db: Database) -> None:
    add_checkin(db, 4, now=at(TODAY, 9))
    add_checkin(db, 7, now=at(TODAY, 20))
    add_checkin(db, 2, now=at(TODAY - timedelta(days=2)))
    add_checkin(db, 9, now=at(TODAY - timedelta(days=5)))  # outside a 5-day window
    assert mood_series(db, 5, TODAY) == [None, None, 2.0, None, 5.5]
    assert mood_series(db, 0, TODAY) == []
    assert len(mood_series(db, 30, TODAY)) == 30


def test_mood_by_week_and_month(db: Database) -> None:
    add_checkin(db, 2, now=at(date(2026, 10, 31)))  # Saturday, week 44, October
    add_checkin(db, 4, now=at(date(2026, 11, 1)))  # Sunday, week 44, November
    add_checkin(db, 9, now=at(date(2026, 11, 2)))  # Monday, week 45
    weeks = trends.mood_by("week", db)
    assert [(p.label, p.mean, p.count) for p in weeks] == [
        ("2026-W44", 3.0, 2),
        ("2026-W45", 9.0, 1),
    ]
    months = trends.mood_by("month", db)
    assert [(p.label, p.mean, p.count) for p in months] == [
        ("2026-10", 2.0, 1),
        ("2026-11", 6.5, 2),
    ]


def test_streaks(db: Database) -> None:
    for offset in (1, 2, 3):  # yesterday and the two days before: still alive today
        add_checkin(db, 5, now=at(TODAY - timedelta(days=offset)))
    for offset in (10, 11, 12, 13, 14):
        add_entry(db, "notes", now=at(TODAY - timedelta(days=offset)))
    exercise(db, "thought_record", TODAY - timedelta(days=15), {})
    assert trends.streaks(db, TODAY) == trends.Streaks(current=3, longest=6, active_days=9)
    assert trends.streaks(db, TODAY + timedelta(days=2)).current == 0


def test_exercises_done_counts_completed_only(db: Database) -> None:
    exercise(db, "thought_record", TODAY, {})
    exercise(db, "thought_record", TODAY, {})
    exercise(db, "behavioural_activation", TODAY, {})
    start_exercise(db, "thought_record", now=at(TODAY))  # a draft
    assert trends.exercises_done(db) == {"thought_record": 2, "behavioural_activation": 1}


def test_activity_moods_with_counts_and_too_little_data(db: Database) -> None:
    for _ in range(3):
        exercise(
            db,
            "behavioural_activation",
            TODAY,
            {"activities": [{"activity": "Walk", "mood": 8}, {"activity": "emails", "mood": 2}]},
        )
    exercise(db, "behavioural_activation", TODAY, {"activities": [{"name": "walk ", "mood": 8}]})
    exercise(
        db, "behavioural_activation", TODAY, {"activities": [{"activity": "Piano", "mood": 6}]}
    )
    exercise(db, "behavioural_activation", TODAY, {"activities": "not a list"})
    groups = {g.name: g for g in patterns.activity_moods(db)}
    overall = (8 * 4 + 2 * 3 + 6) / 8
    assert groups["Walk"].count == 4 and groups["Walk"].mean == 8
    assert groups["Walk"].difference == pytest.approx(8 - overall)
    assert groups["Walk"].direction == "higher"
    assert groups["emails"].direction == "lower"
    assert groups["Piano"].direction == "too little data"
    sentences = insight_sentences(db, TODAY)
    assert (
        "Activities linked with higher mood than your average: Walk (8 on average, 4 times)."
        in sentences
    )
    assert (
        "Activities linked with lower mood than your average: emails (2 on average, 3 times)."
        in sentences
    )


def test_too_little_activity_data_is_said(db: Database) -> None:
    exercise(db, "behavioural_activation", TODAY, {"activities": [{"activity": "Walk", "mood": 8}]})
    assert any(s.startswith("Too little data yet") for s in insight_sentences(db, TODAY))


def test_distortions_and_belief_change(db: Database) -> None:
    exercise(
        db,
        "thought_record",
        TODAY,
        {
            "distortions": ["catastrophising", "mind_reading"],
            "belief_before": 90,
            "belief_after": 40,
        },
    )
    exercise(
        db,
        "thought_record",
        TODAY,
        {"distortions": ["catastrophising"], "belief_before": 70, "belief_after": 50},
    )
    exercise(db, "thought_record", TODAY, {"distortions": "labelling", "belief_before": "x"})
    counts = patterns.distortion_counts(db)
    assert counts == {"catastrophising": 2, "mind_reading": 1, "labelling": 1}
    change = patterns.belief_change(db)
    assert change == patterns.BeliefChange(records=2, mean_before=80.0, mean_after=45.0)
    sentences = insight_sentences(db, TODAY)
    assert (
        "The thinking traps you spotted most often: catastrophising (2 times), "
        "labelling (1 time), mind reading (1 time)." in sentences
    )
    assert (
        "Across 2 thought records, your belief in the hot thought went from 80% on average "
        "to 45% after working it through." in sentences
    )


def test_weekday_and_time_of_day(db: Database) -> None:
    monday = date(2026, 11, 16)
    saturday = date(2026, 11, 21)
    for week in range(3):
        add_checkin(db, 3, now=at(monday - timedelta(weeks=week), 8))
        add_checkin(db, 8, now=at(saturday - timedelta(weeks=week), 19))
    days = {g.name: g for g in patterns.weekday_moods(db)}
    assert (days["Monday"].mean, days["Monday"].count) == (3.0, 3)
    assert (days["Saturday"].mean, days["Saturday"].count) == (8.0, 3)
    times = {g.name: g for g in patterns.time_of_day_moods(db)}
    assert set(times) == {"morning", "evening"}
    assert times["evening"].mean == 8.0
    sentences = insight_sentences(db, TODAY)
    assert "Your mood tends to be highest on Saturdays (8) and lowest on Mondays (3)." in sentences
    assert (
        "Your mood tends to be highest in the evening (8) and lowest in the morning (3)."
        in sentences
    )


def test_time_of_day_uses_local_time(db: Database, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Tokyo")  # UTC+9, no daylight saving
    time.tzset()
    for _ in range(3):
        add_checkin(db, 2, now=at(TODAY, 23))  # 08:00 in Tokyo
        add_checkin(db, 9, now=at(TODAY, 10))  # 19:00 in Tokyo
    times = {g.name: (g.mean, g.count) for g in patterns.time_of_day_moods(db)}
    assert times == {"morning": (2.0, 3), "evening": (9.0, 3)}


def test_experiments(db: Database) -> None:
    def experiment(data: dict[str, Any]) -> None:
        exercise(db, "behavioural_experiment", TODAY, data)

    experiment({"prediction": "They will laugh", "prediction_came_true": 10})
    experiment({"prediction": "I'll fail", "prediction_came_true": 80})
    experiment({"prediction": "I'll panic", "belief_rating": 80, "belief_rerating": 20})
    experiment({"prediction": "Pending", "belief_rating": 80})
    experiment({"prediction": "They'll say no", "came_true": "no"})
    experiment({"prediction": "Edge", "prediction_came_true": 50})
    found = patterns.experiments(db)
    assert [e.came_true for e in found] == [False, True, False, None, False, True]
    assert found[0].came_true_percent == 10
    assert [e.prediction for e in patterns.predictions_not_true(db)] == [
        "They will laugh",
        "I'll panic",
        "They'll say no",
    ]
    assert (
        "In 3 of your 5 behavioural experiments with an outcome, the feared prediction did not "
        "come true." in insight_sentences(db, TODAY)
    )


def test_mood_and_questionnaire_sentences(db: Database) -> None:
    for offset, mood in ((0, 6), (1, 7), (8, 4), (9, 4)):
        add_checkin(db, mood, now=at(TODAY - timedelta(days=offset)))
    record_result(db, score("phq9", [2] * 6 + [0, 0, 0]), now=at(TODAY - timedelta(days=20)))
    record_result(db, score("phq9", [1] * 6 + [0, 0, 0]), now=at(TODAY))
    sentences = insight_sentences(db, TODAY)
    assert sentences[0] == (
        "Your average mood over the last 7 days was 6.5 out of 10 (2 check-ins), "
        "up from 4 the week before."
    )
    assert sentences[1] == "Over the last 30 days your average mood was 5.2 (4 check-ins)."
    assert (
        "Your latest PHQ-9 (2026-11-22) scored 6, mild; the one before (2026-11-02) scored 12, "
        "moderate." in sentences
    )


def test_empty_store_has_no_sentences(db: Database) -> None:
    assert insight_sentences(db, TODAY) == []
    assert mood_series(db, 3, TODAY) == [None, None, None]
    assert patterns.activity_moods(db) == [] and patterns.belief_change(db) is None


def test_reminders_with_an_injected_clock(db: Database) -> None:
    settings = Settings(assessment_reminder_days=14)
    assert due_reminders(db, settings, TODAY) == []  # never taken: no nagging
    record_result(db, score("gad7", [0] * 7), now=at(TODAY))
    assert due_reminders(db, settings, TODAY + timedelta(days=13)) == []
    (reminder,) = due_reminders(db, settings, TODAY + timedelta(days=14))
    assert "14 days since your last GAD-7" in reminder.sentence
    assert reminder.kind is DueKind.QUESTIONNAIRE and reminder.target == Target("gad7")
    assert (
        due_reminders(db, Settings(assessment_reminder_days=0), TODAY + timedelta(days=400)) == []
    )
    record_result(db, score("phq9", [0] * 9), now=at(TODAY + timedelta(days=10)))
    reminders = due_reminders(db, settings, TODAY + timedelta(days=30))
    assert len(reminders) == 2 and "20 days since your last PHQ-9" in reminders[0].sentence
    assert [r.target.route for r in reminders if r.target] == ["phq9", "gad7"]
