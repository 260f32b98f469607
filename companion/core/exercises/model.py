"""The shape of an exercise definition: plain frozen dataclasses, built by the loader."""

from __future__ import annotations

from dataclasses import dataclass, field

#: Every step type the engine understands, with what its answer looks like.
STEP_TYPES: dict[str, str] = {
    "info": "nothing to answer: text to read",
    "text": "free text",
    "list": "a list of short texts",
    "rating100": "a whole number 0-100",
    "rating10": "a whole number 0-10",
    "choice": "one option",
    "multichoice": "several options",
    "rated_list": "a list of items, each with a rating (e.g. emotions with intensity)",
    "pros_cons": "pros and cons for each item of an earlier list",
    "timed": "seconds spent in a timed step",
    "paced": "paced breathing cycles completed",
    "date": "a calendar date (YYYY-MM-DD), e.g. for a follow-up",
    "quiz": "one option, with feedback on the answer",
    "review": "nothing to answer: the answers so far",
}

#: Step types whose answer is stored (the others only show something).
ANSWERED_TYPES = frozenset(STEP_TYPES) - {"info", "review"}

#: Step types with free text inside their answer: that text is safety-screened.
FREE_TEXT_TYPES = frozenset({"text", "list", "rated_list", "pros_cons"})


@dataclass(frozen=True)
class Option:
    """One choice: the stored value, a label, and an optional description."""

    value: str
    label: str
    description: str = ""


@dataclass(frozen=True)
class Step:
    """One step of an exercise. Only the fields its type uses are meaningful."""

    id: str
    type: str
    prompt: str
    help: str = ""
    required: bool = True
    phase: str = "main"  # "main" or "follow_up" (done when the follow-up comes due)
    multiline: bool = True  # text: a text area (True) or one line (False)
    placeholder: str = ""
    max_length: int = 5000
    min_items: int = 0
    max_items: int = 50
    item_label: str = "item"
    scale: int = 100  # rated_list: 100 or 10
    options: tuple[Option, ...] = ()
    options_from: str = ""  # choice/multichoice/quiz/pros_cons: items of an earlier step
    catalog: str = ""  # choice/multichoice/quiz: options from a catalogue, e.g. "distortions"
    prefill_from: str = ""  # rated_list/list: start from an earlier step's answer
    prefill_last: bool = False  # start from this step's answer in the last completed record
    min_choices: int = 0
    max_choices: int = 0  # 0 = no limit
    seconds: int = 60  # timed
    pattern: str = ""  # paced: "4-4-4-4"; empty = from pattern_from or the settings
    pattern_from: str = ""  # paced: the step whose answer is the pattern
    cycles: int = 4  # paced
    min_days: int = 0  # date: earliest, in days from today
    max_days: int = 366  # date: latest, in days from today
    follow_up: bool = False  # date: this answer is the record's follow-up date
    correct: tuple[str, ...] = ()  # quiz: the answers counted as right
    explanation: str = ""  # quiz: shown after answering
    ai_help: tuple[str, ...] = ()  # "socratic", "distortions", "balanced_thought"


@dataclass(frozen=True)
class Handoff:
    """After completing, offer to start another exercise with an answer carried over."""

    exercise: str
    from_step: str
    into_step: str
    prompt: str = ""


@dataclass(frozen=True)
class Definition:
    """A whole exercise: what it is for, the kind explanation, and its steps."""

    name: str
    title: str
    summary: str
    psychoeducation: str
    steps: tuple[Step, ...]
    category: str = "exercise"
    minutes: int = 10
    source: str = ""  # the file it came from
    handoff: Handoff | None = None
    tags: tuple[str, ...] = field(default_factory=tuple)

    def step(self, step_id: str) -> Step:
        for step in self.steps:
            if step.id == step_id:
                return step
        raise KeyError(step_id)

    def phase_steps(self, phase: str) -> list[Step]:
        return [step for step in self.steps if step.phase == phase]

    @property
    def has_follow_up(self) -> bool:
        return any(step.phase == "follow_up" for step in self.steps)
