"""PHQ-9 and GAD-7: the published wording, scoring and bands, and saving a result.

Both questionnaires were developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke
and colleagues, with an educational grant from Pfizer Inc.; no permission is required to
reproduce them. They are screening questionnaires, not a diagnosis.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlite_utils import Database


ATTRIBUTION = (
    "Developed by Drs. Robert L. Spitzer, Janet B.W. Williams, Kurt Kroenke and colleagues, "
    "with an educational grant from Pfizer Inc. No permission required to reproduce, "
    "translate, display or distribute."
)

NOT_A_DIAGNOSIS = (
    "This is a screening questionnaire, not a diagnosis. Only a qualified professional can "
    "tell you what a score means for you."
)

SEE_A_PROFESSIONAL = (
    "Scores in this range are worth talking over with a professional, such as your GP or "
    "another health professional you trust."
)

SEE_A_PROFESSIONAL_SOON = (
    "Scores this high are worth talking over with a professional soon, such as your GP: "
    "consider booking an appointment this week. If things feel like too much before then, "
    "Help now has people you can reach today."
)

ANSWERS: tuple[tuple[int, str], ...] = (
    (0, "Not at all"),
    (1, "Several days"),
    (2, "More than half the days"),
    (3, "Nearly every day"),
)


@dataclass(frozen=True)
class Instrument:
    """One questionnaire: its key, name, stem, items and bands (lowest total, band name)."""

    key: str
    name: str
    title: str
    stem: str
    items: tuple[str, ...]
    bands: tuple[tuple[int, str], ...]

    @property
    def max_total(self) -> int:
        return 3 * len(self.items)


PHQ9 = Instrument(
    key="phq9",
    name="PHQ-9",
    title="PHQ-9 (mood)",
    stem=(
        "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
    ),
    items=(
        "Little interest or pleasure in doing things",
        "Feeling down, depressed, or hopeless",
        "Trouble falling or staying asleep, or sleeping too much",
        "Feeling tired or having little energy",
        "Poor appetite or overeating",
        "Feeling bad about yourself — or that you are a failure or have let yourself or your "
        "family down",
        "Trouble concentrating on things, such as reading the newspaper or watching television",
        "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
        "being so fidgety or restless that you have been moving around a lot more than usual",
        "Thoughts that you would be better off dead or of hurting yourself in some way",
    ),
    bands=(
        (0, "minimal"),
        (5, "mild"),
        (10, "moderate"),
        (15, "moderately severe"),
        (20, "severe"),
    ),
)

GAD7 = Instrument(
    key="gad7",
    name="GAD-7",
    title="GAD-7 (anxiety)",
    stem="Over the last 2 weeks, how often have you been bothered by the following problems?",
    items=(
        "Feeling nervous, anxious or on edge",
        "Not being able to stop or control worrying",
        "Worrying too much about different things",
        "Trouble relaxing",
        "Being so restless that it is hard to sit still",
        "Becoming easily annoyed or irritable",
        "Feeling afraid as if something awful might happen",
    ),
    bands=((0, "minimal"), (5, "mild"), (10, "moderate"), (15, "severe")),
)

INSTRUMENTS: dict[str, Instrument] = {PHQ9.key: PHQ9, GAD7.key: GAD7}

# PHQ-9 item 9 (index 8): any answer above "Not at all" opens the safety flow.
SAFETY_ITEM_INDEX = 8
SAFETY_REASON = "phq9_item9"


@dataclass(frozen=True)
class Score:
    """A scored questionnaire."""

    instrument: str
    answers: tuple[int, ...]
    total: int
    band: str
    safety_flag: bool

    @property
    def suggest_professional(self) -> bool:
        """True from "moderate" upwards."""
        return self.total >= 10

    def to_dict(self) -> dict[str, object]:
        return {
            "instrument": self.instrument,
            "answers": list(self.answers),
            "total": self.total,
            "band": self.band,
            "safety_flag": self.safety_flag,
        }


def get_instrument(key: str) -> Instrument:
    """The instrument for "phq9" or "gad7" (case and dashes ignored); ValueError otherwise."""
    normal = key.strip().lower().replace("-", "")
    if normal not in INSTRUMENTS:
        raise ValueError(f"Unknown questionnaire {key!r}: choose phq9 or gad7.")
    return INSTRUMENTS[normal]


def band_for(instrument: str, total: int) -> str:
    """The published severity band of a total score."""
    spec = get_instrument(instrument)
    if not 0 <= total <= spec.max_total:
        raise ValueError(f"A {spec.name} total is 0-{spec.max_total}, not {total}.")
    name = spec.bands[0][1]
    for lowest, band in spec.bands:
        if total >= lowest:
            name = band
    return name


def score(instrument: str, answers: list[int] | tuple[int, ...]) -> Score:
    """Validate and score a full set of answers (each 0-3, one per item)."""
    spec = get_instrument(instrument)
    values = tuple(answers)
    if len(values) != len(spec.items):
        raise ValueError(
            f"{spec.name} has {len(spec.items)} questions; {len(values)} answers were given."
        )
    for number, value in enumerate(values, start=1):
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= 3:
            raise ValueError(f"Answer {number} must be 0, 1, 2 or 3, not {value!r}.")
    total = sum(values)
    flag = spec.key == PHQ9.key and values[SAFETY_ITEM_INDEX] > 0
    return Score(spec.key, values, total, band_for(spec.key, total), flag)


def parse_answers(instrument: str, text: str) -> Score:
    """Score answers written as "0,1,2,..." (spaces allowed); ValueError with a clear message."""
    spec = get_instrument(instrument)
    parts = [part.strip() for part in text.replace(" ", ",").split(",") if part.strip()]
    values: list[int] = []
    for number, part in enumerate(parts, start=1):
        if part not in ("0", "1", "2", "3"):
            raise ValueError(f"Answer {number} must be 0, 1, 2 or 3, not {part!r}.")
        values.append(int(part))
    return score(spec.key, values)


def professional_advice(result: Score) -> str | None:
    """What to do about a score: nothing below "moderate"; talk it over from "moderate"; talk
    it over soon from "moderately severe" (PHQ-9 15+) or "severe" (GAD-7 15+)."""
    if result.total >= 15:
        return SEE_A_PROFESSIONAL_SOON
    if result.suggest_professional:
        return SEE_A_PROFESSIONAL
    return None


def item9_answer(result_or_answers: Score | list[int] | tuple[int, ...], instrument: str) -> str:
    """The answer to PHQ-9 question 9 in words when it is above "Not at all", else ""."""
    answers = (
        result_or_answers.answers if isinstance(result_or_answers, Score) else result_or_answers
    )
    if instrument != PHQ9.key or len(answers) <= SAFETY_ITEM_INDEX:
        return ""
    value = answers[SAFETY_ITEM_INDEX]
    return dict(ANSWERS).get(value, "") if value > 0 else ""


def explain(result: Score) -> list[str]:
    """Plain sentences about a result: the score, the band, what it is and is not."""
    spec = get_instrument(result.instrument)
    lines = [
        f"Your {spec.name} score is {result.total} out of {spec.max_total}: {result.band}.",
        NOT_A_DIAGNOSIS,
    ]
    advice = professional_advice(result)
    if advice:
        lines.append(advice)
    if result.safety_flag:
        lines.append(
            "You said you have had thoughts of being better off dead or of hurting yourself. "
            "You deserve support with that now: the crisis resources and your safety plan follow."
        )
    return lines


def record_result(db: Database, result: Score, *, now: datetime | None = None) -> int:
    """Store a scored questionnaire (and a safety event for PHQ-9 item 9); returns its id."""
    from companion.core.store.questionnaire_results import add_questionnaire_result
    from companion.core.store.safety_records import record_safety_event

    with db.atomic():
        saved = add_questionnaire_result(
            db, result.instrument, list(result.answers), result.total, result.band, now=now
        )
        if result.safety_flag:
            record_safety_event(db, "crisis", "assessment", [SAFETY_REASON], now=now)
    return saved.id
