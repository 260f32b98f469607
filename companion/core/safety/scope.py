"""Scope and tense: when a past event or a joke may lower a crisis, and when it may not.

A crisis finding used to become a concern whenever its clause held a past marker ("years ago",
"used to") or a joking tail ("lol"). That overrode present intent written beside them: "I tried
years ago and this time I'll do it", "I overdosed in 2019. Going to try again this weekend",
"i want to die lol. but actually tho". The rules here decide per message:

- A past marker only reaches its own sub-clause (up to "and", "but", "so", a full stop). If the
  rest of the message speaks of doing it again or now ("this time", "again", "try again",
  "going to do it", a time soon), the past is context for present intent: no downgrade, and the
  message gets the reason "renewed_intent".
- A joking tail lowers only when nothing after it takes the joke back ("but actually", "fr",
  "not joking", "not really", "i mean it", "seriously").
- "whether or not", "or not" ask a question; they are not negations (handled in ``detect``).
"""

from __future__ import annotations

from companion.core.safety.rules.context import HYPERBOLE_TAIL, PAST_ATTEMPT, PAST_MARKER
from companion.core.safety.rules.lazy import lazy

_SUBSCOPE_BREAK = lazy(r" \| | (?=(?:and|but|so|then|now|however|although|though) )")
_RENEWED = lazy(
    r"\b(?:this time|again|one more time|once more|another attempt|second attempt|relapsed|"
    r"relapse|relapsing|went back to|back to (?:cutting|self harm|sh)|broke my streak|"
    r"try it again|properly|for real this time|(?:will not|wo not|am not going to) "
    r"(?:fail|survive|mess it up)|"
    r"(?:going to|gonna|will|want to|wanna|plan to|planning to|about to|ready to|need to) "
    r"(?:\w+ ){0,2}(?:do it|try|attempt|end it|go through with it|finish it)|"
    r"(?:tonight|this weekend|tomorrow|this week|right now) i (?:will|am going to|am gonna))\b"
)
_LATER_PAST = lazy(r"\b(?:was|were|had|used to|back then|at the time|that time|last time|before)\b")
_SINCERE = lazy(
    r"\b(?:actually|fr|for real|seriously|srsly|deadass|not (?:joking|kidding)|no joke|"
    r"i mean it|i am serious|not really|honestly|for real tho|but tho)\b"
)


def _subscope(norm: str, position: int) -> tuple[int, int]:
    """(start, end) of the sub-clause holding ``position``."""
    start, end = 0, len(norm)
    for match in _SUBSCOPE_BREAK.finditer(norm):
        if match.end() <= position:
            start = match.end()
        elif match.start() >= position:
            end = match.start()
            break
    return start, end


def renewed_intent(norm: str) -> bool:
    """True when a past event sits beside intent to do it again or now."""
    past = PAST_MARKER.search(norm) or PAST_ATTEMPT.search(norm) or _LATER_PAST.search(norm)
    if past is None:
        return False
    start, end = _subscope(norm, past.start())
    rest = f"{norm[:start]} | {norm[end:]}"
    inside = (
        f"{norm[start : past.start()]} | {norm[past.end() : end]}"  # the marker's own words out
    )
    return _RENEWED.search(rest) is not None or _RENEWED.search(inside) is not None


def past_only(norm: str) -> bool:
    """True when the message holds a past marker and no present or renewed intent."""
    return PAST_MARKER.search(norm) is not None and not renewed_intent(norm)


def joke_stands(norm: str) -> bool:
    """True when a joking tail is present and nothing after it takes the joke back."""
    last = None
    for last in HYPERBOLE_TAIL.finditer(norm):  # noqa: B007 - the last match is wanted
        pass
    if last is None:
        return False
    return _SINCERE.search(norm, last.end()) is None
