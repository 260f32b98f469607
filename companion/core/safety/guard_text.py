"""How the output guard reads a reply: every view of the text its rules are matched against.

A model (or a person asking it to repeat something) can hide a phrase from a plain regex in many
ways: zero-width spaces inside a word, Cyrillic or Greek letters that look Latin, accents,
full-width letters, leetspeak ("h4ng"), or letters spaced out ("h a n g", "h.a.n.g"). ``views``
undoes all of that and returns two lower-case forms: the folded text (contractions expanded, as
``companion.core.safety.normalize.fold`` does) and the same with leetspeak and spaced letters joined.
A rule fires when it matches either view.
"""

from __future__ import annotations

import unicodedata

from companion.core.safety.compiled import plain
from companion.core.safety.normalize import fold

# Format characters that render as nothing: zero-width spaces and joiners, soft hyphens,
# direction marks, variation selectors, the byte-order mark.
_INVISIBLE = plain(
    "[\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u3164\ufe00-\ufe0f\ufeff\uffa0]"
)

# Letters from other scripts that look like Latin ones (NFKC does not map these).
_HOMOGLYPHS = str.maketrans(
    {
        # Cyrillic
        "\u0430": "a", "\u0435": "e", "\u043e": "o", "\u0440": "p", "\u0441": "c", "\u0443": "y",
        "\u0445": "x", "\u0456": "i", "\u0458": "j", "\u0455": "s", "\u0501": "d", "\u04bb": "h",
        "\u051b": "q", "\u051d": "w", "\u043a": "k", "\u043c": "m", "\u0442": "t", "\u043d": "h",
        "\u0432": "b", "\u0433": "r", "\u0457": "i", "\u0451": "e", "\u04cf": "l",
        "\u0410": "a", "\u0412": "b", "\u0415": "e", "\u041a": "k", "\u041c": "m", "\u041d": "h",
        "\u041e": "o", "\u0420": "p", "\u0421": "c", "\u0422": "t", "\u0425": "x", "\u0423": "y",
        "\u0406": "i", "\u0408": "j", "\u0405": "s",
        # Greek
        "\u03b1": "a", "\u03bf": "o", "\u03b5": "e", "\u03b9": "i", "\u03ba": "k", "\u03bd": "v",
        "\u03c1": "p", "\u03c4": "t", "\u03c5": "u", "\u03c7": "x", "\u0391": "a", "\u0392": "b",
        "\u0395": "e", "\u0397": "h", "\u0399": "i", "\u039a": "k", "\u039c": "m", "\u039d": "n",
        "\u039f": "o", "\u03a1": "p", "\u03a4": "t", "\u03a7": "x", "\u03a5": "y", "\u0396": "z",
        # Latin look-alikes NFKC keeps
        "\u0131": "i", "\u0251": "a", "\u0261": "g", "\u01c0": "l",
    }
)  # fmt: skip

_LEET = str.maketrans(
    {"0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"}
)
_LEET_WORD = plain(r"(?<![\w@$])[a-z][a-z0-9@$]*[0-9@$][a-z0-9@$]*[a-z][a-z0-9@$]*")
# Three or more single letters separated by spaces or light punctuation: "h a n g", "h.a.n.g".
_SPACED = plain(r"(?<![a-z0-9])(?:[a-z][ .\-_*+~|/\\]{1,3}){2,}[a-z](?![a-z0-9])")
_SEPARATORS = plain(r"[ .\-_*+~|/\\]")
_SPACES = plain(r"\s+")


def _folded(text: str) -> str:
    text = unicodedata.normalize("NFKC", text)
    text = _INVISIBLE.sub("", text).translate(_HOMOGLYPHS)
    text = text.replace("\u00df", "ss").replace("\u1e9e", "ss")
    return _SPACES.sub(" ", fold(text))


def _joined(folded: str) -> str:
    text = _LEET_WORD.sub(lambda m: m.group(0).translate(_LEET), folded)
    return _SPACED.sub(lambda m: _SEPARATORS.sub("", m.group(0)), text)


def views(text: str) -> tuple[str, ...]:
    """The folded text, and (when it differs) the text with leetspeak and spaced letters joined."""
    folded = _folded(text)
    joined = _joined(folded)
    return (folded,) if joined == folded else (folded, joined)
