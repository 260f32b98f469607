"""Danger from and to other people: being threatened or hurt now, a child at risk, wanting to
hurt someone. Written from how people describe these (a subject who threatens or hurts, an act,
"me" or a child as the object; or "I" wanting to hurt a person), not from any list of cases.
"""

from __future__ import annotations

from companion.core.safety.rules.base import CRISIS, RELATION, Rule, rx
from companion.core.safety.rules.lazy import lazy

# Someone who could threaten or hurt the person (relations, "he", "she", strangers).
_AGENT = (
    rf"(?:(?:my |our |her |his |their )?(?:{RELATION}|ex|stepdad|stepfather|stepmom|stepmum|"
    r"stepmother|step dad|step mom|step mum|husband|boyfriend|partner|mum s boyfriend|"
    r"mom s boyfriend|landlord|pimp|dealer|abuser|attacker|stalker)|"
    r"someone|somebody|a man|a guy|a woman|a stranger|they|he|she)"
)
_VIOLENT = (
    r"(?:hurt|hurts|hurting|beat|beats|beating|hit|hits|hitting|choke|chokes|choking|"
    r"strangle|strangles|stab|stabs|shoot|shoots|punch|punches|kick|kicks|rape|rapes|attack|"
    r"attacks|smack|smacks|slap|slaps|burn|burns|break my|throw me|push me|lock me)"
)
_VIOLENT_PAST = (
    r"(?:hit|beat|choked|strangled|stabbed|punched|kicked|raped|attacked|slapped|smacked|"
    r"shoved|threw|strangled|burned|burnt|molested|assaulted|abused|touched)"
)
_THREAT = r"(?:threaten\w*|says|said|keeps saying|told me|tells me|texted|swore|promised|warned)"
_CHILD = (
    r"(?:(?:my|the|our|his|her|their) (?:little |baby |younger |step ?)?(?:brother|sister|son|"
    r"daughter|kid|kids|child|children|baby|babies|nephew|niece|grandson|granddaughter|"
    r"students?|pupils?|toddler)|(?:a|the) (?:child|kid|baby|toddler|little (?:boy|girl))|"
    r"the neighbou?rs? (?:kids?|child|children|baby))"
)
# A person the speaker could mean to hurt (not a process, a task, a dragon, a burger).
_VICTIM = (
    rf"(?:him|her|them|someone|somebody|anyone|people|everyone|everybody|a person|"
    rf"(?:my|the|that|this|his|her|their) (?:{RELATION}|boss|manager|teacher|ex|coworker|"
    r"co worker|roommate|flatmate|stepmother|stepfather|stepdad|stepmom|neighbou?r|"
    r"landlord|bully|bullies|guy|girl|man|woman|people|baby|kids?|child|children|toddler|"
    r"class|classmates?|school|office|family|husband|wife|boyfriend|girlfriend))"
)
_HARM_VERB = (
    r"(?:kill|killing|murder|murdering|hurt|hurting|harm|harming|stab|stabbing|shoot|shooting|"
    r"strangle|strangling|poison|poisoning|beat up|beating up|beat|beating|hit|hitting|attack|"
    r"attacking|choke|choking|punch|punching|shake|shaking|smother|smothering|drown|drowning|"
    r"suffocate|suffocating|burn|burning|run over|get back at|make \w+ suffer)"
)
_WANT = (
    r"(?:want to|wanna|going to|gonna|will|am going to|plan to|planning to|about to|ready to|"
    r"could|might|feel like|keep thinking about|thinking about|think about|thought about|"
    r"thoughts (?:of|about)|urge to|urges to|fantasi[sz]e about|fantasi[sz]ing about|"
    r"scared i (?:will|might|could)|afraid i (?:will|might|could)|i (?:will|might|could))"
)
_HYPERBOLE_AFTER = lazy(
    r"^ (?:for (?:eating|taking|forgetting|being|doing|not|that|this|using|stealing|"
    r"spoiling|telling)|if (?:i|you|we) (?:am|are|forget|do not|miss|lose|break|tell|eat|"
    r"mess)|when (?:i|we) get home (?:lol|haha)|in (?:the|a) (?:game|match|round|fight scene)|"
    r"at (?:chess|fifa|mario|smash|cards|scrabble)|lol|haha|jk)"
)

DANGER_RULES: tuple[Rule, ...] = (
    # Being threatened or hurt by someone, now or again.
    Rule(
        "danger_from_others",
        CRISIS,
        rx(
            rf"\b{_AGENT} (?:\w+ ){{0,3}}{_THREAT} (?:\w+ ){{0,4}}(?:kill|hurt|beat|stab|shoot|"
            r"choke|strangle|hit|rape|burn|find|get|take the kids from) (?:me|us|my kids|my "
            r"children|the kids|my baby|my family)\b",
            rf"\b{_AGENT} (?:is|was|are|were|will|would|might|is going to|was going to|is gonna|"
            rf"gonna|going to|keeps|always|(?:\w+ )?again) (?:\w+ )?{_VIOLENT} (?:me|us)\b",
            rf"\b{_AGENT} (?:\w+ ){{0,2}}{_VIOLENT_PAST} me\b(?! (?:off|out|away|up|to it|in a game))",
            rf"\b{_AGENT} (?:\w+ ){{0,2}}pushed me (?:down|into|against|off|to the (?:floor|ground))\b",
            rf"\b{_AGENT} (?:is|are|keeps|was|has been|started) (?:\w+ )?threatening (?:me|us|my)\b",
            rf"\b{_AGENT} (?:\w+ ){{0,2}}(?:abuses|touches|molests|rapes|hurts|beats|hits|"
            r"chokes|threatens|stalks|follows) me\b",
            rf"\b{_AGENT} (?:is|are) (?:\w+ )?(?:banging on|outside|breaking|kicking) (?:the|my) "
            r"(?:door|window|house|flat|room)\b",
            rf"\b{_AGENT} (?:is|are|was) (?:\w+ ){{0,2}}(?:trying to get in|trying to break in|"
            r"outside (?:the|my) (?:door|house|flat|room|bathroom|window))\b",
            rf"\b{_AGENT} (?:is holding|grabbed|pulled|pointed|is waving|picked up) (?:a |the |his "
            r"|her )?(?:knife|gun|bat|hammer|weapon)\b",
            rf"\b{_AGENT} (?:has|got) a (?:knife|gun|bat|hammer|weapon) (?:and|right now|in (?:his|"
            r"her) hand|with (?:him|her))\b",
            r"\b(?:someone|somebody|a man|a guy|a stranger|a car) (?:is )?(?:following|"
            r"stalking|watching) me\b",
            r"\b(?:trying to|tried to|wants to) (?:get|break) into (?:my|the) (?:house|flat|"
            r"apartment|room|home)\b",
            rf"\b{_AGENT} (?:\w+ )?(?:locked|locks|keeps) me (?:in|inside|locked)\b",
            rf"\b{_AGENT} (?:took|takes|smashed|broke|has) my phone\b(?! number| bill| plan)",
            r"\b(?:he|she|they) (?:will|would|might|could) hear me\b",
            r"\b(?:hiding|hid|locked myself|i am locked) (?:\w+ )?(?:from (?:him|her|them|my \w+)|"
            r"in (?:the|my) \w+ (?:from (?:him|her|them|my)|because (?:he|she|they)|so (?:he|she|"
            r"they)))\b",
            r"\b(?:scared|afraid|terrified|frightened) (?:\w+ ){0,3}(?:he|she|they|my \w+) "
            r"(?:will|is going to|might|gonna|could) (?:\w+ )?(?:hurt|kill|hit|beat|find|do it "
            r"again)\b",
            r"\b(?:scared|afraid|terrified) to go home\b",
            rf"\b{_AGENT} (?:gets|is|becomes|got) (?:\w+ )?violent\b",
            r"\bforc(?:es|ed|ing) me (?:to (?:do (?:stuff|things|sexual)|have sex|touch)|into "
            r"(?:sex|bed))\b",
        ),
    ),
    # A child at risk from someone.
    Rule(
        "child_at_risk",
        CRISIS,
        rx(
            rf"\b{_CHILD} (?:\w+ ){{0,2}}(?:is being|being|gets|got|was|has been|is) (?:\w+ )?"
            r"(?:abused|hurt|hit|beaten|molested|touched|starved|neglected|locked)\b",
            rf"\b(?:hits|beats|hurts|abuses|touches|molests|chokes|burns|kicks|starves|is "
            rf"hurting|is hitting|is abusing|hit|beat|abused|molested) {_CHILD}\b",
            r"\b(?:scared|afraid|worried|terrified) for (?:my|the) (?:kids|children|baby|son|"
            r"daughter|little brother|little sister)\b",
            r"\b(?:child|kid|baby|toddler) (?:is )?(?:being )?(?:abused|hurt|beaten)\b",
            r"\b(?:hurt|kill|take) (?:the|my) kids\b(?= (?:and|if|when|\|)|$| ?$)",
        ),
    ),
    # Wanting, planning or fearing to hurt another person.
    Rule(
        "harm_to_others",
        CRISIS,
        rx(
            rf"\bi (?:\w+ ){{0,3}}{_WANT} (?:\w+ ){{0,2}}{_HARM_VERB} {_VICTIM}\b",
            r"\b(?:i am|i) (?:\w+ ){0,2}(?:going to|gonna|will|want to) (?:find|get|make) "
            r"(?:him|her|them|everyone|my \w+|the \w+) (?:and )?(?:hurt|kill|pay|suffer)\b",
            r"\b(?:shoot|blow) up (?:the|my) (?:place|school|office|class|work|mosque|church|"
            r"synagogue|mall)\b",
            rf"\b(?:bought|got|have|brought) (?:a |the )?(?:knife|gun|weapon|bat) (?:to|for) "
            rf"(?:get back at|hurt|kill|use on|deal with) {_VICTIM}\b",
            r"\bi (?:\w+ ){0,2}(?:kill|hurt) (?:him|her|them) (?:\w+ ){0,3}i mean it\b",
        ),
        unless_after=_HYPERBOLE_AFTER,
    ),
)
