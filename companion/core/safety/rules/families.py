"""Families the first rule set did not see: plans and means without the usual verbs, method and
lethality questions, preparation and farewells, and the concern families (substance use, panic,
grief, loneliness, restricting food). Patterns describe the shape of a statement (a means plus
timing, a dose plus a lethality word, an act of putting affairs in order), not single cases.
"""

from __future__ import annotations

from companion.core.safety.rules.base import CONCERN, CRISIS, Rule, rx
from companion.core.safety.rules.lazy import lazy

_DRUG = (
    r"(?:pills|tablets|meds|medication|medicine|paracetamol|tylenol|acetaminophen|ibuprofen|"
    r"aspirin|insulin|sertraline|citalopram|fluoxetine|prozac|zoloft|amitriptyline|lithium|"
    r"quetiapine|seroquel|diazepam|valium|xanax|alprazolam|benzos|codeine|tramadol|oxy\w*|"
    r"opioids|antidepressants|sleeping (?:pills|tablets)|benadryl|antihistamines|melatonin|"
    r"lamotrigine|venlafaxine|mirtazapine|propranolol|morphine|heroin|fentanyl)"
)
_MEANS = rf"(?:{_DRUG}|rope|noose|belt|gun|blade|razor|charcoal|helium|knife|cable|ligature)"
_WHEN = (
    r"(?:when|where|how|the date|a date|the day|the time|which day|which night|tonight|"
    r"this weekend|friday|saturday|sunday|monday|tuesday|wednesday|thursday)"
)
_LETHAL = (
    r"(?:too many|too much|lethal|fatal|deadly|enough to (?:die|not wake up|kill|do it|end it)|"
    r"to (?:die|not wake up|never wake up|overdose|od|kill (?:me|myself|someone|a person|an "
    r"adult))|an overdose|would (?:kill|be fatal|be enough|stop (?:my|your|the) heart)|it would "
    r"take|overdose on|od on|to pass out|to lose consciousness)"
)

# Means at hand (``signals.MEANS_POSSESSION``) and a decision about timing, in any clause of the
# message: "bought a rope today. havent decided on when yet".
DECIDED_TIMING = lazy(
    r"\b(?:not|have not|yet to|still|not yet) (?:decided|decide|picked|chosen|worked out) (?:on )?"
    r"(?:when|where|how|the date|the day)\b|\bwhen yet\b|\b(?:decided|picked|chosen|set|chose) "
    r"(?:on )?(?:when|the date|a date|the day|the night) (?:to do it|for it|i will|i am going)\b"
)

FAMILY_RULES: tuple[Rule, ...] = (
    Rule(
        "plan_or_means",
        CRISIS,
        rx(
            # Means at hand plus timing, without any verb of intent.
            rf"\b(?:bought|got|have|found|hid|hidden|tied|set up|ready|saved|keep) (?:\w+ ){{0,3}}"
            rf"{_MEANS}\b(?:\w| |\|){{0,80}}\b(?:decided|deciding|decide|chose|picked|planned|set)"
            rf" (?:on )?{_WHEN}\b",
            rf"\b(?:saving|saved|collecting|collected|stockpiling|stockpiled|hoarding|hoarded|"
            rf"stash of|stash|stashed|counted|counting) (?:up )?(?:all )?(?:my |of |the |some )?"
            rf"(?:\w+ )?{_DRUG}\b(?! (?:for (?:my|a|the) (?:headache|holiday|trip|back|cold)))",
            rf"\b(?:enough|all my|all the|a whole (?:box|bottle|pack) of) {_DRUG} (?:saved|"
            r"ready|here|in front of me|on the table|in my hand|collected)\b",
            r"\b(?:picked|set|chose|chosen|have) (?:a|the) (?:date|day|night|time) (?:for it|to "
            r"do it|for when)\b|\bpicked a date\b|\bset a date for it\b",
            r"\bif (?:nothing|things do not|it does not|she|he|they|the results|i) (?:\w+ ){0,4}"
            r"(?:by|after|before|on|tomorrow|tonight) (?:\w+ ){0,3}(?:i am|i will|i am going to|"
            r"that is it for me|i am gonna|i will be) (?:\w+ )?(?:ending it|end it|done|do it|"
            r"gone|not sticking around|out)\b",
            r"\bi am (?:\w+ )?ending (?:it|things|my life|everything)\b(?! (?:with|between|for))",
            r"\b(?:engine running|hose|tape) (?:\w+ ){0,3}(?:garage|car|exhaust)\b",
            r"\bi (?:have )?(?:worked out|figured out|calculated|wrote down|written down) (?:how "
            r"many|the dose|how much|how i will do it|how i would do it)\b|\bwrote down the dose\b",
            r"\b(?:know|picked|chosen|chose|found) (?:which|what|the) (?:bridge|building|pills|"
            r"tablets|rope|spot|place|cliff|train|car park|tree) (?:i will|i am going to|i would|to) "
            r"(?:use|jump|do it)\b",
            r"\b(?:the |my )?(?:rope|noose|pills|gun|blade|razor|tablets) (?:is|are) (?:\w+ )?(?:in "
            r"my|under my|ready|hidden|next to me|in the)\b",
            r"\bi have (?:about |like |around )?\d+ of (?:the|my|these|those) \d+ ?mg\b",
            r"\bpracti[cs]ing with (?:the |a |my )?(?:belt|rope|noose|knot)\b",
            r"\b(?:hidden|hid|hiding|keep) a (?:razor|blade|rope|knife) in my\b",
        ),
    ),
    Rule(
        "lethality_question",
        CRISIS,
        rx(
            rf"\bhow (?:many|much) (?:\w+ ){{0,4}}{_DRUG}\b(?: \w+){{0,6}} {_LETHAL}\b",
            rf"\b(?:lethal|fatal|deadly|toxic) (?:\w+ )?(?:dose|amount) (?:of )?(?:\w+ )?{_DRUG}?",
            r"\bhow long (?:does it take|until|till|before|would it take) (?:\w+ ){0,3}(?:to )?"
            r"(?:die|pass out|lose consciousness|bleed out|suffocate|drown|works?) (?:\w+ ){0,3}"
            r"(?:when|from|if|by|with|in a|after) (?:\w+ ){0,2}(?:hanging|hanged|hang|overdos\w*|"
            r"pills|cutting|drowning|carbon monoxide|the garage|a closed garage|an overdose|"
            r"bleeding|jumping)\b",
            r"\b(?:is|would) (?:hanging|drowning|overdosing|jumping|bleeding out|an overdose) "
            r"(?:\w+ )?(?:painful|quick|fast|painless|instant|peaceful|hurt)\b",
            r"\b(?:most painless|least painful|quickest|fastest|easiest|surest) way (?:to )?"
            r"(?:go|die|do it|end it|out)\b|\bwhich is (?:less|more) painful\b",
            rf"\b(?:what happens|what would happen) if (?:i|you|someone) (?:take|took|swallow|"
            rf"swallowed) (?:\w+ ){{0,3}}(?:all|the whole|[2-9][0-9]|[0-9]{{3}}|a whole) "
            rf"(?:\w+ ){{0,3}}{_DRUG}",
            r"\bcan you (?:die|survive) (?:from )?(?:\w+ ){0,3}(?:jumping|taking all|cutting|"
            r"an overdose|overdosing|hanging)\b|\bcan you od on\b",
            r"\b(?:is a|would a) (?:belt|rope|cable|scarf|sheet) (?:strong enough|hold)\b",
            r"\bhow deep (?:do you|do i|should i|would i) (?:need to )?cut\b",
            r"\bmake it look like an accident\b",
        ),
        unless_clause=rx(
            r"\b(?:dog|dogs|cat|cats|pet|pets|puppy|kitten|horse|weeds?|plants?|fish|bird|hamster|"
            r"rabbit|rats|mice|pests|bugs|insects)\b|\b(?:child|kid|baby|toddler) (?:ate|swallowed)\b"
        ),
    ),
    Rule(
        "goodbye",
        CRISIS,
        rx(
            r"\b(?:written|wrote|finished|writing) (?:\w+ )?(?:the|my|all the|all my|goodbye) "
            r"(?:goodbye )?(?:letters|notes)\b(?! (?:to santa|for school|for work|for class|to the "
            r"council))|\bwrote letters for everyone\b",
            r"\b(?:gave|given|giving) away (?:my |all my |most of my )?(?:dog|cat|pet|things|"
            r"stuff|belongings|possessions)\b(?! to (?:the )?charity)",
            r"\bgave my (?:dog|cat|pet|fish|rabbit) (?:away|to)\b",
            r"\b(?:say|said|saying) (?:bye|goodbye) (?:\w+ ){0,2}before i (?:go|leave|die|am gone)\b",
            r"\b(?:this is|consider this) (?:my )?(?:goodbye|the last time we talk|my last message)"
            r"\b|\bthis (?:will be|is) my last message\b",
            r"\b(?:sorted out|decided) who gets my (?:things|stuff)\b",
            r"\bafter i am gone\b|\bfor after i am gone\b|\b(?:look|looking) after (?:\w+ ){0,3}"
            r"when i am gone\b",
            r"\bi (?:will not|wo not) be here tomorrow\b",
            r"\b(?:already )?said my goodbyes\b|\b(?:long |last )?goodbye (?:message|letter|note|"
            r"video)\b",
            r"\bthis is the last time i will (?:write|talk|message)\b",
            r"\b(?:tell|please tell) my (?:mum|mom|dad|family|sister|brother|kids) (?:i am sorry|i "
            r"love them)\b",
        ),
    ),
    Rule(
        "veiled_intent",
        CRISIS,
        rx(
            r"\b(?:will not|wo not|not going to|do not think i will|do not think ill|do not think "
            r"i am going to) be (?:around|here|alive) (?:much longer|for long|to see|next|by|for "
            r"(?:christmas|my birthday|long))\b",
            r"\b(?:will not|wo not|not going to) be (?:a |anyone is |everyone is )?(?:burden|"
            r"problem) (?:much longer|anymore|for anyone|to anyone|after)\b",
            r"\b(?:it will|it is going to|it ll) (?:all )?be (?:over|finished) (?:soon|by|tonight|"
            r"after)\b|\bsoon it will (?:all )?be over\b|\b(?:it is|its) almost over\b",
            r"\b(?:want|wish|going) to (?:sleep and never wake up|rest forever)\b",
            r"\b(?:checking|check) out (?:soon|tonight|early|for good)\b",
            r"\b(?:there is|i know|i found) (?:only )?(?:one|a) way out\b",
            r"\b(?:do not|will not|wo not) need (?:my|this|these|any) (?:stuff|things|money|"
            r"clothes) (?:much longer|anymore|after)\b",
            r"\bnobody (?:has to|will have to) (?:put up with|deal with) me (?:for )?much longer\b",
        ),
    ),
    Rule(
        "self_harm",
        CRISIS,
        rx(
            r"\b(?:relapsed|relapse|relapsing|slipped)\b(?: \w+){0,8} (?:sh|self harm|self "
            r"harming|cutting|burning)\b",
            r"\b(?:sh|self harm|cutting)\b(?: \w+){0,3} (?:relapse|relapsed)\b",
        ),
    ),
    Rule(
        "substance_use",
        CONCERN,
        rx(
            r"\b(?:drinking|drink|drank|using|high|drunk|wasted|stoned) (?:\w+ ){0,3}(?:every "
            r"(?:night|day|morning)|all day|before work|since noon|alone again|until i pass out|"
            r"to (?:sleep|get through|cope|feel nothing|forget))\b",
            r"\b(?:relapsed|relapse) on (?:alcohol|drink|drinking|drugs|coke|heroin|weed|pills)\b|"
            r"\brelapsed after (?:\w+ ){0,3}sober\b",
            rf"\b(?:i am|i think i am|i am getting) (?:addicted to|hooked on) (?:\w+ )?(?:{_DRUG}|"
            r"alcohol|drink|booze|coke|weed|drugs|painkillers|gambling)\b|\bcan not stop (?:using|"
            r"drinking)\b|\bcan not go a day without (?:a drink|drinking|using)\b",
            r"\bblacked out (?:again|last night|from drinking)\b|\bmy drinking is\b",
            rf"\b(?:more|extra) (?:of )?(?:my )?{_DRUG} than (?:i am meant|i should|prescribed|the "
            r"doctor)\b|\bmixing (?:pills|meds) (?:and|with) (?:alcohol|drink|booze)\b",
            r"\b(?:stopped|stop|quit|quitting) (?:taking )?my (?:lithium|meds|medication|"
            r"antidepressants|pills)\b",
        ),
    ),
    Rule(
        "panic",
        CONCERN,
        rx(
            r"\b(?:having|in the middle of) (?:a |another )?panic attacks?\b(?! (?:but|yesterday|last))",
            r"\banother panic attack\b",
            r"\bpanic attacks? (?:every day|again|right now)\b",
            r"\bcan not (?:stop )?(?:breathe|breathing|hyperventilating|stop shaking)\b(?! through "
            r"my nose)",
            r"\b(?:walls are closing in|nothing feels real|everything feels unreal|detached from my "
            r"body)\b",
        ),
    ),
    Rule(
        "grief",
        CONCERN,
        rx(
            r"\b(?:died|passed away|passed|lost|funeral)\b(?: \w+){0,8} (?:can not (?:stop "
            r"crying|function|cope|go on|carry on)|do not know how to (?:carry on|go on|cope)|feel "
            r"so empty|not getting better|see the point|falling apart)\b",
            r"\b(?:grief|grieving) is (?:eating|killing|destroying|crushing) me\b",
            r"\b(?:miscarriage|lost (?:my|the) baby)\b",
        ),
    ),
    Rule(
        "loneliness",
        CONCERN,
        rx(
            r"\bi am so (?:lonely|alone|isolated)\b|\bi feel (?:so )?(?:alone|lonely|invisible|"
            r"isolated)\b(?! sometimes (?:when|on)| on sundays but)",
            r"\bi have (?:no friends|nobody|no one|noone)(?: at all| to talk to| here| left)?\b",
            r"\b(?:nobody|no one|noone) (?:ever )?(?:texts|calls|talks to|cares about) me\b",
            r"\b(?:the only one|only you|no one else|nobody else) i (?:can )?talk to\b|\bthere is "
            r"no one else\b",
        ),
    ),
    Rule(
        "disordered_eating",
        CONCERN,
        rx(
            r"\b(?:have not|not) eaten (?:in|for) (?:\d+|two|three|four|five|days)\b",
            r"\b(?:make|made|making) myself (?:sick|throw up|vomit)\b|\bpurging\b|\bi am restricting\b",
            r"\bonly (?:eat|ate|let myself eat) (?:\d+ calories|one|an apple|a)\b",
            r"\b(?:eat|eating) less without (?:\w+ ){0,2}noticing\b|\bhide that i am not eating\b",
            r"\b(?:get|be|go) (?:under|below) \d+ ?(?:kg|kilos|pounds|lbs)\b",
            r"\bstarv(?:e|ing) myself\b|\blaxatives\b(?! for)|\bsee my bones\b",
            r"\b(?:stop feeling hungry|stop eating without)\b",
        ),
    ),
)
