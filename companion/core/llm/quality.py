"""Plain-text checks on what a model wrote: sentences, loops, stage directions, claims to be a
person, questions and figures. No model, no state: the decoding filter (decoding.py), the fitness
check (fitness.py) and bench/replies.py all judge replies with these same functions.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? (or an ellipsis) followed by space, or at a line break.
_SENTENCE = re.compile(r"[^.!?\n]*(?:[.!?]+[\"')\]]*|\n+|$)")
_WORD = re.compile(r"[a-z0-9']+")

# "(sigh)", "(laughs softly)", "(looking at you)", "*smiles*", "[pauses]": a short span of plain
# words in brackets or asterisks. Acronyms and asides with digits or punctuation ("(CBT)",
# "(0-10)", "(e.g. a walk)") are not stage directions.
_ACTIONS = (
    r"sigh|sighs|sighing|laugh|laughs|laughing|chuckle|chuckles|smile|smiles|smiling|grin|grins|"
    r"nod|nods|nodding|pause|pauses|pausing|wink|winks|hug|hugs|looks?|looking|leans?|leaning|"
    r"whispers?|softly|gently|warmly|sits?|sitting|takes? a|deep breath|shrugs?|blushes|"
    r"giggles?|cries|crying|tears|waves?|points?|thinks?|thinking|clears? throat|"
    r"in a \w+ (?:voice|tone)|with a \w+"
)
STAGE_DIRECTION = re.compile(
    r"\s*(?:"
    r"\((?:[a-z][a-z' ,-]{0,60}|(?:" + _ACTIONS + r")[a-z' ,-]{0,60})\)"
    r"|\*(?!\s)[A-Za-z][A-Za-z' ,-]{0,60}(?<!\s)\*"
    r"|\[(?:[a-z][a-z' ,-]{0,60}|(?:" + _ACTIONS + r")[a-z' ,-]{0,60})\]"
    r")",
    re.IGNORECASE,
)
_ACRONYM = re.compile(r"^[\(\[]\s*[A-Z0-9-]{2,8}s?\s*[\)\]]$")

# Claims a program must never make: being a person, having a body, a past or a relationship.
_HUMAN = re.compile(
    r"\bi(?:'m| am) (?:a |an |just a |also a |really a |actually a )?(?:real )?"
    r"(?:human|person|human being|woman|man|girl|guy|mother|father|mom|mum|dad|parent|"
    r"therapist|psychologist|counsell?or|doctor|nurse)\b|"
    r"\bi(?:'m| am) not (?:a |an )?(?:bot|ai|robot|machine|computer|program|chatbot)\b|"
    r"\bas (?:a|an) (?:human|person|woman|man|mother|father|parent|therapist|friend)\b|"
    r"\bmy (?:own )?(?:body|hands?|arms?|face|eyes|legs|heart|stomach|head|skin|voice)\b|"
    r"\bi (?:ate|slept|walked|drank|cried|hugged|grew up|was born|went to (?:school|bed|work))\b|"
    r"\bi(?:'m| am) (?:so )?(?:tired|hungry|sleepy|exhausted|sick)\b|"
    r"\bi (?:can|could|will|'ll|would) (?:give you a |)(?:hug|hold) (?:you|your)\b|"
    r"\bwhen i was (?:young|younger|a child|a kid|a teen|your age|in school|growing up|little)\b|"
    r"\bi remember when i\b|\bi used to (?:be|have|feel|struggle|go|think|get)\b|"
    r"\bi(?:'ve| have) (?:been through|gone through|felt that way|had days)\b|"
    r"\bi went through\b|\bin my (?:own )?(?:life|experience|childhood|past|youth)\b|"
    r"\bmy (?:own )?(?:childhood|past|youth|life experience)\b|"
    r"\bmy (?:partner|wife|husband|boyfriend|girlfriend|mom|mum|mother|dad|father|family|kids|"
    r"children|son|daughter|sister|brother|friends?|colleagues?|patients|clients)\b|"
    r"\bi(?:'m| am) your (?:partner|friend|best friend|girlfriend|boyfriend|wife|husband|"
    r"therapist|counsell?or|doctor)\b|"
    r"\b(?:partner|friend|girlfriend|boyfriend)\b[^.!?]{0,30}\b(?:that'?s|it'?s|is) me\b|"
    r"\bi(?:'ll| will)? (?:just )?be your (?:girlfriend|boyfriend|partner|wife|husband|friend)\b|"
    r"\bi (?:had|have|'ve got) (?:a|an|my) (?:friend|partner|wife|husband|boyfriend|girlfriend|"
    r"family|body|childhood|sister|brother|mother|father)\b|"
    r"\btak(?:e|ing) care of myself\b|\b(?:before|when) i started\b|"
    r"\b(?:in )?my (?:free|spare) time\b|\bwe(?:'ve| have) been through\b|"
    r"\bi (?:love|like|enjoy) (?:to )?(?:travel|cook|read|walk|run|swim|dance|sing|eat|sleep|"
    r"hike|garden|paint|explore)\w*\b|"
    r"\bi love you\b",
    re.IGNORECASE,
)
_IMPROVEMENT = re.compile(
    r"\b(?:improv\w*|better|rising|rose|risen|increas\w*|went up|gone up|going up|progress\w*|"
    r"uplift\w*|boost\w*|brighter|higher mood|lifted)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_CAPITALISED = re.compile(r"(?<![.!?]\s)(?<!^)\b([A-Z][a-z]+(?: [A-Z][a-z]+)+)\b")


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each with its end punctuation, without surrounding space."""
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of each sentence in ``text`` (end after its punctuation)."""
    spans = []
    for match in _SENTENCE.finditer(text):
        if match.group().strip():
            start = match.start() + len(match.group()) - len(match.group().lstrip())
            spans.append((start, match.start() + len(match.group().rstrip())))
    return spans


def words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def normalised(sentence: str) -> str:
    return " ".join(words(sentence))


def _ngram_loop(tokens: list[tuple[str, int]]) -> int | None:
    """Start offset of a phrase loop: a 6-word run seen twice, or a 3-word run seen 3 times."""
    seen: dict[tuple[str, ...], list[int]] = {}
    for n, times in ((6, 2), (3, 3)):
        seen.clear()
        for i in range(len(tokens) - n + 1):
            gram = tuple(w for w, _ in tokens[i : i + n])
            places = seen.setdefault(gram, [])
            if places and i - places[-1] < n:  # overlapping ("ha ha ha ha") counts too
                pass
            places.append(i)
            if len(places) >= times:
                return tokens[places[times - 1]][1]
    return None


def find_loop(text: str) -> int | None:
    """Offset in ``text`` where a repetition starts (a sentence said again, or a phrase loop),
    or None. The text before that offset is what is worth keeping."""
    earlier: list[str] = []
    for start, end in sentence_spans(text):
        norm = normalised(text[start:end])
        if len(norm.split()) >= 3:
            for previous in earlier:
                shorter = min(len(norm), len(previous))
                if norm == previous or (
                    len(norm.split()) >= 6 and norm[:shorter] == previous[:shorter]
                ):
                    return start
            earlier.append(norm)
    tokens = [(m.group(), m.start()) for m in _WORD.finditer(text.lower())]
    return _ngram_loop(tokens)


def has_loop(text: str) -> bool:
    return find_loop(text) is not None


def stage_directions(text: str) -> list[str]:
    """The stage directions in ``text`` ("(sigh)", "*smiles*", ...)."""
    found = []
    for match in STAGE_DIRECTION.finditer(text):
        span = match.group().strip()
        if not _ACRONYM.match(span):
            found.append(span)
    return found


def strip_stage_directions(text: str) -> str:
    """``text`` without stage directions, with the spacing mended."""

    def drop(match: re.Match[str]) -> str:
        span = match.group().strip()
        return match.group() if _ACRONYM.match(span) else ""

    cleaned = STAGE_DIRECTION.sub(drop, text)
    cleaned = re.sub(r"[ \t]+([,.!?;:])", r"\1", cleaned)
    cleaned = re.sub(r"(^|\n)[ \t]*[,.;:][ \t]*", r"\1", cleaned)
    cleaned = re.sub(r"[ \t]{2,}", " ", cleaned)
    return cleaned.strip(" \t")


def human_claims(text: str) -> list[str]:
    """Sentences that claim to be a person, or to have a body, a past or a relationship."""
    return [s for s in sentences(text) if _HUMAN.search(s)]


def drop_human_claims(text: str) -> str:
    """``text`` without the sentences ``human_claims`` finds."""
    kept = [s for s in sentences(text) if not _HUMAN.search(s)]
    return " ".join(kept)


def question_count(text: str) -> int:
    return sum(1 for s in sentences(text) if s.rstrip("\"')]").endswith("?"))


def unsupported_numbers(text: str, given: str, allowed: frozenset[str] = frozenset()) -> list[str]:
    """Numbers in ``text`` that are not in ``given`` (nor in ``allowed``)."""

    def values(source: str) -> set[str]:
        return {f"{float(n.replace(',', '.')):g}" for n in _NUMBER.findall(source)}

    return sorted(values(text) - values(given) - set(allowed))


def claims_improvement(text: str) -> list[str]:
    """Sentences that speak of improvement (wrong when the figures fell)."""
    return [s for s in sentences(text) if _IMPROVEMENT.search(s)]


def invented_names(text: str, given: str) -> list[str]:
    """Capitalised multi-word names ("Mood Tracker") in ``text`` that ``given`` never mentions."""
    lowered = given.lower()
    return sorted({m for m in _CAPITALISED.findall(text) if m.lower() not in lowered})
