"""Shared pieces of the detector's rules: the Rule type and the vocabulary the patterns use.

Patterns run over text from ``companion.core.safety.normalize`` (lower case, no accents, contractions
expanded, clauses separated by " | ").
"""

from __future__ import annotations

from dataclasses import dataclass

from companion.core.safety.rules.lazy import Alternatives, LazyPattern, lazy

CRISIS = "crisis"
CONCERN = "concern"


@dataclass(frozen=True)
class Rule:
    """One pattern. ``negatable``: a negator just before the match cancels it ("I would never
    kill myself"). ``unless_after``: matched against the text right after the match (e.g. an
    accident or a hyperbole: "cut myself cooking", "want to die of embarrassment").
    ``unless_clause``: anywhere in the clause ("lethal dose for a dog"). ``neg_inside``: a
    negator inside the match also cancels it ("I am not going to jump off the bridge")."""

    reason: str
    level: str
    pattern: LazyPattern
    negatable: bool = True
    unless_after: LazyPattern | None = None
    unless_before: LazyPattern | None = None
    unless_clause: LazyPattern | None = None
    neg_inside: bool = True


def rx(*parts: str) -> LazyPattern:
    """One pattern from alternatives; each compiled on first use, behind its own prefilter."""
    return Alternatives(parts) if len(parts) > 1 else lazy(f"(?:{parts[0]})")


# Words that may sit between a subject and a verb: "I really just want to ...".
ADV = (
    r"(?:(?:really|realy|rly|relly|reallly|just|honestly|seriously|literally|actually|truly|genuinely|so|still|"
    r"sometimes|often|always|constantly|kind of|sort of|fucking|fking|fkn|simply|badly|"
    r"desperately|only|finally|also|almost|already|even|definitely|totally|probably|do|"
    r"am|think i|feel like i|feel like|think) )*"
)
SELF = r"(?:myself|meself|mysel|my own self)"
OTHER_SELF = r"(?:himself|herself|themselves|themself|theirself)"
RELATION = (
    r"(?:friend|friends|bestie|bff|sister|brother|sibling|mom|mum|mother|dad|father|parent|"
    r"son|daughter|wife|husband|partner|boyfriend|girlfriend|bf|gf|fiance|fiancee|roommate|"
    r"flatmate|cousin|kid|child|teen|teenager|colleague|coworker|classmate|student|niece|"
    r"nephew|aunt|uncle|grandma|grandpa|grandmother|grandfather|neighbour|neighbor|ex|"
    r"someone i know|somebody i know|someone close to me|a friend of mine|he|she|they)"
)
INTENT = (
    r"(?:want to|wanted to|wanting to|wish to|need to|have to|going to|will|shall|about to|"
    r"ready to|plan to|planning to|planned to|intend to|decided to|thinking about|"
    r"thinking of|think about|thought about|keep thinking about|considering|contemplating|"
    r"feel like|tempted to|should|could|might|may|might as well|try to|tried to|trying to|"
    r"attempted to|attempt to|urge to|urges to|how to|how do i|how can i|how should i|"
    r"how would i|should i|can i|could i|would i|wanna|gonna|i will|i would|i am)"
)

ACCIDENT_AFTER = lazy(
    r"^ (?:by accident|accidentally|cooking|shaving|chopping|slicing|gardening|playing|"
    r"lifting|working out|at the gym|at work|on (?:a|the|some|my)|with (?:a|the) "
    r"(?:knife|kitchen|stove|oven|iron|pan|kettle)|(?:while|when|during) (?:i was |i am )?"
    r"(?:cooking|shaving|playing|running|climbing|working|cleaning|moving|training|lifting|"
    r"skiing|cycling|riding|fixing|falling|gardening|chopping|hiking)|when i (?:fell|tripped|"
    r"slipped|crashed)|in the kitchen|"
    r"falling|running|skiing|climbing|training|doing|trying to (?:fix|open|cook|lift|move)|"
    r"laughing|working|studying|cleaning|moving|shopping|out there|with work|too much at|"
    r"off (?:from|with)|out of (?:the|my|this|that))"
)
HYPERBOLE_AFTER = lazy(
    r"^ (?:of|from) (?:embarrassment|shame|laughter|laughing|boredom|cringe|cuteness|"
    r"happiness|joy|excitement|envy|jealousy|old age|natural causes)|^ laughing|"
    r"^ (?:my|her|his|the|this|your|their) (?:hair|beard|clothes|shirt|fabric)|^ happy|"
    r"^ old|^ peacefully in my sleep at|^ (?:on|in) (?:this|that) hill"
)
GAME_CONTEXT = lazy(
    r"\b(?:in|on|at|for|playing) (?:the )?(?:game|minecraft|fortnite|gta|skyrim|roblox|"
    r"elden ring|dark souls|call of duty|sims|the sims|pokemon|zelda|halo|overwatch|"
    r"league|valorant|terraria|a video game|video games|my game|dnd|d and d|a story|my "
    r"novel|a novel|my book|the book|the film|the movie|a film|a movie|a play|a script)\b"
)

IDIOM_AFTER = lazy(
    ACCIDENT_AFTER.pattern + r"|^ in the foot|^ in (?:work|my work|coffee|books|music|tv|"
    r"netflix|games|studying|paperwork|chores|alcohol|wine)|^ out to dry|^ with (?:junk|fast "
    r"food|sugar|coffee|caffeine|carbs|sweets|chocolate)"
)
