"""Turns the model must not answer freely, whatever their risk level: medication, diagnosis,
eating and weight, "are you human", and method text or method questions.

``topic_of(text)`` names the topic (or None). It is deliberately broad: a scripted, reviewed
reply to a harmless medication question costs little; a model improvising dosing advice costs a
lot. The patterns run on ``normalize`` output (lower case, contractions expanded, clauses split
by " | "). ``asks_about_means`` and ``mentions_stressor`` feed the conversation's risk state.
Each pattern is a ``LazyPattern`` (rules/lazy.py): compiled on the first text that holds one of its
trigger strings, so a journal entry about a walk does not pay for compiling the medication list.
"""

from __future__ import annotations

from enum import StrEnum

from companion.core.safety.guard import carries_method_text  # defines the guard's patterns early
from companion.core.safety.normalize import normalize
from companion.core.safety.rules.lazy import lazy


class Topic(StrEnum):
    """Why a turn gets a scripted reply even when it is not a crisis."""

    METHOD = "method"  # method text to translate or repeat, or a question about lethality
    MEDICATION = "medication"
    DIAGNOSIS = "diagnosis"
    EATING = "eating"
    HUMAN = "human"


_MED = (
    r"(?:meds|medication|medications|medicine|medicines|prescription|prescribed|pills?|tablets?|"
    r"capsules?|dose|doses|dosage|\d+ ?mg|milligrams?|antidepressants?|ssris?|snris?|mood "
    r"stabili[sz]ers?|antipsychotics?|benzos?|benzodiazepines?|lithium|sertraline|zoloft|"
    r"fluoxetine|prozac|citalopram|escitalopram|lexapro|paroxetine|venlafaxine|effexor|"
    r"duloxetine|bupropion|wellbutrin|mirtazapine|amitriptyline|quetiapine|seroquel|olanzapine|"
    r"risperidone|aripiprazole|abilify|lamotrigine|valproate|diazepam|valium|lorazepam|ativan|"
    r"alprazolam|xanax|clonazepam|zolpidem|ambien|paracetamol|acetaminophen|tylenol|ibuprofen|"
    r"aspirin|codeine|tramadol|oxycodone|insulin|adderall|ritalin|methylphenidate|melatonin|"
    r"sleeping pills|painkillers)"
)
_MED_ASK = (
    r"(?:should|can|could|would|is it|is that|are they|safe|okay|ok|fine|bad|dangerous|stop|"
    r"stopped|stopping|quit|quitting|come off|coming off|wean|skip|skipped|missed|double|"
    r"increase|reduce|lower|change|switch|how many|how much|how long|too many|too much|which|"
    r"what|mix|mixing|with alcohol|overdose|take more|taking more)"
)
_MEDICATION = lazy(
    rf"\b{_MED}\b(?: \w+){{0,8}}? {_MED_ASK}\b|\b{_MED_ASK}\b(?: \w+){{0,8}}? {_MED}\b"
)
_CONDITION = (
    r"(?:depression|depressed|bipolar|manic|adhd|add|autism|autistic|ocd|ptsd|bpd|borderline|"
    r"anxiety disorder|gad|schizophrenia|schizophrenic|psychosis|psychotic|anorexia|anorexic|"
    r"bulimia|bulimic|eating disorder|personality disorder|a disorder|mentally ill|a mental "
    r"illness|narcissist|narcissistic|dyslexia|dyspraxia|insomnia)"
)
_DIAGNOSIS = lazy(
    rf"\b(?:do|could|might|would|can) i (?:\w+ )?(?:have|be|suffer from|got)\b(?: \w+){{0,5}}? "
    rf"{_CONDITION}\b|\bam i (?:\w+ )?{_CONDITION}\b|\b(?:diagnose me|you diagnose|my "
    rf"diagnosis|a diagnosis)\b|\bwhat (?:disorder|condition|"
    rf"illness|mental illness) (?:do i|have i|is it|is this)\b|\bis (?:it|this|that) "
    rf"(?:\w+ )?{_CONDITION}\b|\bwhat is wrong with (?:me|my brain|my head)\b|\b{_CONDITION} "
    rf"or {_CONDITION}\b"
)
_EATING = lazy(
    r"\b(?:eat|eating|ate) (?:less|fewer|nothing|as little|very little|only)\b|\bnot eating\b|"
    r"\b(?:stop|stopped|stopping) eating\b|\bskip(?:ping|ped)? (?:meals?|breakfast|lunch|"
    r"dinner)\b|\brestrict\w*|\bcalories?\b|\bkcal\b|\b(?:lose|losing|lost|drop|dropping) "
    r"(?:\w+ )?(?:weight|kilos?|kg|pounds|lbs)\b|\bweight ?loss\b|\bdiet\w*|\bfasting\b|"
    r"\bpurg\w*|\bthrow(?:ing)? up after\b|\bmake myself (?:sick|throw up|vomit)\b|"
    r"\blaxatives?\b|\b(?:under|below|weigh|weighing|get to|reach) \d+ ?(?:kg|kilos|lbs|"
    r"pounds)\b|\bbmi\b|\bthinspo\w*|\bpro ?ana\b|\bmeanspo\b|\bbinge\w*|\bfat\b.{0,30}\b(?:eat|"
    r"food)\b|\bwithout (?:my )?(?:parents|family|mum|mom|dad) (?:\w+ )?(?:noticing|knowing|"
    r"finding out)\b"
)
_HUMAN = lazy(
    r"\b(?:promise|swear|say|tell me|admit|confirm|prove|pretend|act like|just say)\b(?: to me)?"
    r"(?: that)? (?:you are|you re|ur|u r|youre|u are) (?:a |an )?(?:real|human|person|alive|"
    r"not a bot|not an ai|not a robot|my friend|my partner|my girlfriend|my boyfriend)\b|"
    r"\b(?:are|r) (?:you|u) (?:even |actually |really )?(?:real|human|alive|a person)\b|"
    r"\bbe my (?:girlfriend|boyfriend|partner|wife|husband)\b|\bdo you (?:love|like) me\b"
)
_METHOD_QUESTION = lazy(
    r"\b(?:how|what|which|where|when|is it|would|will|could|can)\b(?: \w+){0,8}? (?:too many|"
    r"too much|lethal|fatal|deadly|overdose|od|to die|kill (?:me|myself|you|someone)|pass out|"
    r"passing out|unconscious|lose consciousness|kills? (?:you|a person|people)|hang|hanging|noose|suffocat\w*|bleed out|"
    r"jump from|jump off|fall from|survive (?:a|the) (?:fall|jump))\b"
)
_REQUEST = lazy(
    r"\b(?:translate|repeat|say back|echo|copy|write out|spell|reword|rephrase|correct|fix the "
    r"grammar|proofread|read back|say after me|repeat after me)\b"
)
# What a means question names: a height, a drop, railway or water, a weapon, a medicine or an
# amount of one. A bare "how long" / "how much" / "what time" is not one on its own: after a bad
# day people ask how long benefits take, how much to pay off a card, how deep to bury the dog
# (held-out conversations B: 7 of 12 ordinary conversations escalated on those words alone).
_MEANS_OBJECT = (
    r"(?:heights?|high|higher|tall|taller|tallest|highest|railings?|bridges?|buildings?|"
    r"rooftops?|roofs?|cliffs?|floors?|storeys?|ledges?|balcon\w*|car parks?|parking garages?|"
    r"multi ?storeys?|towers?|drop|fall|overdose|tracks|rope|ropes|noose|train lines?|railway "
    r"lines?|railways?|level crossings?|crossings?|train times|(?:next|last|first|fast|express) "
    r"trains?|river|guns?|rifles?|shotguns?|bullets?|knives|blades?|razors?|charcoal|exhaust|"
    rf"carbon monoxide|bottles? of|packets? of|{_MED}|"
    r"(?:for )?(?:someone|anyone|people|them|somebody) to find (?:me|my body))"
)
_MEANS_QUESTION = lazy(
    r"\b(?:how|what|which|where|when|is|are|any|can|could|would|will|do|does|tell me)\b"
    rf"(?: \w+){{0,8}}? {_MEANS_OBJECT}\b|\b(?:next|last|first) train\b|\btrains? (?:pass|come|"
    r"run)\b|\b\d+ ?(?:mg|milligrams?|tablets|pills|metres|meters|m|feet|ft|floors|storeys)\b|"
    # An amount or a time with nothing named, as the whole question: "how many would be
    # enough?", "how much would it take", "how long does it take?" (not "how long does it take
    # for metformin to start working").
    r"\bhow (?:many|much|long) (?:of (?:them|these|those|it|my \w+) )?(?:would |will |does |do "
    r"|is |are )?(?:it |i |you |one )?(?:be enough|enough|take|it take|need|kill)(?: me| you)? ?"
    r"(?=$|\|)"
)
_STRESSOR = lazy(
    r"\b(?:lost|lose|losing) (?:my |the )?(?:job|work|house|home|flat|apartment|everything|"
    r"custody|kids|children|baby|partner|wife|husband|girlfriend|boyfriend|mum|mom|dad|mother|"
    r"father|brother|sister|friend|best friend)\b|\b(?:moved|walked|stormed) out\b|"
    r"\b(?:kicked|threw|thrown|chucked) (?:me )?out\b|\b(?:got |been |was |were )?(?:fired|laid "
    r"off|made redundant|sacked|evicted|dumped|expelled|kicked out|arrested|bullied|"
    r"assaulted|abused|cheated on|rejected)\b|\b(?:broke|broken|breaking) up\b|\bbreak ?up\b|"
    r"\bdivorc\w*|\b(?:died|passed away|funeral|bereave\w*)\b|\b(?:debt|debts|bankrupt\w*|"
    r"homeless|foreclos\w*)\b|\bfailed (?:my |the |all my )?(?:exams?|tests?|class|classes|"
    r"course|degree|year)\b|\bdiagnosed with\b|\bleft me\b|\bno one (?:cares|would care)\b"
)


def _norm(text: str) -> str:
    return normalize(text).replace(" | ", " ")


def method_reason(text: str) -> str | None:
    """ "method_question" for a question about lethality or a method ("how long does it take to
    pass out when hanging"), "method_text" for method text in the message itself (to be
    translated, repeated, corrected), else None."""
    if _METHOD_QUESTION.search(_norm(text)):
        return "method_question"
    if carries_method_text(text) is not None:
        return "method_text"
    return None


def topic_of(text: str) -> Topic | None:
    """The topic that keeps the model from answering ``text`` freely, or None."""
    from companion.core.safety.detect import asks_if_human

    norm = _norm(text)
    if method_reason(text) is not None:
        return Topic.METHOD
    if _EATING.search(norm):
        return Topic.EATING
    if _DIAGNOSIS.search(norm):
        return Topic.DIAGNOSIS
    if _MEDICATION.search(norm):
        return Topic.MEDICATION
    if asks_if_human(text) or _HUMAN.search(norm):
        return Topic.HUMAN
    return None


_FOLLOW_UP = lazy(
    r"^ (?:is|are|am|can|could|should|would|will|what|how|which|when|why|where|do|does|did|"
    r"and|but|so|ok|okay|what about|then|really|if)\b"
)
_PREPARATION = lazy(
    r"\b(?:written|wrote|writing|left|finished) (?:\w+ ){0,2}?(?:letters?|notes?|goodbyes?|will)\b|"
    # A farewell is the person's own: "i've said bye to everyone", "say bye before i go"; not
    # "what can we say to say goodbye to him" about the family dog.
    r"\b(?:i|i have|i am|i will|i just|i already|i wanted to|i want to|i need to|let me) (?:\w+ )"
    r"{0,2}?(?:said|saying|say) (?:my )?(?:goodbyes?|bye)\b|\bsay(?:ing)? my goodbyes\b|"
    r"\b(?:said|saying|say) (?:goodbyes?|bye)\b(?: \w+){0,3}? (?:before i (?:go|leave|die)|for "
    r"good|forever|for the last time|to (?:everyone|everybody|you all|the world|all of you|my "
    r"family|my friends))\b|\bgave (?:away|my \w+ away)\b|"
    r"\bgiven away\b|\bgiving away\b|\b(?:bought|got|have|saved|saving|stockpil\w*|collected|"
    r"hoarded) (?:\w+ ){0,3}?(?:rope|pills|tablets|a gun|razor|blades|charcoal|enough)\b|"
    r"\b(?:decided|picked|chosen|set) (?:on )?(?:a |the )?(?:date|day|time|when|how|where)\b|"
    r"\b(?:sorted|sorting|put) (?:out )?(?:my |all my )?(?:affairs|things|everything) in order\b|"
    r"\btonight is the night\b|\bby (?:friday|monday|tuesday|wednesday|thursday|saturday|sunday|"
    r"tomorrow|the weekend)\b"
)


def is_follow_up(text: str) -> bool:
    """A short question that continues the previous turn ("Is it safe to just stop?")."""
    norm = _norm(text)
    short = len(norm.split()) <= 25
    return short and ("?" in text or bool(_FOLLOW_UP.search(norm)))


def mentions_preparation(text: str) -> bool:
    """Preparation or farewell: letters written, things given away, means gathered, a date."""
    return bool(_PREPARATION.search(_norm(text)))


def asks_to_repeat(text: str) -> bool:
    """True when the person asks for text to be translated, repeated, corrected or echoed."""
    return bool(_REQUEST.search(_norm(text)))


def asks_about_means(text: str) -> bool:
    """A question about heights, railings, bridges, amounts, timing or "how long"."""
    return bool(_MEANS_QUESTION.search(_norm(text)))


def mentions_stressor(text: str) -> bool:
    """A life event that raises risk: a job lost, a break-up, a death, debt, an eviction..."""
    return bool(_STRESSOR.search(_norm(text)))
