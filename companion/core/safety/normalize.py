"""Text normalisation for the crisis detector.

People in distress type fast: no apostrophes, stretched letters ("diiie"), leetspeak ("k1ll"),
typos ("myslef", "sucidal"), accents dropped or kept. ``normalize`` maps all of that onto one
plain lower-case form so the rules in ``detect`` can stay readable.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from companion.core.safety.compiled import plain

_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "`": "'", "\u00b4": "'", "\u02bc": "'"})
_LEET = str.maketrans({"1": "i", "3": "e", "4": "a", "0": "o", "5": "s", "@": "a", "$": "s"})
_LEET_TOKEN = plain(r"(?<![\w@$])[a-z][a-z@$]*[0-9@$][a-z0-9@$]*")
_REPEATS = plain(r"([a-z])\1{2,}")
_CLAUSE_PUNCT = plain(r"\s*(?:[.!?;:\n\r\u2026]+|,|\s-\s|\s\u2014\s|\(|\))\s*")
_OTHER_PUNCT = plain(r"[^\w'|\s]+")
_SPACES = plain(r"[ \t]+")

# Contractions and chat spellings, applied on whole words (order matters: longest first).
_WORD_MAP: dict[str, str] = {
    "i'm": "i am",
    "im": "i am",
    "i've": "i have",
    "ive": "i have",
    "i'd": "i would",
    "i'll": "i will",
    "can't": "can not",
    "cant": "can not",
    "cannot": "can not",
    "won't": "will not",
    "don't": "do not",
    "dont": "do not",
    "doesn't": "does not",
    "doesnt": "does not",
    "didn't": "did not",
    "didnt": "did not",
    "isn't": "is not",
    "isnt": "is not",
    "aren't": "are not",
    "arent": "are not",
    "wasn't": "was not",
    "wasnt": "was not",
    "wouldn't": "would not",
    "wouldnt": "would not",
    "shouldn't": "should not",
    "shouldnt": "should not",
    "couldn't": "could not",
    "couldnt": "could not",
    "haven't": "have not",
    "havent": "have not",
    "ain't": "am not",
    "it's": "it is",
    "that's": "that is",
    "what's": "what is",
    "whats": "what is",
    "they'll": "they will",
    "you'll": "you will",
    "she'll": "she will",
    "he'll": "he will",
    "it'll": "it will",
    "that'd": "that would",
    "it'd": "it would",
    "that'll": "that will",
    "tonight's": "tonight is",
    "today's": "today is",
    "thats": "that is",
    "theres": "there is",
    "life's": "life is",
    "lifes": "life is",
    "nobody's": "nobody is",
    "everyone's": "everyone is",
    "boutta": "about to",
    "bouta": "about to",
    "finna": "going to",
    "imma": "i am going to",
    "ima": "i am going to",
    "wont": "will not",
    "there's": "there is",
    "they'd": "they would",
    "they're": "they are",
    "you're": "you are",
    "youre": "you are",
    "he's": "he is",
    "she's": "she is",
    "wanna": "want to",
    "wana": "want to",
    "gonna": "going to",
    "gona": "going to",
    "gotta": "got to",
    "tryna": "trying to",
    "hafta": "have to",
    "kinda": "kind of",
    "u": "you",
    "ur": "your",
    "r": "are",
    "pls": "please",
    "plz": "please",
    "coz": "because",
    "cuz": "because",
    "bc": "because",
    "idk": "i do not know",
    "idc": "i do not care",
    "rn": "right now",
    "tmrw": "tomorrow",
    "2morrow": "tomorrow",
    "tonite": "tonight",
    "nite": "night",
    "nothin": "nothing",
    "any more": "anymore",
    "my self": "myself",
    "meds": "medication",
    "od": "overdose",
    "oding": "overdosing",
    "od'ing": "overdosing",
    "od'd": "overdosed",
    "overdose proof": "overdoseproof",
    "suicide proof": "suicideproof",
}
_WORD_RE = plain(
    r"(?<![\w'])(?:"
    + "|".join(re.escape(word) for word in sorted(_WORD_MAP, key=len, reverse=True))
    + r")(?![\w'])"
)

# Words whose misspellings matter. A token within one edit of one of these (and not itself a
# different real word listed in _KEEP) is read as the word.
_KEY_WORDS = ("myself", "suicide", "suicidal", "yourself", "unalive", "overdose", "goodbye")
_KEEP = frozenset({"suicides", "overdoses", "overdosed", "goodbyes", "yourselves", "unalived"})


def _within_one_edit(a: str, b: str) -> bool:
    """True when a and b differ by one insertion, deletion, substitution or transposition."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diffs = [i for i in range(la) if a[i] != b[i]]
        if len(diffs) == 1:
            return True
        return (
            len(diffs) == 2
            and diffs[1] == diffs[0] + 1
            and a[diffs[0]] == b[diffs[1]]
            and a[diffs[1]] == b[diffs[0]]
        )
    short, long_ = (a, b) if la < lb else (b, a)
    i = 0
    while i < len(short) and short[i] == long_[i]:
        i += 1
    return short[i:] == long_[i + 1 :]


@lru_cache(maxsize=4096)
def _correct(token: str) -> str:
    if len(token) < 5 or token in _KEEP:
        return token
    for word in _KEY_WORDS:
        if abs(len(word) - len(token)) <= 1 and _within_one_edit(token, word):
            return word
    return token


def _fix_token(match: re.Match[str]) -> str:
    return _correct(match.group(0))


_TOKEN = plain(r"[a-z]+")
# Phrases typed without spaces, "want 2 die", and "dye" ending a clause (a common misspelling).
_RUN_TOGETHER_MAP = {
    "iwanttodie": "i want to die",
    "wanttodie": "want to die",
    "iwannadie": "i want to die",
    "wannadie": "want to die",
    "killmyself": "kill myself",
    "endmylife": "end my life",
    "takemylife": "take my life",
    "hangmyself": "hang myself",
}
_RUN_TOGETHER = plain("|".join(sorted(_RUN_TOGETHER_MAP, key=len, reverse=True)))
_TWO = plain(r"\b(want|wanna|need|going|ready|have|got|deserve|wish) 2\b")
_DYE = plain(r"\bdye\b(?= ?(?:\||$)| (?:tonight|now|right now|already|so bad|today))")


def normalize(text: str) -> str:
    """Lower-case, accent-free, contraction-expanded text with clauses separated by " | ".

    Sentence ends, commas and brackets become the clause separator " | " so negation and
    context rules never reach across a clause.
    """
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = _LEET_TOKEN.sub(lambda m: m.group(0).translate(_LEET), text)
    text = _REPEATS.sub(r"\1", text)
    text = _CLAUSE_PUNCT.sub(" | ", text)
    text = _OTHER_PUNCT.sub(" ", text)
    text = text.replace("_", " ")
    text = _SPACES.sub(" ", text)
    text = _RUN_TOGETHER.sub(lambda m: f" {_RUN_TOGETHER_MAP[m.group(0)]} ", text)
    text = _TOKEN.sub(_fix_token, text)
    text = _TWO.sub(r"\1 to", text)
    text = _DYE.sub("die", text)
    text = _WORD_RE.sub(lambda m: _WORD_MAP[m.group(0)], text)
    return f" {text.strip()} "


def fold(text: str) -> str:
    """Lower-case, accent-free, contraction-expanded text keeping punctuation (for the guard)."""
    text = unicodedata.normalize("NFKD", text.translate(_APOSTROPHES))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold()
    text = _SPACES.sub(" ", text.replace("\n", " "))
    text = _WORD_RE.sub(lambda m: _WORD_MAP[m.group(0)], text)
    return f" {text.strip()} "
