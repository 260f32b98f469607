"""The layers of the safety check: rules for explicit statements, the learned layer for indirect
language, how they combine, the new categories and the scope of past and joking tails.

Offline: no ../shared, no network, no model. Latency is measured in bench/safety.py, never here.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from companion.core.safety import Category, Layer, Level, detect_crisis
from companion.core.safety.detect import _assess_normalised
from companion.core.safety.layers import with_learned as _with_learned
from companion.core.safety.learned import model as learned
from companion.core.safety.learned.features import N_FEATURES, features
from companion.core.safety.normalize import normalize
from companion.core.safety.types import SafetyAssessment


def rules_only(text: str) -> SafetyAssessment:
    return _assess_normalised(normalize(text))


def test_the_shipped_learned_layer_loads() -> None:
    assert learned.available()


@pytest.mark.parametrize(
    ("rules_level", "learned_level", "expected"),
    [
        (Level.CRISIS, "none", Level.CRISIS),
        (Level.CRISIS, "concern", Level.CRISIS),
        (Level.CONCERN, "none", Level.CONCERN),
        (Level.CONCERN, "crisis", Level.CRISIS),
        (Level.NONE, "concern", Level.CONCERN),
        (Level.NONE, "none", Level.NONE),
    ],
)
def test_learned_only_raises_never_lowers(
    monkeypatch: pytest.MonkeyPatch, rules_level: Level, learned_level: str, expected: Level
) -> None:
    fake = learned.LearnedScore(0.5, 0.5, "crisis", learned_level)
    monkeypatch.setattr(learned, "score", lambda text: fake)
    reasons = () if rules_level is Level.NONE else ("suicidal_intent",)
    category = None if rules_level is Level.NONE else Category.SELF
    rules = SafetyAssessment(rules_level, reasons, category, Layer.RULES if reasons else None)
    result = _with_learned("some text here", rules)
    assert result.level is expected
    assert set(rules.reasons) <= set(result.reasons)
    if expected.rank > rules_level.rank:
        assert result.layer is Layer.LEARNED
        assert result.category is not None


def test_a_failing_learned_layer_leaves_the_rules_answer(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(text: str) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(learned, "score", broken)
    assert detect_crisis("i want to kill myself").level is Level.CRISIS
    assert detect_crisis("had a nice walk").level is Level.NONE


# Indirect messages the rules do not see (written for these tests, not in the training data).
INDIRECT = [
    "i feel like nobody would care if i just vanished one day",
    "honestly whats even the point of me anymore, i'm so tired of all of it",
    "i dont know how much longer i can keep pretending im fine",
    "been thinking everyone would manage fine if i wasnt around",
]


@pytest.mark.parametrize("text", [*INDIRECT, "had a lovely lunch with my gran", "what's for tea"])
def test_learned_layer_alone_gives_concern_unless_its_score_is_high(text: str) -> None:
    result = detect_crisis(text)
    if rules_only(text).level is not Level.NONE:
        return
    got = learned.score(text)
    assert got is not None
    thr = learned._model().thresholds["short"]  # type: ignore[union-attr]
    if got.crisis >= thr["crisis"]:
        want = Level.CRISIS
    elif got.flag >= thr["flag"]:
        want = Level.CONCERN
    else:
        want = Level.NONE
    assert result.level is want
    assert result.score is not None
    if want is not Level.NONE:
        assert result.layer is Layer.LEARNED


LONG_INDIRECT = (
    "I don't really know why I'm writing this. Every day feels the same, I wake up and just lie "
    "there for hours. I stopped answering my friends a while ago and honestly I don't think they "
    "noticed. Work is a blur. I keep thinking that it would be easier for everyone if I just "
    "wasn't part of it anymore, like I'm only taking up space. I'm so tired of pretending to be "
    "okay at dinner with my parents. I don't see how any of this gets better."
)


def test_the_learned_layer_sees_an_indirect_journal_entry_the_rules_miss() -> None:
    assert rules_only(LONG_INDIRECT).level is Level.NONE
    result = detect_crisis(LONG_INDIRECT)
    assert result.level.at_least(Level.CONCERN)
    assert result.layer is Layer.LEARNED
    assert result.category is Category.SELF


def test_learned_alone_below_the_high_threshold_is_concern(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    model = learned._model()
    assert model is not None
    thr = model.thresholds["short"]
    crisis = thr["crisis"] - 0.02  # just below the high threshold
    probs = [0.01, 0.99 - crisis, crisis, 0.0, 0.0]  # flagged well above the concern one
    monkeypatch.setattr(model, "probabilities", lambda text, norm=None: probs)
    monkeypatch.setattr(learned, "score", model.score)
    result = detect_crisis("a message the rules leave alone")
    assert result.level is Level.CONCERN
    assert result.layer is Layer.LEARNED


@pytest.mark.parametrize(
    ("rules_level", "lowered", "learned_level", "expected"),
    [
        (Level.CONCERN, False, "concern", Level.CRISIS),  # two layers agree: crisis
        (Level.CONCERN, False, "none", Level.CRISIS),
        (Level.NONE, False, "concern", Level.CONCERN),  # alone, below the high threshold
        (Level.CONCERN, True, "concern", Level.CONCERN),  # the rules lowered it: they decide
    ],
)
def test_a_rule_concern_and_a_corroborating_learned_score_make_a_crisis(
    monkeypatch: pytest.MonkeyPatch,
    rules_level: Level,
    lowered: bool,
    learned_level: str,
    expected: Level,
) -> None:
    fake = learned.LearnedScore(0.9, 0.6, "crisis", learned_level, corroborates=True)
    monkeypatch.setattr(learned, "score", lambda text, norm=None: fake)
    reasons = () if rules_level is Level.NONE else ("hopelessness",)
    meta = {"lowered": "past_or_joke"} if lowered else {}
    category = None if rules_level is Level.NONE else Category.SELF
    rules = SafetyAssessment(rules_level, reasons, category, Layer.RULES, None, meta)
    result = _with_learned("some text here", rules)
    assert result.level is expected
    assert set(rules.reasons) <= set(result.reasons)


def test_a_passive_wish_to_be_dead_alone_is_not_lifted_by_a_corroborating_score(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fake = learned.LearnedScore(0.9, 0.6, "crisis", "concern", corroborates=True)
    monkeypatch.setattr(learned, "score", lambda text, norm=None: fake)
    wish = SafetyAssessment(Level.CONCERN, ("passive_death_wish",), Category.SELF, Layer.RULES)
    assert _with_learned("I wish I were dead", wish).level is Level.CONCERN
    both = SafetyAssessment(
        Level.CONCERN, ("hopelessness", "passive_death_wish"), Category.SELF, Layer.RULES
    )
    assert _with_learned("I wish I were dead, nothing will change", both).level is Level.CRISIS


def test_the_learned_layer_is_not_run_where_the_rules_explained_the_words_away(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def never(text: str, norm: str | None = None) -> None:
        raise AssertionError("the learned layer ran")

    monkeypatch.setattr(learned, "score", never)
    rules = SafetyAssessment(Level.NONE, meta={"explained": "1"})
    assert _with_learned("i would never kill myself", rules) is rules


def test_a_topical_suicide_word_is_lifted_only_by_a_high_learned_crisis_score() -> None:
    # The rules read a bare "suicide" without a subject as topical; the learned layer may
    # still read a crisis in it, but nothing gentler than that counts.
    assert detect_crisis("i will do the suicide this night").is_crisis
    topical = detect_crisis("an essay on suicide prevention for my psychology class")
    assert topical.level is Level.NONE and topical.meta.get("explained") == "topic"
    negated = detect_crisis("I'm not going to kill myself")
    assert negated.level is Level.NONE and negated.meta.get("explained") == "1"


def test_short_and_long_texts_go_to_their_own_heads() -> None:
    model = learned._model()
    assert model is not None
    assert set(model.heads) == {"short", "long"}
    short, long = "i feel so alone tonight", LONG_INDIRECT
    assert len(short) <= learned.SHORT_CHARS < len(long)
    norm_short, norm_long = normalize(short), normalize(long)
    assert model.probabilities(short) == model.heads["short"].probabilities(norm_short)
    assert model.probabilities(long) == model.heads["long"].probabilities(norm_long)
    assert model.heads["short"].probabilities(norm_long) != model.probabilities(long)


@pytest.mark.parametrize("text", [*INDIRECT, LONG_INDIRECT, "had a lovely lunch with my gran"])
def test_the_rules_normalised_text_gives_the_same_learned_score(text: str) -> None:
    assert learned.score(text, normalize(text)) == learned.score(text)
    learned.score.cache_clear()
    assert learned.score(text) == learned.score(text, normalize(text))


def test_reported_speech_is_not_raised_to_a_crisis_by_the_learned_layer() -> None:
    result = detect_crisis("my friend said she wants to die lol")
    assert result.level is Level.CONCERN
    assert result.category is Category.OTHERS


DANGER_FROM = [
    "my boyfriend is threatening to kill me right now",
    "my partner is threatening me right now",
    "he's outside the bathroom door and i can't call anyone, he will hear me",
    "my husband has a knife and he's really angry",
    "she said she'll hurt me if i tell anyone",
]
CHILD = [
    "my stepdad hits my little sister when mum is at work",
    "i think my nephew is being abused",
]
HARM_OTHERS = [
    "i want to hurt someone",
    "i'm going to stab my roommate",
    "i keep thinking about hurting my baby and it scares me",
]


@pytest.mark.parametrize("text", DANGER_FROM + CHILD)
def test_danger_from_others_is_crisis_from_others(text: str) -> None:
    result = detect_crisis(text)
    assert result.level is Level.CRISIS
    assert result.category is Category.FROM_OTHERS


@pytest.mark.parametrize("text", HARM_OTHERS)
def test_wanting_to_hurt_someone_is_crisis_others(text: str) -> None:
    result = detect_crisis(text)
    assert result.level is Level.CRISIS
    assert result.category is Category.OTHERS


@pytest.mark.parametrize(
    "text",
    [
        "my sister will kill me if i forget her birthday",
        "my boss is gonna kill me, i'm late again",
        "i could kill for a pizza",
        "how do i kill the python process",
        "we killed it at the quiz",
        "she kicked me out of the group chat lol",
    ],
)
def test_everyday_kill_me_and_kill_it_are_not_danger(text: str) -> None:
    assert detect_crisis(text).category not in (Category.OTHERS, Category.FROM_OTHERS)
    assert not detect_crisis(text).is_crisis


def test_self_and_danger_from_others_together_put_the_emergency_first() -> None:
    result = detect_crisis("he hit me again and i want to die")
    assert result.level is Level.CRISIS
    assert result.category is Category.FROM_OTHERS


# Families named in issue 12 that the rules did not see.
@pytest.mark.parametrize(
    "text",
    [
        "bought a rope today. havent decided on when yet",
        "if nothing changes by friday im ending it",
        "how many of my sertraline would be too many",
        "how long does it take to pass out when hanging, just curious",
        "I have about 60 of the 100 mg ones",
        "i've written the letters",
        "gave my cat to my neighbour, say bye before i go",
        "relapsed after 8 months clean from sh",
    ],
)
def test_plans_methods_farewells_and_relapse_are_crisis(text: str) -> None:
    result = rules_only(text)
    assert result.level is Level.CRISIS, result
    assert result.category is Category.SELF


@pytest.mark.parametrize(
    "text",
    [
        "i've been drinking every night to cope",
        "is it safe to just stop my lithium",
        "having a panic attack right now",
        "my mum died and i can't stop crying",
        "i'm so lonely, nobody ever texts me",
        "how can i eat less without my parents noticing",
    ],
)
def test_concern_families_are_at_least_concern(text: str) -> None:
    assert rules_only(text).level is Level.CONCERN


@pytest.mark.parametrize(
    "text",
    [
        "i bought a rope for climbing, we decided on the date for the trip",
        "i used to self harm, 3 years clean from sh now",
        "how much paracetamol can a child have for a fever",
        "we played bridge with the neighbours tonight",
    ],
)
def test_everyday_neighbours_of_those_families_are_not_crisis(text: str) -> None:
    assert not detect_crisis(text).is_crisis


# Downgrades that used to override present intent.
PRESENT_INTENT = [
    "i tried to kill myself years ago and this time i'll do it properly",
    "I attempted suicide two years ago and I'm going to try again this weekend",
    "I overdosed in 2019. going to try again this weekend",
    "i used to self harm and this time i will kill myself",
    "i want to die lol. but actually tho",
    "haha jk. but actually tho i want to kill myself",
    "whether or not I should attempt to end my life",
    "i don't know whether i should kill myself or not",
]


@pytest.mark.parametrize("text", PRESENT_INTENT)
def test_past_or_joke_does_not_lower_present_intent(text: str) -> None:
    assert rules_only(text).level is Level.CRISIS
    assert detect_crisis(text).level is Level.CRISIS


@pytest.mark.parametrize(
    "text",
    [
        "I used to cut myself when I was a teenager",
        "i wanted to kill myself years ago, now i'm doing much better",
        "i want to die lol",
    ],
)
def test_past_recovery_and_a_standing_joke_still_lower_to_concern(text: str) -> None:
    assert rules_only(text).level is Level.CONCERN


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=400))
def test_features_are_bounded_and_normalised(text: str) -> None:
    indices, values = features(text)
    assert all(0 <= i < N_FEATURES for i in indices)
    if values:
        assert abs(sum(v * v for v in values) - 1.0) < 1e-6


@settings(max_examples=60, deadline=None)
@given(st.text(max_size=300))
def test_learned_score_is_a_probability_and_assess_never_raises(text: str) -> None:
    got = learned.score(text)
    assert got is not None
    assert 0.0 <= got.crisis <= got.flag + 1e-9 <= 1.0 + 1e-9
    assert isinstance(detect_crisis(text).level, Level)


def test_importing_the_safety_package_does_not_import_numpy_or_the_weights() -> None:
    code = (
        "import sys; import companion.core.safety; from companion.core.safety import detect_crisis; "
        "detect_crisis('i want to kill myself'); "
        "print('numpy' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_safety_check_json_has_category_and_layer(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from companion.ui.cli import app

    lines = ["he says he will kill me if i leave", "i want to hurt someone", "had a nice walk"]
    path = tmp_path / "messages.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["safety", "check", "--file", str(path)])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [(r["level"], r["category"], r["layer"]) for r in rows] == [
        ("crisis", "from_others", "rules"),
        ("crisis", "others", "rules"),
        ("none", None, None),
    ]


def test_the_held_out_batch_is_never_among_the_training_messages() -> None:
    bench = Path(__file__).resolve().parent.parent / "bench"
    sys.path.insert(0, str(bench))
    try:
        from safety_data import heldout_messages, short_messages
    finally:
        sys.path.remove(str(bench))
    held = heldout_messages()
    assert len(held) >= 780
    splits = {"heldout_f", "heldout_g", "heldout_h", "heldout_i", "heldout_j"}
    assert {e.split for e in held} == splits
    short = short_messages()
    assert not {e.text.lower() for e in held} & {e.text.lower() for e in short}
    assert "heldout" not in (bench / "train_safety.py").read_text(encoding="utf-8")
    # The batches measured but not in the shipped weights' training are never train or dev.
    assert {e.split for e in short if e.split not in ("train", "dev", "test")} == {"new"}
    assert len([e for e in short if e.split == "new"]) >= 1900


def test_a_text_shorter_than_any_the_layer_was_trained_on_is_left_to_the_rules(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # No training or dev text has fewer than three words; the layer read "left 24" as a crisis.
    fake = learned.LearnedScore(0.99, 0.99, "crisis", "crisis")
    monkeypatch.setattr(learned, "score", lambda text, norm=None: fake)
    rules = SafetyAssessment(Level.NONE)
    assert _with_learned("left 24", rules) is rules
    assert _with_learned("left 24 hours", rules).level is Level.CRISIS
    assert detect_crisis("kms").is_crisis  # the rules still read the shortest messages
