"""The one render model of help (``safety.help_view``) and its plain-text drawings: no Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from companion.core.safety.help_text import (
    reply_lines_text,
    reply_plan_text,
    sos_danger_text,
    sos_lines_text,
    sos_plan_text,
)
from companion.core.safety.help_view import (
    ASK_COUNTRY,
    FIND_A_HELPLINE_SOMEWHERE_ELSE,
    LOCAL_EMERGENCY,
    HelpView,
    Part,
    help_view,
)
from companion.core.safety.helplines import FIND_A_HELPLINE, for_country
from companion.core.safety.plan import SECTION_KEYS
from companion.core.safety.resources import Resource, resources_for
from companion.core.safety.types import Category


def _parts(view: HelpView) -> list[Part]:
    return [section.part for section in view.sections]


def test_self_harm_shows_emergency_first_then_crisis_lines_and_the_plan() -> None:
    view = help_view("GB", category=Category.SELF, plan={"reasons_for_living": ["my dog"]})
    assert _parts(view) == [
        Part.EMERGENCY,
        Part.CRISIS_LINES,
        Part.FIND_A_HELPLINE,
        Part.SAFETY_PLAN,
    ]
    assert view.emergency == "999 or 112" and view.known and view.country_name == "United Kingdom"
    names = [item.name for item in view.parts(Part.CRISIS_LINES)[0].items]
    assert "Samaritans" in names
    samaritans = view.parts(Part.CRISIS_LINES)[0].items[names.index("Samaritans")]
    assert "Call 116 123" in samaritans.ways and samaritans.hours == "24/7"
    assert view.plan[0].title == "My reasons for living"
    assert [item.name for item in view.plan[0].items] == ["my dog"]


def test_danger_from_others_shows_emergency_first_then_abuse_and_child_lines() -> None:
    view = help_view("GB", category=Category.FROM_OTHERS)
    assert _parts(view) == [
        Part.EMERGENCY,
        Part.ABUSE_LINES,
        Part.CHILD_LINES,
        Part.CRISIS_LINES,
        Part.FIND_A_HELPLINE,
    ]
    abuse = view.section(Part.ABUSE_LINES)
    child = view.section(Part.CHILD_LINES)
    assert abuse is not None and child is not None
    assert any("0808 2000 247" in way for item in abuse.items for way in item.ways)
    assert any("0800 1111" in way for item in child.items for way in item.ways)
    assert not view.plan  # a plan for self-harm is not what someone in danger from others needs


def test_danger_to_others_shows_emergency_first_and_child_lines_without_abuse_lines() -> None:
    view = help_view("US", category=Category.OTHERS)
    assert _parts(view)[0] is Part.EMERGENCY
    assert Part.CHILD_LINES in _parts(view) and Part.ABUSE_LINES not in _parts(view)
    assert view.emergency == for_country("US").emergency


def test_every_category_puts_the_emergency_number_first() -> None:
    for category in (*Category, None):
        assert resources_for(category)[0] is Resource.EMERGENCY
        assert help_view("IE", category=category).sections[0].part is Part.EMERGENCY


def test_a_country_without_danger_lines_says_call_the_emergency_number() -> None:
    view = help_view("JP", category=Category.FROM_OTHERS)
    abuse = view.section(Part.ABUSE_LINES)
    assert abuse is not None and not abuse.items
    assert for_country("JP").emergency in abuse.empty and FIND_A_HELPLINE in abuse.empty
    assert sos_danger_text(view) == ""  # `companion sos` then prints no danger block


@pytest.mark.parametrize("country", [None, "", "ZZ"])
def test_no_country_gives_findahelpline_and_asks_never_one_countrys_numbers(
    country: str | None,
) -> None:
    view = help_view(country, category=Category.FROM_OTHERS)
    assert not view.known and view.emergency == LOCAL_EMERGENCY
    assert _parts(view)[:2] == [Part.EMERGENCY, Part.ASK_COUNTRY]
    ask = view.section(Part.ASK_COUNTRY)
    assert ask is not None and ask.empty == ASK_COUNTRY and FIND_A_HELPLINE in ask.empty
    assert all(not s.items for s in view.parts(Part.ABUSE_LINES, Part.CHILD_LINES))
    assert view.section(Part.FIND_A_HELPLINE) is not None
    assert FIND_A_HELPLINE in FIND_A_HELPLINE_SOMEWHERE_ELSE
    text = reply_lines_text(view, "run `companion country CODE` once")
    assert "local emergency number" in text and FIND_A_HELPLINE in text
    assert "companion country CODE" in text and "988" not in text and "999" not in text


def test_reply_lines_keep_their_order_and_wording() -> None:
    view = help_view("GB", category=Category.FROM_OTHERS)
    text = reply_lines_text(view, "")
    assert text.splitlines()[0] == "Emergency (United Kingdom): 999 or 112"
    assert text.index("If someone is hurting or threatening you:") < text.index("0808 2000 247")
    assert text.index("0808 2000 247") < text.index("If a child is at risk:")
    assert text.index("If a child is at risk:") < text.index("Crisis lines:")
    assert text.splitlines()[-1] == f"Anywhere else: {FIND_A_HELPLINE}"


def test_sos_lines_list_every_way_and_the_hours() -> None:
    text = sos_lines_text(help_view("NZ", tuple(Resource)))
    assert text.startswith("Emergency (New Zealand): 111\n")
    assert "\n1737, Need to talk?\n  Call 1737\n  Text 1737\n  Hours: 24/7\n" in text
    assert "  Hours: " in text and text.endswith(FIND_A_HELPLINE)


def test_the_plan_is_in_section_order_and_limited_in_replies() -> None:
    plan = {key: [f"{key} {n}" for n in range(5)] for key in reversed(SECTION_KEYS)}
    view = help_view("GB", (Resource.SAFETY_PLAN,), plan, plan_items=3)
    assert [s.title[:2] for s in view.plan][:2] == ["1.", "2."]
    assert all(len(section.items) == 3 for section in view.plan)
    assert len(help_view("GB", (Resource.SAFETY_PLAN,), plan).plan[0].items) == 5


def test_an_empty_plan_has_no_plan_sections_and_a_gentle_word() -> None:
    view = help_view("GB", plan={"warning_signs": ["   "], "unknown_key": ["x"]})
    assert not view.plan
    assert "haven't written a safety plan" in reply_plan_text(view, "press F1")
    assert sos_plan_text(view) == ""


plan_text = st.text(min_size=1, max_size=40).filter(lambda s: s.strip() == s and s)


@given(st.lists(plan_text, min_size=1, max_size=4))
def test_plan_items_stay_literal(items: list[str]) -> None:
    markup = ["[bold]not bold[/bold]", "[red]x[/]", "[link=https://x]y[/link]", *items]
    view = help_view("GB", plan={"people_to_ask": markup})
    assert [item.name for item in view.plan[0].items] == markup
    for text in (reply_plan_text(view, ""), sos_plan_text(view)):
        for item in markup:
            assert item in text


def test_the_model_imports_no_front_end() -> None:
    code = (
        "import sys\n"
        "import companion.core.safety.help_text, companion.core.safety.help_view\n"
        "from companion.core.safety.help_view import help_view\n"
        "help_view('GB', plan={'warning_signs': ['x']})\n"
        "print([m for m in ('textual', 'typer', 'rich.console', 'rich.text') if m in sys.modules])"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"


def test_sos_and_assess_print_the_plan_literally() -> None:
    from typer.testing import CliRunner

    from companion.ui.cli import app

    runner = CliRunner()
    runner.invoke(app, ["country", "GB"])
    runner.invoke(app, ["safety-plan", "set", "people_to_ask", "Sam [bold]0770[/bold]"])
    out = runner.invoke(app, ["sos"]).output
    assert "Sam [bold]0770[/bold]" in out and "0808 2000 247" in out
    result = runner.invoke(app, ["assess", "phq9", "--answers", "0,0,0,0,0,0,0,0,3", "--json"])
    assert "Sam [bold]0770[/bold]" in result.stderr and "Samaritans" in result.stderr
