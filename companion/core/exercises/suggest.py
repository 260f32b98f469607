"""A transparent, rule-based suggester of thinking patterns (cognitive distortions). No model.

Each rule comes from how the distortion is described in CBT self-help material (e.g. should
statements use should/must/ought to; mind reading claims to know what others think). A
suggestion says which words matched and why, so the person can judge it. Nothing matches,
nothing is suggested. Suggestions are ordered by how much evidence the rules found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.core.exercises.catalog import benchmark_name


@dataclass(frozen=True)
class Rule:
    name: str  # the distortion
    pattern: re.Pattern[str]
    why: str  # completes: '"<cue>" ' + why
    weight: float = 1.0


@dataclass(frozen=True)
class Suggestion:
    name: str
    reason: str
    cue: str
    score: float

    def to_dict(self) -> dict[str, str]:
        return {"name": self.name, "reason": self.reason}


def _r(name: str, pattern: str, why: str, weight: float = 1.0) -> Rule:
    return Rule(name, re.compile(pattern, re.IGNORECASE), why, weight)


_SUBJECT_OTHER = (
    r"(?:he|she|they|people|everyone|everybody|others|other people|nobody|no one|my \w+|"
    r"the \w+|his \w+|her \w+|their \w+|[A-Z][a-z]+)"
)
_NEG_OUTCOME = (
    r"(?:never|not|no one|nobody|nothing|fail\w*|lose|lost|leave|left|hate|reject\w*|alone|"
    r"fired|wrong|bad|worse|worst|disaster|ruin\w*|die|laugh\w* at|judge\w*|mess\w* up|"
    r"screw\w* up|embarrass\w*|break up|dump\w*|quit|end up|hurt|miserable|unhappy|depressed|"
    r"single|broke|homeless|kick\w* out|stuck|regret|humiliat\w*|happen again|blow it|"
    r"go wrong|can't|cannot|won't|unable|be able)"
)
_LABELS = (
    r"(?:loser|idiot|failure|stupid|worthless|useless|pathetic|ugly|weak|lazy|disgusting|"
    r"burden|fraud|bad person|terrible person|horrible person|awful person|monster|crazy|"
    r"selfish|jerk|incompetent|hopeless|unlovable|broken|mess|dumb|freak|liar|coward|toxic|"
    r"moron|waste|nobody|joke|disappointment|bad (?:mother|father|parent|friend|partner|wife|"
    r"husband|son|daughter|person)|(?:terrible|awful|horrible) (?:mother|father|parent|friend|"
    r"partner|wife|husband)|abnormal|defective|unattractive|boring|inadequate|not good enough)"
)

RULES: tuple[Rule, ...] = (
    # Should statements: rigid rules about how self or others must be.
    _r(
        "should statements",
        r"\b(?:should(?:n't| not)?|must(?:n't| not)?|ought(?:n't)? to|supposed to|"
        r"have to|has to|had to|got to)\b",
        "is a rule about how things must be, which can bring guilt or frustration.",
    ),
    # All-or-nothing thinking: two categories only, no middle ground.
    _r(
        "all-or-nothing thinking",
        r"\b(?:completely|totally|entirely|absolutely|perfect(?:ly)?|100 ?%|"
        r"all or nothing|(?:total|complete|utter) (?:failure|disaster|mess|waste)|"
        r"ruined|nothing (?:i do|at all)|everything (?:is|was|i do)|"
        r"either .{1,40} or|the whole (?:day|thing|evening|night|week|relationship)|"
        r"(?:all|any) good)\b",
        "sees things in extremes, with no middle ground.",
    ),
    _r(
        "all-or-nothing thinking",
        r"\b(?:always|never|forever)\b",
        "allows no exceptions, as if there were no middle ground.",
        0.5,
    ),
    # Overgeneralization: one event as a never-ending pattern.
    _r(
        "overgeneralization",
        r"\b(?:always|never|every ?time|every single|everyone|everybody|no one|nobody|"
        r"all the time|constantly|again and again|nothing ever|any(?:one|body) (?:else )?ever|"
        r"all (?:men|women|people|of them)|whole life|my entire life|every day)\b",
        "turns what happened into a rule about every time or everyone.",
    ),
    # Mental filter (and disqualifying the positive): one negative detail colours all.
    _r(
        "mental filter",
        r"\b(?:all i (?:can )?(?:think|remember|see) (?:about|is)|can'?t stop thinking about|"
        r"keep thinking about|only (?:think|remember|see|notice|focus)|"
        r"(?:the|that) one (?:thing|mistake|comment|time)|nothing good|no good in|"
        r"only bad|doesn'?t (?:count|matter)|just (?:being nice|luck|lucky)|"
        r"only because|anyone could (?:have )?do)",
        "focuses on one part of the picture and leaves the rest out.",
    ),
    # Labeling: one harsh label for a whole person.
    _r(
        "labeling",
        r"\b(?:i'?m|i am|i was|i'?ve become|he'?s|she'?s|they'?re|you'?re|he is|she is|"
        r"they are|you are|he was|she was|am i)\s+(?:such\s+|so\s+|just\s+|really\s+|"
        r"nothing but\s+|a\s+|an\s+|the\s+|complete\s+|total\s+|an? complete\s+|"
        r"an? total\s+|a big\s+)*" + _LABELS + r"\b",
        "sums up a whole person with one harsh label.",
    ),
    _r(
        "labeling",
        r"\b(?:what an?|such an?|i'?m an?)\s+" + _LABELS + r"\b",
        "sums up a whole person with one harsh label.",
    ),
    # Personalization and blame: responsibility for what is not fully in our control.
    _r(
        "personalization",
        r"\b(?:my fault|because of me|i caused|i ruined|i made (?:him|her|them|it)|"
        r"blame (?:myself|me)|i'?m (?:to blame|responsible)|i should have (?:known|seen|"
        r"stopped|prevented|done)|if only i|what did i do|i must have done|"
        r"(?:his|her|their|its) fault|because of (?:him|her|them)|(?:is|are) the problem|"
        r"they made me|(?:he|she|they) (?:ruined|caused))\b",
        "places the responsibility (or the blame) on one person for something with many causes.",
    ),
    # Catastrophizing: jumping to the worst outcome.
    _r(
        "catastrophizing",
        r"\b(?:disaster|catastroph\w*|the worst|worst thing|end of the world|"
        r"ruin(?:ed|s)? (?:my|our|the) (?:life|career|future|relationship)|nightmare|"
        r"can'?t (?:cope|bear|stand|handle|take it|survive)|unbearable|never recover|"
        r"lose everything|go(?:ing)? crazy|fall apart|falling apart|what if|"
        r"(?:i'?ll|i will|i would|going to) die|the end of (?:me|everything|my))\b",
        "jumps to the worst possible outcome.",
    ),
    # Magnification and minimization: blowing up problems, shrinking the good.
    _r(
        "magnification",
        r"\b(?:terrible|awful|horrible|horrendous|huge|enormous|so bad|such a big deal|"
        r"the biggest|too much|overwhelming|unforgivable|ugliest|worst|"
        r"(?:it'?s|was) nothing|no big deal|not a big deal|doesn'?t mean anything|"
        r"so (?:much|many)|extremely|incredibly|insane|unfair)\b",
        "makes this bigger (or the good smaller) than it may be.",
        0.8,
    ),
    # Emotional reasoning: a feeling taken as proof.
    _r(
        "emotional reasoning",
        r"\b(?:i feel (?:like|that|as if|as though|so)|i feel (?:stupid|worthless|useless|ugly|"
        r"guilty|like a|unlovable|inadequate|hopeless|a failure|weak|crazy|"
        r"responsible|rejected|unwanted|ashamed)|it feels (?:like|as if)|feels like|"
        r"because i feel|my gut (?:says|tells)|i just know|i can feel (?:it|that))",
        "takes a feeling as if it were proof of a fact.",
    ),
    # Mind reading: knowing what others think without checking.
    _r(
        "mind reading",
        r"\b"
        + _SUBJECT_OTHER
        + r"\s+(?:(?:must|probably|definitely|obviously|secretly|all|surely|will|would|"
        r"don'?t|doesn'?t|do not|does not)\s+)*"
        r"(?:think|thinks|believe|believes|see me|sees me|judge|judges|judging|hate|hates|"
        r"dislike|dislikes|like me|likes me|care|cares|want me|wants me|notice|notices|"
        r"laugh|laughing|look down|looks down|blame|blames|feel sorry|resent|resents|"
        r"understand|understands|respect|respects|love me|loves me|trust me|trusts me|"
        r"find me|found me)\b",
        "assumes what someone else thinks or feels without checking.",
    ),
    _r(
        "mind reading",
        r"\b(?:what (?:they|people|others|he|she) (?:think|thought|will think) of me|"
        r"(?:they|people|he|she)'?(?:ll| will) think|they all think|everyone thinks|"
        r"i know (?:they|he|she|people) (?:think|feel|hate|don'?t))",
        "assumes what someone else thinks or feels without checking.",
    ),
    # Fortune-telling: predicting a bad outcome as if it were fact.
    _r(
        "fortune-telling",
        r"\b(?:will|'ll|going to|gonna|bound to|never going to|won'?t)\b(?:\s+\w+){0,5}?\s*"
        r"\b" + _NEG_OUTCOME + r"\b",
        "predicts a bad outcome as if it were already certain.",
    ),
    _r(
        "fortune-telling",
        r"\b(?:won'?t ever|will never|'ll never|never going to|no (?:point|hope|chance)|"
        r"i'?ll end up|it'?s hopeless|there'?s no way)\b",
        "predicts a bad outcome as if it were already certain.",
    ),
)


def suggest(text: str, limit: int | None = None) -> list[Suggestion]:
    """Suggested distortions for ``text``, strongest first, each with the words that matched.

    Returns [] when no rule matches (the thought may well be balanced).
    """
    found: dict[str, tuple[float, str, Rule]] = {}
    for rule in RULES:
        matches = [m.group(0) for m in rule.pattern.finditer(text)]
        if not matches:
            continue
        score = rule.weight * (1 + 0.25 * (len(matches) - 1))
        old = found.get(rule.name)
        if old is None:
            found[rule.name] = (score, matches[0], rule)
        else:
            best = rule if rule.weight > old[2].weight else old[2]
            cue = matches[0] if rule.weight > old[2].weight else old[1]
            found[rule.name] = (old[0] + score, cue, best)
    ranked = sorted(found.items(), key=lambda item: (-item[1][0], _ORDER[item[0]]))
    suggestions = [
        Suggestion(name, f'"{_cue(cue)}" {rule.why}', _cue(cue), round(score, 2))
        for name, (score, cue, rule) in ranked
    ]
    return suggestions[:limit] if limit else suggestions


def _cue(text: str) -> str:
    cue = " ".join(text.split())
    return cue if len(cue) <= 50 else cue[:49] + "…"


def for_benchmark(suggestions: list[Suggestion]) -> list[str]:
    """Names mapped to the ten benchmark labels (catastrophizing counts as magnification)."""
    names: list[str] = []
    for item in suggestions:
        name = benchmark_name(item.name)
        if name not in names:
            names.append(name)
    return names


_ORDER = {
    name: number
    for number, name in enumerate(
        (
            "should statements",
            "labeling",
            "mind reading",
            "fortune-telling",
            "catastrophizing",
            "overgeneralization",
            "all-or-nothing thinking",
            "emotional reasoning",
            "personalization",
            "mental filter",
            "magnification",
        )
    )
}
