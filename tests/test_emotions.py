"""The one emotions parser (companion.core.emotions) shared by the check-in, exercises and the CLI."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.emotions import RatedItem, format_rated, parse_emotions, parse_rated


@pytest.mark.parametrize(
    "text",
    [
        "anxious 80, ashamed 60",
        "anxious=80, ashamed=60",
        "anxious: 80\nashamed: 60",
        "anxious 80%,ashamed 60%",
        "Anxious=80\n\n ashamed 60 ,",
    ],
)
def test_every_written_form_gives_the_same_emotions(text: str) -> None:
    assert parse_emotions(text) == {"anxious": 80, "ashamed": 60}


def test_a_name_alone_and_bad_input() -> None:
    assert parse_emotions("calm") == {"calm": 50}
    assert parse_rated("calm") == [RatedItem("calm", None)]
    with pytest.raises(ValueError, match="must be 0-100"):
        parse_emotions("sad 140")
    with pytest.raises(ValueError, match="not 'sad 1'"):
        parse_emotions("sad 1 2")
    with pytest.raises(ValueError, match="needs an emotion's name"):
        parse_emotions("=40")


def test_situations_keep_their_commas_unless_a_rating_ends_the_item() -> None:
    text = "Calling the GP, asking for a test 60, shops 30\nparty 80"
    assert parse_rated(text, split_every_comma=False) == [
        RatedItem("Calling the GP, asking for a test", 60),
        RatedItem("shops", 30),
        RatedItem("party", 80),
    ]


names = st.text(alphabet="abcdefghij klmnop", min_size=1, max_size=12).filter(
    lambda s: s.strip() != ""
)


@given(st.lists(st.tuples(names, st.integers(0, 100)), min_size=1, max_size=6))
def test_format_then_parse_round_trips(items: list[tuple[str, int]]) -> None:
    stored = [{"name": name.strip(), "rating": rating} for name, rating in items]
    parsed = parse_rated(format_rated(stored), split_every_comma=False)
    assert [(i.name, i.rating) for i in parsed] == [(d["name"], d["rating"]) for d in stored]
