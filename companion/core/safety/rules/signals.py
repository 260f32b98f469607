"""Whole-message signals: stressors, questions about heights, places and amounts, veiled
intent and means at hand. Weak alone; they combine in ``detect``.
"""

from __future__ import annotations

from companion.core.safety.rules.lazy import LazyPattern, lazy

STRESSOR = lazy(
    r"\blost my (?:job|home|house|wife|husband|partner|kids|children|mom|mum|dad|son|"
    r"daughter|everything|baby|business|flat|apartment)\b|\bgot (?:fired|dumped|laid off|"
    r"evicted|sacked)\b|\b(?:was|been|got|being) (?:fired|laid off|dumped|evicted|sacked|"
    r"rejected|bullied|abused)\b|\b(?:broke up with me|left me|cheated on me)\b|\bdivorce\b|"
    r"\bbankrupt\b|\bin debt\b|\b(?:nobody|no one|noone) (?:cares|loves me|would notice)\b|"
    r"\b(?:all|so|completely) alone\b|\bcan not take (?:it|this) anymore\b|"
    r"\bworst (?:day|week|year) of my life\b|\bfailed (?:my|the|all my|every)\b|"
    r"\b(?:my life is|everything is) (?:over|ruined|falling apart)\b"
)
HEIGHT_QUESTION = lazy(
    r"\b(?:bridges?|buildings?|roofs?|rooftops?|cliffs?|towers?|skyscrapers?|overpass\w*|"
    r"balcon(?:y|ies)|parking (?:garages?|structures?|decks?)|car parks?|multi storey|ledges?|"
    r"dams?|viaducts?|high rises?|quarr(?:y|ies)|gorges?|railway lines?|train tracks)\b"
    r"(?: \w+){0,10}? (?:tall|taller|tallest|high|higher|highest|height|heights|drop|"
    r"drops|metres|meters|feet|ft|m|storeys|stories|floors|above the water|deep)\b|"
    r"\b(?:tallest|highest) (?:bridges?|buildings?|roofs?|cliffs?|towers?|"
    r"skyscrapers?|balcon(?:y|ies)|parking garages?|car parks?)\b"
)
LOCAL = lazy(
    r"\b(?:(?:close to|near|by|next to|behind|around) my (?:house|home|place|flat|apartment|"
    r"work|office|school|street|building)|walking distance|"
    r"my (?:city|town|area|village|neighbourhood|neighborhood|county|region)|near me|"
    r"nearby|near here|close to me|closest|nearest|around here|in town|local|i can (?:get to|"
    r"reach|access|walk to|drive to)|within walking|open to the public|unlocked|without "
    r"(?:fences?|barriers?|railings?|nets?)|no (?:fences?|barriers?|railings?|nets?)|can "
    r"(?:i|you|someone) (?:get|climb) (?:onto|on|up))\b"
)
MEANS_PLACE = lazy(
    r"\b(?:train|railway|rail|subway|metro|tram) (?:lines?|tracks?|crossings?|stations?|"
    r"bridges?)\b|\b(?:railway|train) tracks?\b|\b(?:gun|firearm|rifle) (?:shops?|stores?|"
    r"ranges?)\b|\b(?:rivers?|lakes?|reservoirs?|quarr(?:y|ies)|cliffs?|motorway|highway|"
    r"freeway|overpass\w*)\b"
)
MEANS_QUESTION = lazy(
    r"\bhow (?:many|much) (?:\w+ ){0,4}(?:pills|tablets|paracetamol|tylenol|acetaminophen|"
    r"ibuprofen|aspirin|insulin|sleeping pills|medication|antidepressants|benzos|opioids|"
    r"xanax|alcohol)\b(?: \w+){0,4} (?:too many|too much|dangerous|an overdose|safe|"
    r"harmful|enough|the limit|the maximum|max)\b|"
    r"\b(?:too many|too much|overdose on|overdose of) (?:\w+ ){0,2}(?:pills|tablets|"
    r"paracetamol|tylenol|acetaminophen|ibuprofen|aspirin|insulin|medication|antidepressants|"
    r"benzos|opioids|xanax)\b|"
    r"\b(?:where|how) (?:can|could|do) i (?:buy|get|find) (?:a )?(?:gun|rope|pills|"
    r"poison|charcoal|helium)\b|\bhow (?:long|much time) (?:does it take|until|before) "
    r"(?:you|someone|a person|i) (?:die|pass out|lose consciousness|bleed out)\b"
)

# Veiled signals. A strong one alone is a concern, and a crisis together with any other signal;
# weak ones (everyday meanings are common) count only alongside another signal.
VEILED: tuple[LazyPattern, ...] = tuple(
    lazy(pattern)
    for pattern in (
        r"\bgo(?:ing)? through with it\b",
        r"\bi (?:know|have worked out|have figured out|figured out|worked out|have decided) "
        r"(?:exactly )?(?:how|when|where) (?:i would|i will|i am going to|i would do it|to do "
        r"it|i will do it)\b",
        r"\bplanning (?:how|when|where) (?:to do it|i will do it|i would do it|to end it)\b",
        r"\b(?:my plan is|i plan|i am planning|i have planned|i have decided|i decided) to do it "
        r"(?:on|this|tonight|tomorrow|when|after|before|next)\b",
        r"\b(?:will not|wo not|do not|am not going to) need (?:this|the|you|it|anyone|anything|"
        r"this app|help) (?:\w+ )?(?:anymore|after tonight|much longer|soon|after today|any "
        r"longer)\b",
        r"\b(?:written|wrote|writing|write|left) (?:\w+ ){0,2}(?:letters?|notes?|messages?) "
        r"(?:to|for) (?:everyone|everybody|my family|them all|each of|all of|the people i love|"
        r"my kids|my parents|my mum|my mom|my dad)\b",
        r"\b(?:nobody|no one|noone|you|they|everyone|my family|people) (?:will|would|wo not|"
        r"will not|would not) (?:have to |need to )?(?:worry|deal|put up|bother|be bothered) "
        r"(?:about|with|by) me (?:anymore|after|much longer|soon|for long|again)\b",
        r"\bforgive me for what i am about to\b",
        r"\b(?:have|got|have got|made) a plan and a (?:date|time|place)\b|\b(?:set|picked|chose|"
        r"chosen) (?:a|the) date\b(?= ?(?:\||$)| (?:to do it|for it))",
        r"\bdo what i should have done (?:\w+ )?(?:years|months|long|ages|a long time) ago\b",
        r"\b(?:do not|never) want to be (?:saved|rescued|stopped|found|helped)\b",
        r"\b(?:please )?(?:do not|never) (?:try to )?(?:stop|save|find|look for|come for) me\b",
        r"\bstop being a (?:burden|problem|weight) (?:for good|forever|once and for all|"
        r"permanently|to everyone)\b",
        r"\b(?:thinking|think|thought|dreaming|fantasi[sz]ing) (?:about|of) (?:the drop|jumping|"
        r"the fall|falling|the edge|stepping off|going over the edge)\b",
        r"\b(?:worth more dead|more (?:useful|valuable) dead|better off dead for|than i am worth "
        r"alive)\b",
        r"\blife insurance (?:\w+ ){0,4}(?:pay|pays|payout|pay out|worth|cover|would)\b",
        r"\b(?:going to|gonna|will|want to|about to|ready to|i) end mine\b",
        r"\bi know (?:exactly )?what i (?:am going to|will|need to|have to|want to) do with "
        r"(?:it|them|this|that)\b",
        r"\bnot (?:be|going to be) (?:a )?(?:problem|burden) (?:for|to) (?:\w+ )?(?:much longer|"
        r"anymore|soon)\b",
        r"\bi (?:will|am going to) be (?:gone|at peace|free) (?:soon|tonight|tomorrow|by)\b",
        r"\b(?:the )?(?:last|final) time (?:you will|you ll|anyone will) (?:hear|see)\b",
        r"\b(?:will not|wo not|might not|may not|do not think i will|do not think i am going "
        r"to|not going to) make it (?:through|to|past) (?:tonight|the night|tomorrow|the "
        r"weekend|morning|the morning)\b",
        r"\b(?:if anyone finds this|whoever finds this|to whoever reads this|if you are reading "
        r"this)\b",
    )
)
VEILED_WEAK: tuple[LazyPattern, ...] = tuple(
    lazy(pattern)
    for pattern in (
        r"\b(?:tonight|today|this) is the (?:night|day)(?= ?(?:\||$| i | when i ))",
        r"\b(?:finally|actually) (?:going to |gonna |)?(?:do it|doing it)\b",
        r"\b(?:got|have|i have got|have got) everything (?:ready|sorted|planned|in place)\b|"
        r"\beverything is (?:ready|in place|sorted|planned)\b",
        r"\b(?:want|going|ready|about|gonna|need) to jump\b(?! (?:in|into|on|up|around|for|at|"
        r"ahead|the gun|to|rope|start|higher|over|off the sofa|off the couch))",
        r"\bi am (?:\w+ ){0,2}(?:on|at) (?:the )?(?:roof|rooftop|ledge|edge|top of|bridge|cliff|"
        r"tracks|balcony|top floor)\b",
        r"\bthank you for everything(?= ?(?:\||$))|\bthanks for (?:listening|everything|being "
        r"there)(?= ?(?:\||$))",
        r"\bwhen (?:everyone|everybody|they|my family|my parents|my wife|my husband) (?:is|are) "
        r"(?:out|asleep|gone|away|at work)\b",
        r"\b(?:looked up|searched|googled|researched|reading up on|read up on) (?:\w+ ){0,3}"
        r"(?:how|ways|methods|how many|how much|lethal|painless)\b",
        r"\btell (?:\w+ ){0,2}(?:that )?i (?:love|loved|am sorry)(?: (?:them|her|him|you|"
        r"everyone|all of you|so much))?(?= ?(?:\||$))",
        r"\bi am ready\b(?! (?:for|to (?:go out|start|learn|try|talk|work|begin)))",
        r"\bafter tonight(?= ?(?:\||$))|\bthis time tomorrow i (?:will|will not|wo not) be\b",
        r"\bsorry for everything(?= ?(?:\||$))",
        r"\bi do not trust myself\b(?! to (?:cook|drive|speak|say|choose|make|pick))",
        r"\bi am (?:so |just |completely |totally |really )?done(?= ?(?:\||$))",
        r"\b(?:i have |i )?made up my mind\b|\bmy mind is made up\b",
        r"\b(?:wrote|written|writing|made|updated|sorted|finished) (?:out )?my will\b",
        r"\bsaid (?:my )?goodbyes? to (?:my|everyone|everybody|them|all)\b",
        r"\b(?:cleared|deleted|wiped) (?:my )?(?:browser |search |internet )?history\b|"
        r"\bdeleted (?:all )?my (?:accounts|social media|messages|photos)\b",
        r"\bone step\b(?! at a time| forward| closer| further| ahead| back)",
        r"\b(?:saved|stopped|rescued|found) this time\b",
        r"\b(?:looking|staring|stare|look|looked|stared) (?:down )?at the (?:train tracks|tracks|drop|"
        r"edge|ledge|water below|river|road below|traffic|pills|rope|knife|blade)\b",
        r"\b(?:they|everyone|people|my family|my friends|he|she) (?:will|would) (?:get over it|move "
        r"on|forget (?:about )?me|be fine without me)\b",
        r"\bit(?:s| is) happening (?:tonight|today|now|soon|tomorrow)\b",
        r"\b(?:from|on|at) the top of (?:the|a) (?:car park|parking garage|building|bridge|cliff|"
        r"tower|multi storey|block)\b",
        r"\bi have made (?:my )?(?:decision|choice|peace)(?= ?(?:\||$)| with (?:it|dying|death|"
        r"this|leaving))",
    )
)
# Having the means at hand: weak alone (a climbing rope), a crisis with distress or intent.
MEANS_POSSESSION = lazy(
    r"\b(?:i have|i have got|i got|i bought|i am holding|i am keeping|i keep|got|bought|have) "
    r"(?:a |the |some |my |enough |all my |a lot of |lots of |a bottle of |a box of )?"
    r"(?:[a-z]+'s |[a-z]+ s )?(?:rope|noose|pills|gun|pistol|rifle|shotgun|razor|razors|"
    r"blades?|charcoal|helium|painkillers|sleeping pills)\b|"
    r"\b(?:ya )?tengo (?:las |unas |mis )?(?:pastillas|pildoras|cuerda|soga|pistola|cuchillas?)\b|"
    r"\bj'ai (?:les |des |mes )?(?:cachets|medicaments|comprimes|corde|lames?)\b|"
    r"\bich habe (?:die |meine |ein |eine )?(?:tabletten|seil|pistole|klingen?)\b|"
    r"\b(?:ja )?tenho (?:os |as |meus |minhas )?(?:comprimidos|remedios|corda|laminas?)\b"
)
GOODBYE = lazy(r"(?:^ ?|\| )(?:good ?bye|bye|farewell|adios|adieu)\b")
