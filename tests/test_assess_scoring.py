"""PHQ-9 and GAD-7: wording, every band edge, validation, item 9 and saving."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database

from companion.core.insights import questionnaires as q
from companion.core.store.questionnaire_results import list_questionnaire_results
from companion.core.store.safety_records import list_safety_events

PHQ9_EDGES = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "moderately severe"),
    (19, "moderately severe"),
    (20, "severe"),
    (27, "severe"),
]
GAD7_EDGES = [
    (0, "minimal"),
    (4, "minimal"),
    (5, "mild"),
    (9, "mild"),
    (10, "moderate"),
    (14, "moderate"),
    (15, "severe"),
    (21, "severe"),
]


def answers_for(total: int, items: int, *, item9_zero: bool = False) -> list[int]:
    """Answers summing to ``total``, filled from the first item (item 9 kept 0 if asked)."""
    answers = [0] * items
    left = total
    order = [i for i in range(items) if not (item9_zero and i == 8)] + ([8] if item9_zero else [])
    for index in order:
        answers[index] = min(3, left)
        left -= answers[index]
    assert left == 0
    return answers


@pytest.mark.parametrize(("total", "band"), PHQ9_EDGES)
def test_phq9_band_edges(total: int, band: str) -> None:
    assert q.band_for("phq9", total) == band
    result = q.score("phq9", answers_for(total, 9, item9_zero=total <= 24))
    assert (result.total, result.band) == (total, band)
    assert result.suggest_professional == (total >= 10)


@pytest.mark.parametrize(("total", "band"), GAD7_EDGES)
def test_gad7_band_edges(total: int, band: str) -> None:
    assert q.band_for("gad7", total) == band
    result = q.score("gad7", answers_for(total, 7))
    assert (result.total, result.band, result.safety_flag) == (total, band, False)
    assert result.suggest_professional == (total >= 10)


@pytest.mark.parametrize(("instrument", "total"), [("phq9", -1), ("phq9", 28), ("gad7", 22)])
def test_totals_out_of_range_are_refused(instrument: str, total: int) -> None:
    with pytest.raises(ValueError):
        q.band_for(instrument, total)


def test_published_wording() -> None:
    assert q.PHQ9.stem == (
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    )
    assert len(q.PHQ9.items) == 9 and len(q.GAD7.items) == 7
    assert q.PHQ9.items[0] == "Little interest or pleasure in doing things"
    assert q.PHQ9.items[8] == (
        "Thoughts that you would be better off dead or of hurting yourself in some way"
    )
    assert q.GAD7.items[0] == "Feeling nervous, anxious or on edge"
    assert q.GAD7.items[6] == "Feeling afraid as if something awful might happen"
    assert [label for _, label in q.ANSWERS] == [
        "Not at all",
        "Several days",
        "More than half the days",
        "Nearly every day",
    ]
    assert "Spitzer" in q.ATTRIBUTION and "Pfizer" in q.ATTRIBUTION
    assert "not a diagnosis" in q.NOT_A_DIAGNOSIS


@pytest.mark.parametrize("item9", [1, 2, 3])
def test_item9_flags_whatever_the_total(item9: int) -> None:
    result = q.score("phq9", [0] * 8 + [item9])
    assert result.safety_flag
    assert result.band == "minimal"
    assert any("crisis" in line for line in q.explain(result))


def test_no_flag_without_item9_and_never_for_gad7() -> None:
    assert not q.score("phq9", [3] * 8 + [0]).safety_flag
    assert not q.score("gad7", [3] * 7).safety_flag


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("0,1,2", "has 9 questions; 3 answers"),
        ("0,1,2,3,0,1,2,3,4", "Answer 9 must be 0, 1, 2 or 3"),
        ("0,1,2,3,0,1,2,3,x", "not 'x'"),
        ("0,1,2,3,0,1,2,3,-1", "not '-1'"),
        ("", "0 answers"),
    ],
)
def test_parse_answers_validates(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        q.parse_answers("phq9", text)


def test_parse_answers_accepts_spaces() -> None:
    assert q.parse_answers("GAD-7", "1, 1 1,1,1,1,1").total == 7


def test_unknown_instrument() -> None:
    with pytest.raises(ValueError, match="phq9 or gad7"):
        q.get_instrument("bdi")


@given(st.lists(st.integers(0, 3), min_size=9, max_size=9))
def test_total_is_the_sum_and_band_is_monotonic(answers: list[int]) -> None:
    result = q.score("phq9", answers)
    assert result.total == sum(answers)
    assert result.safety_flag == (answers[8] > 0)
    order = [band for _, band in q.PHQ9.bands]
    assert order.index(result.band) == sum(result.total >= low for low, _ in q.PHQ9.bands) - 1


def test_explain_suggests_a_professional_from_moderate() -> None:
    assert not any("professional," in s for s in q.explain(q.score("gad7", [1, 1, 1, 1, 1, 2, 2])))
    assert any("professional," in s for s in q.explain(q.score("gad7", [2, 2, 1, 1, 1, 2, 1])))


def test_record_result_saves_and_records_a_safety_event(db: Database) -> None:
    q.record_result(db, q.score("gad7", [1] * 7))
    assert list_safety_events(db) == []
    q.record_result(db, q.score("phq9", [0] * 8 + [1]))
    saved = list_questionnaire_results(db)
    assert [(a.instrument, a.total, a.band) for a in saved] == [
        ("gad7", 7, "mild"),
        ("phq9", 1, "minimal"),
    ]
    events = list_safety_events(db)
    assert len(events) == 1
    assert events[0]["level"] == "crisis" and events[0]["source"] == "assessment"
    assert events[0]["reasons"] == ["phq9_item9"]
