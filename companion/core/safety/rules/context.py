"""Context: topical mentions of suicide, subjects, negation, reported speech, past and jokes."""

from __future__ import annotations

from companion.core.safety.rules.base import RELATION
from companion.core.safety.rules.lazy import lazy

# Phrases that only talk about suicide as a topic (news, books, statistics, idioms).
TOPICAL = lazy(
    r"\b(?:a|the|another|his|her|their|its|an apparent|a possible) suicides?\b(?! note)|"
    r"\bsuicid\w* (?:prevention|rates?|statistics|stats|awareness|hotline|helpline|lifeline|"
    r"squad|bomber|bombers|bombing|bombings|attack|attacks|doors?|mission|missions|watch|risk|"
    r"research|epidemic|crisis line|squeeze|run|runs|sprints?|drills?|king|burn|pact in|"
    r"jockey|notes? in the|note of the)\b|"
    r"\b(?:assisted|physician assisted|political|career|social|commercial|electoral|"
    r"financial|mass|ritual|cellular|altruistic) suicid\w*\b|"
    r"\b(?:book|novel|film|movie|song|lyrics|article|news|report|documentary|essay|story|"
    r"show|series|episode|paper|study|lecture|class|course|podcast|poem|play|character|"
    r"characters|history|statistics|rates|research|awareness|prevention|module|chapter|"
    r"theme|scene|novella|opera|hamlet|romeo|juliet|headline|headlines) (?:\w+ ){0,5}?"
    r"(?:about |on |of |involving |depicting |explores |discusses |covers |with )?"
    r"(?:a |the |teen |youth |male |veteran )?suicid\w*"
)
ONLY_WAY = lazy(
    r"suicid\w* (?:feels|seems|is|looks) (?:like )?(?:the |my )?(?:only|best|last|right) "
    r"(?:option|way|answer|choice|way out|solution)|\bthe only (?:way out|option|answer|choice|"
    r"solution) (?:left )?is (?:suicide|death|to die|dying|ending it|to end it|to kill myself)\b"
)
SUBJECTLESS_SUICIDAL = lazy(
    r"\b(?:feel|feeling|felt|been|being|so|very|really|getting|get|am|still|having|had|have|"
    r"so fucking|super|kinda|kind of|pretty)\b(?: \w+){0,2} suicid|"
    r"suicid\w*(?: \w+)? (?:again|tonight|today|lately|right now|af|all the time|every day|"
    r"constantly|rn|atm|these days|all week|all day|this week)\b|^ ?suicidal ?$"
)
SUICIDE_WORD = lazy(r"\bsuicid\w*|\bsuizid\w*|\bselbstmord\w*|\bsuicidio\b")
SUBJECT_I = lazy(r"\b(?:i|me|myself|yo|je|j'ai|moi|ich|mich|eu)\b")
FIRST_PERSON = lazy(r"\b(?:i|me|my|myself|mine|yo|je|j'ai|moi|ich|mich|mir|eu)\b")
QUESTION_START = lazy(
    r"^ ?(?:what|why|when|where|who|which|is|are|was|were|does|do|did|can|could|should|"
    r"how (?:common|many people|often|prevalent|does|did|do|is|are|was|were)|tell me|"
    r"define|explain|describe|list|write|summari[sz]e|discuss)\b"
)
METHOD_WORDS = lazy(
    r"\b(?:how to|how do i|how can i|how should i|how would i|how does one|how do people|"
    r"ways? to|methods?|best|easiest|quickest|fastest|painless|least painful|surest|"
    r"most effective)\b"
)
THIRD_PERSON = lazy(
    rf"\b(?:{RELATION}|his|her|their|people|person|someone|somebody|man|woman|boy|girl|"
    r"teen|teens|men|women|celebrity|actor|singer|poet|writer|author|soldier|veteran|"
    r"student|patients?|victims?|anyone|those|others|one)\b"
)
NEGATORS = frozenset(
    {
        "not",
        "never",
        "no",
        "nor",
        "nunca",
        "jamas",
        "nao",
        "nicht",
        "nie",
        "niemals",
        "jamais",
        "pas",
        "longer",
    }
)
NEGATION_BREAKERS = frozenset(
    {
        "stop",
        "help",
        "sure",
        "wait",
        "know",
        "only",
        "one",
        "matter",
        "doubt",
        "mind",
        "lie",
        "joke",
        "kidding",
        "lying",
    }
)
HYPERBOLE_TAIL = lazy(
    r"\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|just kidding|not literally|figuratively|"
    r"xd|kidding)\b"
)
PAST_MARKER = lazy(
    r"\b(?:used to|years ago|months ago|back in|in the past|when i was (?:younger|a teen|a "
    r"teenager|a kid|a child|in school|at school|in college|at uni)|as a teen|as a teenager|"
    r"as a kid|a long time ago|long ago|once upon|clean (?:from|of)|free (?:from|of)|"
    r"recovered from|recovery from|in recovery)\b"
)
REPORTED = lazy(
    rf"\b(?:my |a |our |the )?{RELATION} (?:\w+ ){{0,2}}(?:said|says|told me|texted|texted me|"
    r"wrote|posted|keeps saying|kept saying|messaged|messaged me|tweeted|asked me|tells me)\b|"
    r"\b(?:character|narrator|protagonist|lyrics?|song|poem|novel|book|film|movie|quote|"
    r"headline) (?:\w+ ){0,3}(?:says|said|goes|wrote|reads)\b"
)
# A past attempt or act of self-harm (for "I overdosed in 2019. Going to try again").
PAST_ATTEMPT = lazy(
    r"\b(?:attempted (?:suicide|to kill myself|to end my life)|my (?:first |last |previous )?"
    r"(?:suicide )?attempt|tried to (?:kill myself|end my life|end it|hang myself|overdose)|"
    r"overdosed|took an overdose|tried suicide)\b"
)
