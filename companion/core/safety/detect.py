"""The crisis check: ``detect_crisis(text)`` -> level ("none" | "concern" | "crisis") and reasons.

Deterministic, no model, well under a millisecond for a typical message, and it never raises.
The text is normalised (``normalize``), split into clauses, and each rule in ``rules`` is tried
clause by clause. A match is cancelled by a negator just before it ("I would never kill
myself"), by an accident or hyperbole right after it ("cut myself cooking"), or when it is
reported speech ("my friend said she wants to die" becomes a concern about someone else).
Past-tense recovery ("I used to self-harm") and joking tails ("lol") lower crisis to concern;
a question about heights or amounts asked alongside distress rises to crisis.
"""

from __future__ import annotations

import re
from functools import lru_cache

from companion.core.safety import rules as r
from companion.core.safety import scope
from companion.core.safety.compiled import plain
from companion.core.safety.layers import with_learned as _with_learned
from companion.core.safety.normalize import normalize
from companion.core.safety.rules.lazy import LazyPattern
from companion.core.safety.types import Category, Layer, Level, SafetyAssessment

LEVELS = ("none", "concern", "crisis")
_RANK = {level: rank for rank, level in enumerate(LEVELS)}
_MAX_CHARS = 200_000
_SCOPE_BREAKS = frozenset(
    {
        "|",
        "and",
        "but",
        "so",
        "because",
        "then",
        "or",
        "cause",
        "und",
        "aber",
        "y",
        "pero",
        "et",
        "mais",
        "e",
        "mas",
    }
)
_EXPLAINED = "~explained"  # risky words read as safe: a negation, an accident, an idiom
_TOPICAL = "~topical"  # only a topical "suicide" ("an essay on suicide", "suicide hotlines")
_NOT_SELF = frozenset({"other_at_risk", "danger_from_others", "child_at_risk", "harm_to_others"})
# Findings about an act (not a mood): with renewed intent beside them, the past becomes present.
_ACTS = frozenset(
    {"suicidal_intent", "self_harm", "method_request", "plan_or_means", "lethality_question"}
)
_CLAUSE_SPLIT = plain(r" \| | (?=but |however |although |though |except )")


_ALTERNATIVE = plain(r"\b(?:whether )?or not\b")  # "whether or not I should": a question


def _negated(clause: str, start: int) -> bool:
    words = _ALTERNATIVE.sub(" ", clause[:start]).split()[-6:]
    for index in range(len(words) - 1, -1, -1):
        if words[index] in _SCOPE_BREAKS:
            words = words[index + 1 :]
            break
    after = clause[start:].split()
    if "yet" in after[:6]:
        return False
    for index, word in enumerate(words):
        if word in r.NEGATORS:
            following = words[index + 1] if index + 1 < len(words) else (after or [""])[0]
            if word == "longer" and (index == 0 or words[index - 1] != "no"):
                continue
            if following in r.NEGATION_BREAKERS:
                continue
            if _SUBORDINATE.search(" ".join(words[:index])) and _NEW_SUBJECT & set(
                words[index + 1 :]
            ):
                continue  # "if he does not come back | i am going to end it": another clause
            return True
    return False


# A negator inside a subordinate clause ("if he doesn't come back I'm going to end it") does not
# reach a main clause that has its own subject.
_SUBORDINATE = plain(r"\b(?:if|when|unless|until|because|since|after|before|once)\b")
_NEW_SUBJECT = frozenset({"i", "he", "she", "they", "we", "you"})


def _negated_inside(span: str) -> bool:
    words = span.split()
    for index, word in enumerate(words[:-1]):
        if word in r.NEGATORS and word != "longer" and words[index + 1] not in r.NEGATION_BREAKERS:
            return True
    return False


def _affirmed(pattern: LazyPattern, norm: str) -> bool:
    """True when ``pattern`` matches somewhere without a negator just before it."""
    return any(not _negated(norm, match.start()) for match in pattern.finditer(norm))


def _suicide_word_reason(clause: str) -> tuple[str | None, bool]:
    """Decide whether a remaining "suicide"/"suicidal" in a clause speaks of the person:
    (reason or None, whether the word is negated)."""
    stripped = r.TOPICAL.sub(" ", clause)
    match = r.SUICIDE_WORD.search(stripped)
    if match is None:
        return None, False
    if _negated(stripped, match.start()):
        return None, True
    return _suicide_word_subject(stripped, match), False


def _suicide_word_subject(stripped: str, match: re.Match[str]) -> str | None:
    window = " ".join(stripped[: match.start()].split()[-4:])
    if r.SUBJECT_I.search(window):
        return "suicidal_intent"
    if r.THIRD_PERSON.search(window) or "who" in window.split():
        return None
    if r.FIRST_PERSON.search(stripped):
        return "suicidal_intent"
    if r.METHOD_WORDS.search(stripped):
        return "method_request"
    if r.QUESTION_START.search(stripped) or r.THIRD_PERSON.search(stripped):
        return None
    if r.SUBJECTLESS_SUICIDAL.search(stripped):  # "feeling suicidal again", "suicidal af rn"
        return "suicidal_intent"
    return None


def _clauses(norm: str) -> list[str]:
    return [f" {part.strip()} " for part in _CLAUSE_SPLIT.split(norm) if part.strip()]


def _apply(rule: r.Rule, clause: str) -> bool | None:
    """True: the rule holds. False: it matched, but a negator, an accident, an idiom or a
    topical context explains the words away. None: it did not match."""
    result: bool | None = None
    for match in rule.pattern.finditer(clause):
        result = False
        before = clause[: match.start()]
        if rule.unless_before is not None and rule.unless_before.search(before):
            continue
        if rule.unless_after is not None and rule.unless_after.search(clause[match.end() :]):
            continue
        if rule.unless_clause is not None and rule.unless_clause.search(clause):
            continue
        if rule.negatable and _negated(clause, match.start()):
            continue
        if rule.negatable and rule.neg_inside and _negated_inside(match.group(0)):
            continue
        return True
    return result


@lru_cache(maxsize=8192)
def _clause_findings(clause: str) -> tuple[tuple[str, str, bool, bool], ...]:
    """(reason, level, past, joke) for one clause, after reported speech. ``past`` and ``joke``
    say that the clause holds a past marker or a joking tail; whether they lower a crisis is
    decided for the whole message (``scope``)."""
    clause_found: dict[str, str] = {}
    explained = False
    for rule in r.ALL_RULES.which(clause):  # in order; the rest cannot match the clause
        if rule.reason not in clause_found:
            held = _apply(rule, clause)
            if held:
                clause_found[rule.reason] = rule.level
            explained = explained or held is False
    only_way = r.ONLY_WAY.search(clause)  # "suicide feels like the only option"
    if only_way is not None and not _negated(clause, only_way.start()):
        clause_found["suicidal_intent"] = "crisis"
    reason, negated = _suicide_word_reason(clause)
    if reason is not None and reason not in clause_found:
        clause_found[reason] = "crisis"
    elif reason is None and r.SUICIDE_WORD.search(clause):
        if negated or explained:
            explained = True
        elif not clause_found:
            # A mention the rules read as topical: "an essay on suicide", "suicide hotlines"
            # (and "i will do the suicide this night", which the learned layer may lift).
            return ((_TOPICAL, "none", False, False),)
    if not clause_found:
        return ((_EXPLAINED, "none", False, False),) if explained else ()
    out: list[tuple[str, str, bool, bool]] = []
    self_found = {k: v for k, v in clause_found.items() if k not in _NOT_SELF}
    if self_found and r.REPORTED.search(clause):
        out.append(("other_at_risk", "concern", False, False))
        self_found = {}
    past = bool(r.PAST_MARKER.search(clause))
    joke = bool(r.HYPERBOLE_TAIL.search(clause))
    # Hyperbole about hurting someone ("gonna kill my brother, he ate my chips lol") is marked
    # as a joke for the whole message (``scope.joke_stands``), not only in its own clause.
    out.extend(
        (k, v, past, joke or k == "harm_to_others")
        for k, v in clause_found.items()
        if k in _NOT_SELF
    )
    out.extend((key, level, past, joke) for key, level in self_found.items())
    return tuple(out)


def _assess_normalised(norm: str) -> SafetyAssessment:
    found: dict[str, str] = {}

    def add(reason: str, level: str) -> None:
        if _RANK[level] > _RANK.get(found.get(reason, "none"), 0):
            found[reason] = level

    lowered = False  # a crisis finding lowered by a past marker or a standing joke
    explained = False  # risky words explained away (negation, accident, idiom)
    topical = False  # a topical "suicide" and nothing else explained away
    renewed = scope.renewed_intent(norm)
    joke_stands = scope.joke_stands(norm)
    for clause in dict.fromkeys(_clauses(norm)):
        for key, level, past, joke in _clause_findings(clause):
            if key == _EXPLAINED:
                explained = True
                continue
            if key == _TOPICAL:
                topical = True
                continue
            lower = (past and not renewed) or (joke and joke_stands)
            if lower and level == "crisis":
                lowered = True
                level = "concern"
            add(key, level)
    if renewed and (found.keys() & _ACTS or r.PAST_ATTEMPT.search(norm)):
        add("renewed_intent", "crisis")

    strong_veiled = sum(1 for pattern in r.VEILED if _affirmed(pattern, norm))
    weak_veiled = sum(1 for pattern in r.VEILED_WEAK if _affirmed(pattern, norm))
    possession = bool(r.MEANS_POSSESSION.search(norm))
    others = bool(found) or possession or bool(r.STRESSOR.search(norm))
    signals = strong_veiled + weak_veiled
    if signals and r.GOODBYE.search(norm):
        signals += 1
    if strong_veiled or (weak_veiled and (signals >= 2 or others)):
        add("veiled_intent", "crisis" if signals >= 2 or others else "concern")
    if possession and (found or r.DECIDED_TIMING.search(norm)):
        add("plan_or_means", "crisis")

    height = bool(r.HEIGHT_QUESTION.search(norm))
    means = bool(r.MEANS_QUESTION.search(norm))
    distress = bool(r.STRESSOR.search(norm)) or bool(found)
    place = bool(r.MEANS_PLACE.search(norm) and r.LOCAL.search(norm))
    if height and r.LOCAL.search(norm):
        add("height_question", "concern")
    if means:
        add("means_question", "concern")
    height = height or place
    if (height or means) and distress:
        add("distress_with_means", "crisis")

    if not found:
        if explained or topical:
            return SafetyAssessment(Level.NONE, meta={"explained": "1" if explained else "topic"})
        return SafetyAssessment(Level.NONE)
    level = max(found.values(), key=lambda lvl: _RANK[lvl])
    ordered = sorted(found, key=lambda k: (-_RANK[found[k]], k))
    meta = {"lowered": "past_or_joke"} if lowered and level != "crisis" else {}
    return SafetyAssessment(Level(level), tuple(ordered), _category(found), Layer.RULES, None, meta)


def _category(found: dict[str, str]) -> Category:
    """Whose safety: the highest-level finding decides; danger from others comes first at a
    tie (the emergency number is the first thing that person needs)."""
    top = max(_RANK[level] for level in found.values())
    keys = {k for k, v in found.items() if _RANK[v] == top}
    if keys & {"danger_from_others", "child_at_risk"}:
        return Category.FROM_OTHERS
    if "harm_to_others" in keys:
        return Category.OTHERS
    if keys <= {"other_at_risk"}:
        return Category.OTHERS
    return Category.SELF


def detect_crisis(text: str) -> SafetyAssessment:
    """Assess one piece of the person's text for suicide and self-harm risk.

    Returns ``SafetyAssessment(level, reasons)`` with level "none", "concern" or "crisis" and
    short reason codes such as "suicidal_intent", "method_request", "passive_death_wish".
    Never raises: anything unexpected is assessed as far as possible, and a failure inside the
    detector errs on the side of "concern" rather than silence.
    """
    try:
        if not isinstance(text, str) or not text.strip():
            return SafetyAssessment(Level.NONE)
        if len(text) > _MAX_CHARS:  # a huge entry: its beginning and its end
            half = _MAX_CHARS // 2
            text = f"{text[:half]}\n{text[-half:]}"
        norm = normalize(text)
        rules = _assess_normalised(norm)
    except Exception:  # a detector bug must never take the app down
        return SafetyAssessment(Level.CONCERN, ("detector_error",), Category.SELF, Layer.RULES)
    return _with_learned(text, rules, norm)


_HUMAN = LazyPattern(
    r"\b(?:are|r) (?:you|u) (?:\w+ ){0,2}(?:a |an )?(?:real|human|person|people|bot|robot|"
    r"ai|machine|computer|chatbot|chat bot|program|programme|software|actual person|alive|"
    r"sentient|conscious|therapist|counsellor|counselor|doctor|psychologist|psychiatrist|"
    r"man|woman|live person|llm|language model)\b|"
    r"\b(?:am i|are we) (?:\w+ )?(?:talking|speaking|chatting|texting|writing) (?:to|with) "
    r"(?:a |an )?(?:real |actual |live )?(?:human|person|bot|ai|robot|machine|computer|"
    r"someone|somebody|anyone|people|chatbot|program|therapist|doctor)\b|"
    r"\bis (?:this|that|it) (?:a |an )?(?:real |actual )?(?:bot|human|person|ai|robot|machine|"
    r"computer|chatbot|program|automated|therapist)\b|"
    r"\bis (?:there )?(?:a |an |any )?(?:real |actual |live )?(?:human|person|someone|somebody|"
    r"people) (?:here|there|on the other (?:end|side)|behind (?:this|the screen)|reading "
    r"(?:this|these)|typing|answering|replying)\b|"
    r"\bwho am i (?:talking|speaking|chatting) (?:to|with)\b|"
    r"\bwhat are you\b|"
    r"\b(?:eres|es usted) (?:un |una )?(?:humano|humana|bot|robot|persona|ia|maquina)\b|"
    r"\b(?:es tu|es-tu|etes vous|vous etes|tu es) (?:un |une )?(?:humain|humaine|robot|bot|"
    r"vraie personne|ia|machine)\b|"
    r"\b(?:bist du|sind sie) (?:ein |eine )?(?:mensch|bot|roboter|ki|maschine|echter mensch)\b|"
    r"\b(?:voce e|vc e|tu es) (?:um |uma )?(?:humano|humana|robo|bot|pessoa|ia|maquina)\b"
)


def asks_if_human(text: str) -> bool:
    """True when the person asks whether they are talking to a human, a bot or a therapist."""
    try:
        return bool(_HUMAN.search(normalize(text[:_MAX_CHARS]).replace(" | ", " ")))
    except Exception:
        return False
