"""The crisis detector's rules: patterns over normalised text (see ``normalize``).

Each rule names a short reason code and a level. Rules are written from how people talk about
suicide and self-harm (first-person subject + verb + self-directed object, intensifiers, slang,
typos, four other languages), not from any benchmark list. ``detect`` applies them clause by
clause with negation, hyperbole and reported-speech handling.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

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
    pattern: re.Pattern[str]
    negatable: bool = True
    unless_after: re.Pattern[str] | None = None
    unless_before: re.Pattern[str] | None = None
    unless_clause: re.Pattern[str] | None = None
    neg_inside: bool = True


def _rx(*parts: str) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{part})" for part in parts))


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

ACCIDENT_AFTER = re.compile(
    r"^ (?:by accident|accidentally|cooking|shaving|chopping|slicing|gardening|playing|"
    r"lifting|working out|at the gym|at work|on (?:a|the|some|my)|with (?:a|the) "
    r"(?:knife|kitchen|stove|oven|iron|pan|kettle)|(?:while|when|during) (?:i was |i am )?"
    r"(?:cooking|shaving|playing|running|climbing|working|cleaning|moving|training|lifting|"
    r"skiing|cycling|riding|fixing|falling|gardening|chopping|hiking)|when i (?:fell|tripped|"
    r"slipped|crashed)|in the kitchen|"
    r"falling|running|skiing|climbing|training|doing|trying to (?:fix|open|cook|lift|move)|"
    r"laughing|working|studying|cleaning|moving|shopping|out there|with work|too much at)"
)
HYPERBOLE_AFTER = re.compile(
    r"^ (?:of|from) (?:embarrassment|shame|laughter|laughing|boredom|cringe|cuteness|"
    r"happiness|joy|excitement|envy|jealousy|old age|natural causes)|^ laughing|"
    r"^ (?:my|her|his|the|this|your|their) (?:hair|beard|clothes|shirt|fabric)|^ happy|"
    r"^ old|^ peacefully in my sleep at|^ (?:on|in) (?:this|that) hill"
)
GAME_BEFORE = re.compile(
    r"\b(?:in|on|at|for|playing) (?:the )?(?:game|minecraft|fortnite|gta|skyrim|roblox|"
    r"elden ring|dark souls|call of duty|sims|the sims|pokemon|zelda|halo|overwatch|"
    r"league|valorant|terraria|a video game|video games|my game|dnd|d and d|a story|my "
    r"novel|a novel|my book|the book|the film|the movie|a film|a movie|a play|a script)\b"
)

IDIOM_AFTER = re.compile(
    ACCIDENT_AFTER.pattern + r"|^ in the foot|^ in (?:work|my work|coffee|books|music|tv|"
    r"netflix|games|studying|paperwork|chores|alcohol|wine)|^ out to dry|^ with (?:junk|fast "
    r"food|sugar|coffee|caffeine|carbs|sweets|chocolate)"
)

CRISIS_RULES: tuple[Rule, ...] = (
    # Self-directed lethal acts: "kill myself", "unalive myself", "off myself", "end myself".
    Rule(
        "suicidal_intent",
        CRISIS,
        _rx(
            rf"\b(?:kill|kil|killing|killed|end|ending|off|offing|unalive|unaliving|murder|"
            rf"murdering|hang|hanging|hanged|shoot|shooting|drown|drowning|poison|poisoning|"
            rf"suffocate|suffocating|strangle|strangling|gas|gassing|electrocute|"
            rf"electrocuting|stab|stabbing|delete|deleting|erase|neck|necking|rope|roping|"
            rf"yeet|destroy|overdose|overdosing) {SELF}\b",
        ),
        unless_after=IDIOM_AFTER,
    ),
    Rule(
        "suicidal_intent",
        CRISIS,
        _rx(
            r"\b(?:end|ending|take|taking|finish|finishing|stop|stopping) (?:my|my own) life\b",
            r"\b(?:end|ending) (?:it|things|everything) (?:all|tonight|today|now|forever|for good|"
            r"once and for all)\b",
            r"\b(?:end|ending) it all\b",
            r"\b(?:want to|going to|ready to|plan to|planning to|planned to|about to|decided to|"
            r"have decided to|intend to|will|should|just|gonna|finally|i) (?:just |finally )?end "
            r"(?:it|everything|things)\b(?! (?:with|for|between|off|on|at|up|here|there|early|"
            r"now with|today with))",
            r"\b(?:thinking about|thinking of|think about|thought about|considering|"
            r"contemplating|dreaming of|fantasi[sz]ing about) (?:just |finally )?ending (?:it|it all|"
            r"things|everything|my life|my own life)\b(?! (?:with|for|between))",
            r"\b(?:tonight|today|tomorrow|this weekend|soon|now) i (?:will |am going to |am gonna |"
            r"shall )?(?:end it|end things|end everything|do it|go through with it)\b",
            r"\bcheck(?:ing)? out (?:permanently|for good|early|of (?:life|this world|this life))\b|"
            r"\b(?:leave|leaving) this (?:world|life|earth) (?:tonight|today|soon|for good|forever)\b|"
            r"\bgo to sleep forever\b",
            r"\bkys (?:myself|me)\b",
            r"\b(?:i|me) (?:\w+ ){0,3}(?:want to|need to|ready to|going to) (?:be )?gone for good\b",
            # Slang and euphemisms.
            r"(?<!\d )\bkms\b",
            r"\b(?:i|me|myself|gonna|going to|will|should|might|want to|time to|about to|"
            r"need to|ready to|could) (?:\w+ ){0,2}kys\b",
            r"\bsewer ?slide\b|\bsewerslide\b|\bself ?delet(?:e|ion|ing)\b|\bctb\b|"
            r"\btoaster bath\b|\bunalive\b",
            # Spanish.
            r"\b(?:me )?quiero morir(?:me)?\b|\bquiero (?:matarme|suicidarme|morirme)\b",
            r"\bme (?:quiero|voy a|gustaria) (?:matar|suicidar|morir|quitar la vida)\b",
            r"\b(?:voy a|quiero|pienso|necesito) (?:matarme|suicidarme|quitarme la vida|"
            r"acabar con mi vida)\b",
            r"\b(?:quitarme|acabar con) (?:la|mi) (?:propia )?vida\b|\bsuicidarme\b",
            r"\b(?:tengo )?ganas de (?:morir|morirme|matarme|suicidarme)\b",
            r"\bpienso en (?:el )?suicidio\b",
            r"\b(?:tirarme|lanzarme|aventarme|arrojarme|me voy a tirar|me tiro|me quiero tirar) "
            r"(?:de |desde |por |a |bajo |delante de )(?:un |una |el |la |las |los )?(?:puente|"
            r"edificio|balcon|ventana|tren|metro|vias|azotea|techo|acantilado|coche|camion)\b",
            # French.
            r"\bje (?:veux|voudrais|vais|dois) (?:juste )?(?:mourir|me tuer|me suicider|"
            r"en finir|me foutre en l'air)\b",
            r"\bj'ai envie (?:de |d')(?:mourir|me tuer|me suicider|en finir)\b|\bd'en finir\b",
            r"\b(?:sauter|me jeter|je vais me jeter|je vais sauter|je veux sauter) (?:du |de la |"
            r"d'un |d'une |de l'|sous (?:un |le |les )?|par la )?(?:pont|immeuble|toit|balcon|"
            r"fenetre|falaise|train|metro|rails|tour)\b",
            r"\bmettre fin a (?:mes jours|ma vie)\b|\bme suicider\b|\bme tuer\b",
            r"\bje pense au suicide\b|\bme foutre en l'air\b",
            # German (umlauts are folded: mochte, toten).
            r"\bich (?:will|mochte|moechte|muss|werde|wurde gern|wuerde gern) (?:jetzt |einfach |"
            r"nur |bald |heute )?(?:sterben|mich umbringen|mich toten|mich selbst toten|"
            r"mir das leben nehmen|tot sein|suizid begehen|selbstmord begehen)\b",
            r"\bich bring(?:e)? mich (?:\w+ ){0,2}um\b|\bmir das leben nehmen\b",
            r"\bmich (?:\w+ ){0,3}(?:umbringen|umzubringen|toten|zu toten|erhangen|aufhangen)\b",
            r"\b(?:vom|von der|von einem|von einer|vor den|vor einen) (?:\w+ )?(?:dach|hochhaus|"
            r"brucke|balkon|fenster|zug|zuge|klippe) (?:zu )?(?:springen|werfen|sturzen)\b",
            r"\bich denke (?:an|uber) (?:selbstmord|suizid)\b|\b(?:selbstmord|suizid)gedanken\b",
            # Portuguese.
            r"\b(?:eu )?quero morrer\b|\b(?:vou|quero|preciso|penso em) me (?:matar|suicidar)\b",
            r"\b(?:vou|quero) (?:matar me|suicidar me)\b|\bme suicidar\b",
            r"\b(?:tirar|acabar com) (?:a )?(?:minha )?(?:propria )?vida\b",
            r"\bpenso em suicidio\b|\bqueria morrer\b",
            r"\b(?:me jogar|me atirar|me lancar|vou pular|quero pular|pular) (?:da |de uma |do |"
            r"de um |de |na frente (?:do|de um) )?(?:ponte|predio|janela|telhado|viaduto|trem|"
            r"metro|penhasco|sacada)\b",
            r"\b(?:pensando em|pensar em|penso em|vontade de|quero|vou|preciso|tentar) "
            r"(?:me matar|me suicidar|morrer|tirar a minha vida)\b",
        ),
    ),
    # "I want to die" and its intensified forms (not "going to die": that is fear, not intent).
    Rule(
        "suicidal_intent",
        CRISIS,
        _rx(
            rf"\b(?:i|just|all i) {ADV}(?:want|wanted|need|long|am ready|ready|plan|am planning|"
            rf"intend|have decided|decided|deserve|am about|would love|would like) to "
            rf"(?:just |finally |simply |quietly )?(?:die|be dead|not be alive)\b",
            r"^ (?:\| )?(?:i )?(?:just |really |so )*want to (?:just )?die\b",
            r"\bwant to die\b(?= ?(?:\| ?)?$| (?:so bad|so much|right now|tonight|today|now))",
            r"\bready to die\b|\bi am going to die tonight\b",
        ),
        unless_after=HYPERBOLE_AFTER,
        unless_before=re.compile(
            r"\b(?:rather|people|who|he|she|they|you|character|characters|someone|"
            r"plants?|cells?|bacteria)\b"
        ),
    ),
    # Asking for methods.
    Rule(
        "method_request",
        CRISIS,
        _rx(
            r"\b(?:best|easiest|quickest|fastest|simplest|surest|quietest|cleanest|most "
            r"painless|least painful|most peaceful|painless|peaceful|quick|quiet|effective|"
            r"reliable|guaranteed|good|gentle|surefire|sure|certain|most effective|most "
            r"reliable|least messy|nicest|fast|easy) (?:way|ways|method|methods|means|options?) "
            r"(?:to|of|for|i could|i can|to just) (?:die|dying|go|kill (?:myself|yourself|"
            r"oneself|someone)|end (?:it|my life|your life|one's life|ones life|things|"
            r"everything)|commit suicide|suicide|self harm|hurt (?:myself|yourself)|cut (?:myself|yourself|my wrists?|your wrists?|deep|deeper)|"
            r"overdose|not wake up|never wake up|disappear forever|bleed out|bleed to death|stop "
            r"breathing|stop my heart)\b",
            r"\bhow (?:to|do i|can i|could i|should i|would i|might i|do you|does one|do "
            r"people|can you|can someone|can a person|does a person|would someone|would one) "
            r"(?:usually |normally |typically |commonly |actually |most often |often |just |"
            r"quickly |painlessly |peacefully |easily |successfully )?"
            rf"(?:die|kill (?:myself|yourself|oneself|{OTHER_SELF})|commit suicide|"
            r"end (?:my|your|one's|ones|their|a) life|take (?:my|your|one's|ones|their) "
            rf"(?:own )?life|hang (?:myself|yourself|oneself|{OTHER_SELF})|overdose(?! proof)|"
            r"slit (?:my|your|one's|their) wrists?|cut (?:my|your|one's|their) wrists?|"
            r"bleed out|tie a noose|make a noose|suffocate (?:myself|yourself)|"
            r"drown (?:myself|yourself)|poison (?:myself|yourself)|self harm)\b",
            r"\b(?:die|dying|kill myself|end it|go) (?:painlessly|quickly and painlessly|"
            r"without (?:pain|feeling it|it hurting)|in my sleep|peacefully)\b",
            r"\b(?:tie|tying|make|making|tied|made|bought|buy|have|got) (?:a |the |my )?noose\b",
            r"\b(?:best|good|ideal|quiet|quietest|easiest|perfect|right|safest|nearest|closest|"
            r"popular|common|secluded) (?:place|places|spot|spots|location|locations|bridge|"
            r"bridges|building|buildings|time|day|way) (?:\w+ ){0,4}?(?:to|for) (?:kill "
            r"(?:myself|yourself|oneself|themselves)|die|end (?:it|my life|your life|one's life|"
            r"things)|commit suicide|suicide|jump|hang (?:myself|yourself)|overdose|self harm|"
            r"cut (?:myself|yourself|deep|deeper))\b",
            r"\bwhere (?:can|could|should|do|would|might) (?:i|you|someone|people|one) "
            r"(?:\w+ ){0,2}(?:kill (?:myself|yourself|oneself|themselves)|die|end it|end my life|"
            r"commit suicide|jump|hang (?:myself|yourself)|overdose)\b",
            r"\b(?:mix|mixing|combine|combining|take|drink|eat|swallow|inhale|breathe in|use|buy|"
            r"get) (?:\w+ ){0,4}(?:to|so i|so that i|and) (?:just )?(?:die|kill myself|end (?:it|my "
            r"life)|not wake up|never wake up)\b",
            r"\b(?:deadliest|most lethal|most dangerous|most toxic|most deadly|strongest) "
            r"(?:pills?|drugs?|medications?|medicines?|poisons?|tablets|overdose|chemicals?|"
            r"way to die|method|methods)\b",
            r"\b(?:which|what) (?:pills?|drugs?|medications?|medicines?|poisons?|tablets|"
            r"chemicals?) (?:are|is) (?:the )?(?:most )?(?:deadliest|lethal|fatal|deadly|dangerous "
            r"enough)\b",
            r"\b(?:is|does|would|will|how) (?:\w+ )?(?:hanging|drowning|overdosing|an overdose|"
            r"slitting \w+ wrists|jumping|bleeding out|suffocating|gassing|carbon monoxide|"
            r"shooting (?:yourself|myself)|hanging (?:yourself|myself)) (?:\w+ )?(?:painful|hurt|"
            r"quick|fast|painless|peaceful|work|effective|lethal|fatal|deadly|long)\b",
            r"\b(?:how deep|how hard|where|how) (?:do|should|would|to|can|must) (?:you |i |one "
            r"|someone )?(?:\w+ ){0,3}(?:cut|slice|slit|stab) (?:\w+ ){0,3}(?:to )?(?:hit|reach|"
            r"get|an artery|the artery|arteries|a vein|veins|deep|bleed)\b",
            r"\b(?:cut|slice|slit|stab|hit|reach|nick) (?:\w+ ){0,2}(?:an artery|the artery|"
            r"arteries|a vein|my veins|the femoral|the carotid|the jugular)\b",
            r"\bhow long (?:does it|would it|will it|until|before|do you|does someone|would i) "
            r"(?:\w+ ){0,3}(?:to )?(?:die|bleed out|pass out and die|stop breathing)\b",
            r"\b(?:let|make|help|allow) me (?:\w+ ){0,1}(?:overdose|die|not wake up|never wake up|"
            r"stop breathing|end it)\b",
            r"\b(?:which|what) (?:\w+ ){0,4}(?:drugs?|pills|medications?|medicines?|tablets|"
            r"chemicals?|poisons?|plants?|substances?) (?:\w+ ){0,5}(?:kill (?:me|myself|you|"
            r"someone|a person)|let me die|make me die|overdose|lethal|fatal|deadly|stop (?:my|"
            r"your|a) heart|never wake up)\b",
        ),
        unless_before=GAME_BEFORE,
        neg_inside=False,
    ),
    # Intending to overdose ("I'm going to overdose"; not "I would never overdose").
    Rule(
        "suicidal_intent",
        CRISIS,
        _rx(
            r"\b(?:i|can i|should i|could i|to|for me to|gonna|will|would|want to|going to|how "
            r"to|how do i|how can i) (?:\w+ ){0,2}(?:overdose|od)\b(?! (?:proof|prevention|risk|"
            r"symptoms|signs|awareness|kit|kits|training|on (?:caffeine|sugar|"
            r"coffee|chocolate|netflix|tv|work)))",
        ),
        unless_before=GAME_BEFORE,
    ),
    # Asking whether to stay alive is asking whether to die.
    Rule(
        "questions_staying_alive",
        CRISIS,
        _rx(
            r"\b(?:is it|is|would it be|it is) (?:even |really |still )?worth (?:me |my )?"
            r"(?:being alive|staying alive|living|going on|carrying on|keeping going|being here|"
            r"existing|sticking around)\b",
            r"\bis my life (?:even |really |still )?worth (?:living|it|saving|anything)\b",
            r"\bshould i (?:\w+ ){0,2}(?:stay alive|keep living|go on living|live|"
            r"die|end it|end my life|kill myself|be alive)\b(?! (?:in|at|with|near|abroad|"
            r"together|alone in|on my own in))",
            r"\bwhy (?:should|would|do) i (?:even |still )?(?:bother )?(?:stay alive|keep living|"
            r"go on living|be alive|bother living|live|exist|keep existing)\b(?! (?:in|at|with|"
            r"near|here in))",
            r"\b(?:give|tell) me (?:\w+ ){0,2}(?:a |one )?reasons? (?:why i should|to) "
            r"(?:not (?:kill myself|die|end it)|stay alive|keep living|live)\b",
        ),
        negatable=False,
    ),
    # Lethality questions: doses, amounts, heights that would be fatal.
    Rule(
        "lethality_question",
        CRISIS,
        _rx(
            r"\b(?:lethal|fatal|deadly|killing|toxic|overdose) (?:dose|doses|amount|amounts|"
            r"quantity|quantities|level|levels|dosage|number)\b",
            r"\bhow (?:many|much) (?:\w+ ){1,6}(?:to|would|will|does it take to|do i need to|"
            r"needed to|is needed to|is|are|until|before|can|should i take to|could) (?:i )?"
            r"(?:die|kill (?:me|myself|you|someone|a person|a human|an adult|a man|a woman)|"
            r"be (?:lethal|fatal|deadly|enough to die)|overdose|stop (?:my|your|a|the) heart|"
            r"never wake up|not wake up|put me to sleep forever|end (?:it|my life))\b",
            r"\b(?:high|tall|far|deep|long) enough (?:for me )?(?:to|that i would|that i will|so "
            r"i|so that i) (?:die|kill|not survive|never wake up|end it|be fatal|be lethal)\b",
            r"\b(?:survive|surviving|survivable|fatal|lethal|deadly) (?:a |the )?(?:fall|jump|drop)"
            r"\b|\b(?:fall|jump|drop) (?:from|off) (?:\w+ ){0,4}(?:be )?(?:fatal|lethal|deadly)\b",
            r"\bhow (?:many|much) (?:\w+ ){0,3}(?:pills|tablets|paracetamol|tylenol|"
            r"acetaminophen|ibuprofen|aspirin|insulin|sleeping pills|medication|antidepressants|"
            r"benzos|opioids|xanax) (?:it )?(?:takes|would take|does it take|will take)\b(?! (?:to "
            r"(?:work|kick in|help|feel)|for (?:a |my |the )?(?:headache|pain|cold|fever|back|"
            r"period)))",
            r"\bhow (?:tall|high|far|deep|long|fast) (?:\w+ ){0,6}(?:to|so that|so) (?:make sure |"
            r"ensure |guarantee |be sure )?(?:that )?(?:you |i |someone |a person |one )?(?:die|dies|"
            r"would die|will die|do not survive|does not survive|are killed|is fatal|be fatal|"
            r"kill)\b",
            r"\bwhat (?:height|floor|dose|amount|speed) (?:is|would be|will be) (?:fatal|lethal|"
            r"deadly|enough)\b",
        ),
        neg_inside=False,
        unless_clause=re.compile(
            r"\b(?:dog|dogs|cat|cats|pet|pets|puppy|kitten|horse|weeds?|mold|mould|bacteria|"
            r"germs|fleas|ants|pests|lice|plants?|grass|roaches|cockroaches|mice|rats|insects|"
            r"bugs|viruses|virus|fungus|tree|trees|fish|parrot|bird|hamster|rabbit)\b"
        ),
    ),
    # Means and a plan: pills saved, a rope, a gun, a place to jump.
    Rule(
        "plan_or_means",
        CRISIS,
        _rx(
            r"\b(?:take|swallow|down|taking|swallowing|took|swallowed|downed|have taken|just took|"
            r"overdose on|overdosing on|overdose with|overdosed on) "
            r"(?:like |about |around |maybe |over |nearly |almost |at least )?"
            r"(?:all|all of|every|every single|every one of|the whole (?:bottle|box|pack|packet|"
            r"strip|lot) of|a (?:whole )?"
            r"(?:bottle|box|handful|bunch|packet|pack|lot) of|handfuls of|\d{2,}|twenty|thirty|"
            r"forty|fifty|a hundred|loads of|tons of) (?:of )?(?:my |the |these |those |his |her |"
            r"mum's |mom's |dad's )?(?:\w+ )?(?:pills?|tablets?|medication|medicine|capsules?|"
            r"painkillers|sleeping pills|antidepressants|paracetamol|tylenol|acetaminophen|"
            r"ibuprofen|aspirin|insulin|sleeping tablets|benzos|opioids|oxy|xanax)\b",
            r"\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected|"
            r"stashing|stashed|stash of|stockpile of|hiding) (?:up )?(?:my |some |all my |enough )?"
            r"(?:pills|tablets|medication|medicine|painkillers|sleeping pills|antidepressants|"
            r"paracetamol|tylenol|insulin|benzos|opioids)\b",
            r"\b(?:gun|pistol|rifle|barrel) (?:to|against|in) my (?:head|mouth|temple|chin)\b",
            r"\bblow my (?:brains|head) (?:out|off)\b|\b(?:put|putting|eat|eating) a bullet "
            r"(?:in|through)? ?(?:my )?(?:head|brain)?\b",
            r"\b(?:slit|slitting|slice|slicing|cut|cutting|open|opening) (?:my|both) (?:wrists?|"
            r"veins?|throat)\b",
            rf"\b(?:i|me|myself) (?:\w+ ){{0,4}}{INTENT} (?:just )?(?:jump|jumping|leap|"
            r"leaping|throw myself|throwing myself|step|stepping|walk|walking|drive|driving|"
            r"crash|crashing|steer|steering|lie down|lying down|fall|falling) (?:my car |the car |"
            r"it |myself )?(?:off|from|in front of|under|into|onto|on) "
            r"(?:a |the |this |that |my |some |an |oncoming )?(?:\w+ )?(?:bridge|building|roof|"
            r"rooftop|cliff|tower|balcony|window|train|trains|bus|car|truck|lorry|overpass|"
            r"ledge|parking garage|car park|skyscraper|highway|motorway|traffic|tracks|"
            r"railway|subway|metro|river|lake|sea|wall|tree|dam|road)\b",
            r"\b(?:should i|how to|how do i|thinking of|thinking about|want to|going to|plan to|"
            r"ready to|about to|thinking of|considering) (?:just )?(?:jump|jumping|leap|leaping|"
            r"throw myself|throwing myself|step|stepping|walk out|walking out|drive|driving) "
            r"(?:off|from|in front of|under|into) (?:a |the |this |that |some |an |my )?(?:\w+ )?"
            r"(?:bridge|building|roof|rooftop|cliff|tower|balcony|window|train|trains|bus|car|"
            r"truck|lorry|overpass|ledge|parking garage|car park|skyscraper|highway|motorway|"
            r"traffic|tracks|railway|subway|metro|river|sea|dam|gorge|quarry)\b",
            r"\bthrow(?:ing)? myself (?:off|from|in front of|under|into|onto)\b",
            r"\b(?:pills|tablets|medication|rope|noose|knife|blade|blades|razor|gun|pistol|"
            r"painkillers|sleeping pills|charcoal) (?:\w+ ){0,2}(?:in front of me|in my hands?|next "
            r"to me|beside me|on my lap|ready|laid out|lined up|counted out|within reach|saved up|"
            r"saved|stockpiled|hoarded|stashed|right here|here with me|on the table|by the bed|"
            r"next to the bed|in my pocket|in my bag)\b",
            r"\b(?:use|using|used|turn|turning) (?:it|them|that|the \w+|a \w+|my \w+'?s? \w+) "
            r"on myself\b",
            r"\bplan(?:ning|ned|s)? (?:out )?(?:my|my own) (?:death|suicide|exit|way out|ending|"
            r"last day)\b",
            r"\b(?:sitting|standing|lying|alone|here) (?:\w+ ){0,2}with (?:a |the |my )?(?:knife|"
            r"blade|razor|gun|pistol|rope|noose|pills|bottle of pills)\b",
            r"\bi am (?:\w+ ){0,2}(?:standing|sitting|up|out) (?:on|at) (?:the )?(?:edge of )?"
            r"(?:the |a |this )?(?:bridge|roof|rooftop|ledge|cliff|train tracks|tracks|railway|"
            r"edge|balcony railing|top of (?:the|a) (?:building|car park|parking garage))\b",
            r"\b(?:i|me) (?:\w+ ){0,3}(?:have|got|bought|ordered|made|tied|found|prepared|"
            r"picked|chose|chosen) (?:a |the |my |some )?(?:rope|noose|gun|pistol|charcoal|"
            r"helium|exit bag|razor blades?|blades?|pills|place|spot|bridge|date) (?:\w+ ){0,3}"
            r"(?:to|for) (?:end it|do it|kill|die|end my life|hang|when i|tonight|the end)\b",
        ),
        unless_before=GAME_BEFORE,
    ),
    # Looking for content or people that push towards suicide, self-harm or starving.
    Rule(
        "seeks_pro_harm_content",
        CRISIS,
        _rx(
            r"\b(?:encourag\w*|promot\w*|glorif\w*|romantici[sz]\w*|celebrat\w*|teach\w*|"
            r"egg\w* on|push\w*|pressur\w*|convinc\w*|persuad\w*|goad\w*|support\w*|"
            r"cheer\w* on|help\w*|assist\w*|guide\w*|show\w*) (?:\w+ ){0,3}(?:to |into |with |"
            r"how to )?(?:commit suicide|kill (?:themselves|myself|yourself|oneself)|suicide|"
            r"self ?harm\w*|cut (?:themselves|myself|yourself)|starv\w* (?:themselves|myself|"
            r"yourself)|end (?:their|my|your|one's) (?:own )?(?:lives|life)|anorexi\w*|"
            r"bulimi\w*|purging|pro ana)\b",
        ),
        neg_inside=False,
        unless_clause=re.compile(
            r"\b(?:charged|convicted|arrested|sentenced|trial|court|law|laws|illegal|crime|"
            r"prevent\w*|stop\w*|report\w*|ban\w*|moderat\w*|protect\w*|recover\w*|"
            r"survivors?|awareness|research\w*|study|studies|why do|why does|why are|dangers?|"
            r"risks?|harmful|warning signs)\b"
        ),
    ),
    # Ongoing or recent self-harm, and the urge to.
    Rule(
        "self_harm",
        CRISIS,
        _rx(
            rf"\b(?:cut|cutting|cuts|burn|burning|burnt|burned|hurt|hurting|harm|harming|harmed|"
            rf"scratch|scratching|scratched|hit|hitting|punch|punching|bruise|bruising|"
            rf"carve|carving|carved|mutilate|mutilating|mutilated|injure|injuring|bite|"
            rf"biting|slice|slicing|stab|stabbing) {SELF}\b",
            r"\bpunish(?:ing|ed)? myself (?:by|with) (?:cutting|burning|hurting|hitting|"
            r"starving|not eating)\b",
            r"\b(?:i|me|my|myself|again|relapse|relapsed|relapsing|urge|urges|urge to|want to|"
            r"need to|craving|started|keep|have been|been|still|going to)\b(?: \w+){0,4} "
            r"(?:self ?harm(?:ing|ed)?|self injur(?:y|ing|ed)|selfharm(?:ing)?|sh)\b",
            r"\bself ?harm(?:ing|ed)? (?:again|tonight|today|yesterday|last night|every day|daily|"
            r"more)\b",
            r"\b(?:urge|urges|need|want|craving|itch) to (?:cut|burn|bleed|self harm|hurt)\b",
            r"\bmake (?:myself|me) bleed\b",
            r"\b(?:hide|hiding|cover|covering|conceal|concealing) (?:up )?(?:my |the |these )?(?:fresh "
            r"|new )?(?:cuts|burns|self harm|self harm scars|wounds)\b",
            r"\b(?:hide|hiding|cover|covering|conceal|concealing) (?:up )?(?:my |the )?(?:scars|"
            r"marks|bruises) (?:from|so) (?:my |the )?(?:parents|mum|mom|dad|family|teachers?|"
            r"school|friends|partner|boyfriend|girlfriend|everyone|people|nobody|no one)\b",
            r"\b(?:stop|quit|resist|help) (?:cutting|self harming|burning myself|hurting myself)\b",
            r"\b(?:cut|cutting|burned|burnt|self harmed) (?:again|deeper|too deep|so deep)\b",
            r"\b(?:started|start|starting|relapsed|relapse|went back to) (?:cutting|self "
            r"harming|burning myself)\b",
            r"\b(?:cut|cutting|burn|burning|burned|burnt|scratch|scratching|scratched|carve|"
            r"carving|carved|slice|slicing|sliced|hit|hitting|bite|biting|bruise|bruising|"
            r"bruised|scar|scarring|scarred|pick|picking) (?:into )?"
            r"(?:my|my own) (?:skin|arms?|wrists?|legs?|thighs?|body|stomach|hips?|face|flesh|"
            r"hands?|chest|ankles?)\b",
            r"\b(?:self ?harm\w*|cutting|burning (?:myself|my skin)|hurting myself) (?:is|as|are|"
            r"can be|would be) (?:a |an )?(?:good|great|healthy|empowering|helpful|the answer|"
            r"okay|ok|fine|valid|effective|a (?:good )?way|way|release|relief|worth)\b",
            r"\b(?:good|best|effective|healthy) way to (?:get control|feel (?:something|better|in "
            r"control|alive)|cope|punish myself|release) (?:\w+ ){0,4}(?:by |is )?(?:cutting|"
            r"burning|self ?harm\w*|hurting myself|starving)\b",
            r"\bwhy self ?harm\w* is\b|\bbenefits of self ?harm\w*\b",
            # Spanish, French, German, Portuguese.
            r"\b(?:me corto|cortarme|me lastimo|lastimarme|hacerme dano|me hago dano|"
            r"autolesion\w*)\b(?! (?:el|los|las|la) (?:pelo|cabello|unas|barba|flequillo))",
            r"\b(?:me faire du mal|me scarifier|je me scarifie|automutil\w*|je me coupe)\b",
            r"\b(?:mich ritzen|ritze mich|ich ritze|selbstverletz\w*|mir weh tun)\b",
            r"\b(?:me cortar|me corto|me machucar|automutil\w*|me ferir|me mutilar)\b"
            r"(?! o (?:cabelo|dedo))",
        ),
        unless_after=ACCIDENT_AFTER,
    ),
    # Disordered eating as self-harm: starving, purging, hiding it.
    Rule(
        "disordered_eating",
        CRISIS,
        _rx(
            r"\b(?:starve|starving|starved) (?:myself|yourself|oneself)\b",
            r"\b(?:make|making|made|force|forcing|forced) (?:myself|yourself) "
            r"(?:throw up|vomit|puke|sick|be sick)\b",
            r"\b(?:how to|how do i|how can i|ways to|tips (?:for|to)|best way to) (?:\w+ ){0,3}"
            r"(?:purge|throw up|vomit|puke|hide (?:not eating|my eating|that i am not eating|"
            r"my weight loss)|stop eating|not eat|eat nothing|lose weight fast without eating|"
            r"suppress (?:my )?appetite)\b",
            r"\bhid(?:e|ing) (?:my |an |the )?(?:eating disorder|anorexia|bulimia|purging|"
            r"not eating|weight loss|skipping meals)\b",
            r"\bpro ?(?:ana|mia)\b|\bthinspo\w*\b|\bmeanspo\b|\bbonespo\b",
            r"\b(?:eat|eating|ate|survive on|live on) (?:less than|under|only|just) \d{1,3} "
            r"(?:calories|kcal|cals)\b",
            r"\blaxatives? (?:to|for) (?:lose|losing) weight\b",
            r"\b(?:stop|stopped|quit) eating (?:completely|entirely|altogether|for (?:days|a week|"
            r"weeks))\b",
            r"\b(?:stop|keep|prevent|stopping|keeping) (?:myself|me|yourself) (?:from )?eating\b",
            r"\b(?:not|stop|avoid|without|quit|skip|go without) (?:eating|food|meals)(?: \w+){0,3} "
            r"for (?:a |an |\d+ |two |three |four |five |several |a few |many |whole )?(?:whole )?"
            r"(?:days?|weeks?|months?)\b(?=.*\b(?:weight|skinny|thin|fat|lose|losing|kg|kilos|"
            r"pounds|lbs|calories|body|look|diet|i|me|my)\b)",
            r"\bbinge\w*(?: \w+){0,6} (?:vomit\w*|throw\w* (?:it |everything |food |it all )?"
            r"(?:all )?(?:back )?up|purg\w*|puk\w*|laxatives?)\b",
            r"\b(?:vomit|vomiting|throw|throwing|puke|puking) (?:\w+ ){0,3}(?:up )?(?:after "
            r"(?:eating|meals?|i eat|dinner|lunch|breakfast|every meal)|to (?:lose|stay|keep|get) "
            r"(?:weight|thin|skinny))\b",
            r"\b(?:so|really|super|very|extremely|dangerously) (?:skinny|thin|bony|underweight) "
            r"(?:that|until|so)\b",
            r"\b(?:ribs|ribcage|rib cage|hip ?bones|collar ?bones|spine|bones|thigh gap|"
            r"cheekbones)(?: \w+){0,3} (?:stick out|sticking out|show|showing|poke out|poking "
            r"out|visible|protrude|protruding|to show)\b",
            r"\b(?:anorexi\w*|bulimi\w*|eating disorders?|starving (?:myself|yourself)|purging|"
            r"pro ana) (?:is|as|are|being|can be) (?:a |an )?(?:healthy|good|great|beautiful|"
            r"positive|empowering|lifestyle|choice|the answer|worth it|helpful|effective|okay|"
            r"ok|fine|admirable|goal)\b",
            r"\b(?:tips|tricks|advice|help|guide|ways|communities|community|forums?|groups?|"
            r"sites?|websites?) (?:\w+ ){0,4}(?:on|for|to|about) (?:being|becoming|staying|"
            r"getting|how to be) (?:more )?(?:anorexic|bulimic|ana|mia|skinnier|underweight)\b",
            r"\b(?:how to|how do i|how can i|help me) (?:be|become|get|stay) (?:anorexic|bulimic)\b",
            r"\b(?:communities|community|forums?|groups?|sites?|websites?|subreddits?|accounts) "
            r"(?:\w+ ){0,5}(?:anorexi\w*|bulimi\w*|pro ana|thinspo\w*|self ?harm\w*|cutting|"
            r"suicide methods?)\b",
        ),
        neg_inside=False,
    ),
    # Goodbye messages.
    Rule(
        "goodbye",
        CRISIS,
        _rx(
            r"\bthis is (?:my |the )?(?:final|last) (?:goodbye|message|post|note|letter|time "
            r"you will hear from me)\b",
            r"\b(?:goodbye|bye) (?:forever|world|everyone|everybody|cruel world|for good|all)\b",
            r"\b(?:i will not|i am not going to|i might not|i may not) be (?:here|around|alive) "
            r"(?:tomorrow|much longer|for much longer|anymore|by (?:morning|tomorrow|monday|the "
            r"weekend))\b",
            r"\bby the time (?:you|anyone|someone|they|u) (?:read|reads|see|sees|find|finds|get|"
            r"gets) (?:this|my message|me)\b",
            r"\b(?:wrote|writing|written|write|left|leaving) (?:a |my )?(?:suicide|goodbye|"
            r"farewell) (?:note|letter|message)\b",
            r"\b(?:giving|given|gave) away (?:all )?(?:my |of my )?(?:things|stuff|belongings|"
            r"possessions|pets|cat|dog)\b",
            r"\b(?:when|after|once) i am (?:gone|dead|not here anymore)\b",
            r"\b(?:my|the) (?:last|final) (?:night|day|week|hours?|morning|sunset|time) (?:alive|on "
            r"earth|on this earth|in this world|breathing)\b",
            r"\b(?:i have|i) (?:made|make) (?:my )?peace with (?:dying|my decision|death|ending "
            r"it|leaving)\b|\bmy mind is made up\b(?=.*\b(?:die|end|gone|pills|rope|it all)\b)",
            r"\byou will not (?:see|hear from) me (?:again|anymore|ever again)\b",
            r"\b(?:look|looking|take|taking) after my (?:cat|dog|kids|children|pets|plants) "
            r"(?:for me )?(?:when|after|once) i\b",
            r"\b(?:adios|adieu|auf wiedersehen|adeus) (?:para siempre|pour toujours|fur immer|"
            r"para sempre)\b",
        ),
        neg_inside=False,
    ),
)

CONCERN_RULES: tuple[Rule, ...] = (
    Rule(
        "passive_death_wish",
        CONCERN,
        _rx(
            r"\bwish i (?:was|were|would be|could be|had been) (?:dead|never born|gone|not here|"
            r"not alive|in a coma|asleep forever)\b",
            r"\bwish i (?:just )?(?:could|would) (?:just )?(?:die|disappear|vanish|not exist|"
            r"stop existing|"
            r"sleep forever|fall asleep forever|go to sleep and not wake up|cease to exist|"
            r"not wake up|never wake up)\b",
            r"\bwish i (?:had )?never (?:been born|existed)\b",
            r"\b(?:i )?hope i (?:die|do not wake up|never wake up|get hit|get run over|do not make "
            r"it|catch something and die)\b",
            r"\b(?:wish|hope|want|pray) (?:something|someone|somebody|a car|a bus|a truck|god|the "
            r"universe|cancer|a plane|a train|a truck) (?:would |will |to |could )?(?:just )?"
            r"(?:kill|kills|take|takes|hit|hits|end|ends|run over|runs over) me\b",
            r"\b(?:go|going|went|fall|falling) (?:to sleep|asleep) and (?:never|not|do not|did not) "
            r"wake up\b",
            r"\b(?:imagining|picturing|planning|plan|imagine|picture) (?:\w+ ){0,2}(?:my own |my )"
            r"(?:funeral|death|grave)\b",
            r"\b(?:easier|better|simpler|happier) (?:for (?:everyone|them|everybody|my family|"
            r"you) )?if i (?:was|were|am|had|did|just)? ?(?:not here|not around|gone|dead|never "
            r"born|never existed|not exist|disappeared|did not exist|died|did not wake up)\b",
            r"\b(?:want|wanted|need) to (?:disappear|vanish|stop existing|not exist|cease to "
            r"exist|sleep forever|never wake up|not wake up|be gone)\b(?! (?:into|from|off|for "
            r"a|for the|for some|under|to (?:a|the|my)|somewhere|on holiday|abroad|in a|in the|"
            r"at|until|till))",
            r"\b(?:would not|would not really|do not) (?:mind|care) (?:if i )?(?:dying|died|"
            r"not waking up|did not wake up|being dead|was dead|were dead|die)\b",
            r"\bbetter off dead\b|\bmight as well (?:be dead|die|not exist)\b",
            r"\b(?:tired|exhausted|sick|weary) (?:of|with) (?:living|being alive|existing|life|being "
            r"here|this life|my life)\b(?! (?:admin|stuff|insurance|coach|coaching|style|hacks|"
            r"lessons|skills|choices|plans|goals|updates))",
            r"\bwhy am i (?:even |still )?(?:alive|here|living|breathing|born|still alive)\b",
            r"\bbetter off (?:if i|with me gone|when i am gone|once i am gone)\b",
            r"\b(?:i|me) (?:\w+ ){0,3}(?:do not|no longer|never) (?:really )?(?:want|wish) to "
            r"(?:live|be alive|exist|be here|go on|carry on|keep living|keep going|continue|"
            r"wake up|be around|stay alive)\b(?! (?:in|at|near|abroad|there|here in|with (?:my|"
            r"him|her|them|you|roommates|parents|someone)|together|under|on my own in|on campus|"
            r"downtown|in the city))",
            r"\b(?:do not|never|no longer) want to (?:wake up|be alive|exist|live anymore|be here "
            r"anymore|go on anymore)\b",
            r"\b(?:not sure|unsure|do not know) (?:if |whether |that )?i (?:want|can) "
            r"(?:to )?(?:live|go on|keep going|be alive|stay alive|keep living)\b"
            r"(?! (?:in|at|near|abroad|there|here in|with (?:my|him|her|them|you|roommates|"
            r"parents|someone)|together|under|on my own in))",
            r"\b(?:do not know|not sure|no idea) how (?:much )?longer i can (?:keep going|go on|do "
            r"this|take (?:it|this)|hold on|cope|carry on|last|keep this up|stay alive)\b",
            r"\bwant (?:it all|everything|the pain|life|it) to (?:end|stop|be over)\b",
            r"\b(?:feel|feeling|felt) like (?:dying|i am dying inside|dying inside|i want to die)"
            r"\b|\bdying inside\b",
            r"\bdeserve to die\b|\bdo not deserve to (?:live|be alive|exist)\b",
            r"\b(?:think|thinking|thought|dream|dreaming|fantasi[sz]e|fantasi[sz]ing) (?:a lot )?"
            r"(?:about|of) (?:not waking up|dying|being dead|death|my death|my funeral|not being "
            r"here|not existing|disappearing forever)\b",
            r"\bbetter off if i (?:was|were|am|had) (?:gone|dead|not here|not around|never born|"
            r"never existed)\b",
            # Spanish, French, German, Portuguese.
            r"\b(?:ya )?no quiero (?:seguir )?(?:vivir|viviendo|existir|despertar)\b",
            r"\bojala (?:estuviera muert[oa]|me muriera|no despertar\w*|no despierte|no amanezca|"
            r"no existiera|desaparecer)\b",
            r"\b(?:quisiera|quiero|me gustaria) (?:\w+ )?(?:desaparecer|no despertar|no existir|"
            r"estar muert[oa]|dormir para siempre)\b",
            r"\bje ne veux plus (?:vivre|exister|me reveiller)\b|\bplus envie de vivre\b",
            r"\bje voudrais (?:etre mort|etre morte|disparaitre|ne pas me reveiller)\b",
            r"\bich (?:will|mochte|moechte) nicht mehr (?:leben|aufwachen|da sein|existieren)\b",
            r"\bich wunschte,? ich (?:ware|waere) tot\b|\bich (?:ware|waere) (?:lieber )?tot\b",
            r"\bich (?:will|mochte|moechte) (?:einfach |nur )?(?:verschwinden|nicht mehr "
            r"aufwachen|nicht mehr da sein)\b",
            r"\bnao quero (?:mais )?(?:viver|acordar|existir)(?: mais)?\b",
            r"\bqueria estar mort[oa]\b",
            r"\b(?:queria|quero|gostaria de) (?:\w+ )?(?:desaparecer|sumir|nao existir|nao "
            r"acordar|dormir para sempre)\b",
        ),
        negatable=False,
    ),
    Rule(
        "hopelessness",
        CONCERN,
        _rx(
            r"\bno (?:reason|point|purpose) (?:to|in|of|for) (?:live|living|go on|going on|keep "
            r"going|being alive|being here|life|me being here|trying|anything)\b",
            r"\bnothing (?:left )?to live for\b",
            r"\bwhat is the point (?:of|in) (?:living|life|going on|anything|trying|it all|me|"
            r"being alive|being here|carrying on|keeping going)\b",
            r"\blife is (?:not|no longer|never going to be) worth (?:living|it)\b",
            r"\bcan not (?:go on|keep going|do this|take (?:it|this)|cope|carry on|handle (?:it|"
            r"this|life)|live like this) (?:anymore|like this|much longer)\b",
            r"\bcan not go on\b",
            r"\b(?:it|things|nothing|life) (?:will|is going to) never (?:get|be) better\b",
            r"\bnothing will (?:ever )?(?:get better|change|help)\b",
            r"\bno way (?:things|it|life|anything|my life) (?:will |is going to |can |could |"
            r"would )?(?:ever )?(?:get|gets|getting|be|change|improve)s? ?(?:better)?\b",
            r"\bwhy (?:should|would|do) i (?:even |still )?(?:bother )?(?:keep going|carry on|"
            r"keep trying|try anymore)\b",
            r"\b(?:i am|i feel|feel|feeling|everything is|everything feels|life is|it is all|"
            r"it all feels|so|completely|totally|utterly) (?:so |completely |totally |utterly |"
            r"really |just )?hopeless\b(?! (?:at|with|romantic|case at|about (?!(?:the future|"
            r"life|everything|myself|my life|ever|it all|getting better))))",
            r"\b(?:can not|do not) see (?:a |any |the )?(?:way out|way forward|future|point|"
            r"light at the end|reason to (?:go on|live|keep going))\b",
            r"\bwhat is the point(?: anymore| of anything| of it all| of me| of trying)?(?= \||\s*$)",
            r"\b(?:life|living|everything|existence|my life|existing|it all|being alive) (?:feels|"
            r"is|seems|has become|became) (?:so |completely |totally |utterly |just |really )?"
            r"(?:pointless|meaningless|hopeless|unbearable|not worth it)\b",
            r"\b(?:feel|feeling|felt|so|completely|totally|utterly|really|and) (?:\w+ ){0,2}"
            r"hopeless\b(?! (?:at|with|romantic|case at|about (?!(?:the future|life|everything|"
            r"myself|my life|ever|it all|getting better))))",
            r"\bno way out\b|\bno future for me\b|\bi have no future\b|\blost all hope\b|"
            r"\bno hope left\b|\bthere is no hope\b|\bbeyond help\b",
            r"\bgive up on (?:life|everything|living|myself)\b|\bgiving up on (?:life|living)\b",
            r"\bi am done with (?:life|everything|living|it all)\b",
            r"\b(?:i am|i feel) (?:so |completely |totally )?(?:trapped|worthless|empty inside)\b"
            r"(?! (?:in|by|at|with|into|inside|on))",
            r"\bsin esperanza\b|\bno hay esperanza\b|\bno tiene sentido (?:vivir|seguir)\b",
            r"\bje n'en peux plus\b|\bsans espoir\b|\bplus aucun espoir\b",
            r"\bich kann nicht mehr\b|\bhoffnungslos\b|\bkeinen sinn mehr\b",
            r"\bnao aguento mais\b|\bsem esperanca\b",
        ),
        neg_inside=False,
        negatable=True,
    ),
    Rule(
        "burden",
        CONCERN,
        _rx(
            r"\b(?:i am|i feel like|i feel|i have become|i am just|i am only|i am nothing but) "
            r"(?:such |just |only |nothing but |a huge |so much of )?(?:a |the )?(?:burden|waste "
            r"of space|waste of oxygen|waste of air)\b",
            r"\b(?:everyone|they|my family|the world|people|my kids|my parents|everybody|you "
            r"all|my friends|he|she) (?:would be|is|are|will be|would all be) (?:so much |much |"
            r"a lot )?(?:better|happier|better off|easier|fine|okay) without me\b",
            r"\bbetter off without me\b",
            r"\b(?:no one|nobody|noone) (?:would|will) (?:miss|notice|care|even notice)\b",
            r"\bburden (?:to|on|for) (?:everyone|my family|others|people|you|them|everybody)\b",
            r"\bsoy una carga\b|\bje suis un fardeau\b|\bich bin (?:nur )?eine last\b|"
            r"\bsou um (?:fardo|peso)\b",
        ),
    ),
    Rule(
        "other_at_risk",
        CONCERN,
        _rx(
            rf"\b(?:my |a |our )?{RELATION} (?:\w+ ){{0,4}}(?:want|wants|wanted|going|gonna|"
            r"might|may|could|would|will|said|says|told|tell|keeps|kept|threatened|threatening|"
            r"threatens|talks|talking|talked|thinking|thinks|thought|tried|tries|trying|"
            r"attempted|planning|plans|urge|scared|afraid|worried) (?:\w+ ){0,3}(?:to )?"
            rf"(?:kill|killing|end|ending|hurt|hurting|harm|harming|cut|cutting|unalive|off|"
            rf"hang|hanging) {OTHER_SELF}\b",
            rf"\b(?:my |a |our )?{RELATION} (?:is|was|has been|seems|sounds|feels|might be|"
            r"could be|is being) (?:\w+ ){0,2}suicidal\b",
            rf"\b(?:my |a |our )?{RELATION} (?:wants|said|says|told me|keeps saying|talks about|"
            r"is talking about|texted|texted me|messaged me|mentioned|threatened|is "
            r"threatening|tried|attempted) (?:\w+ ){0,4}(?:suicide|to die|wanting to die|"
            r"not wanting to live|ending it|ending (?:his|her|their) life|overdos\w*|self harm)\b",
            rf"\b(?:my |a |our )?{RELATION} (?:\w+ ){{0,6}}(?:wants?|wanted|going|plans?|planning|"
            r"threatened|threatening|tried|trying|attempted|talks about|talking about|thinking "
            r"about) (?:\w+ ){0,2}(?:to )?(?:end|take|ending|taking) (?:his|her|their) (?:own )?"
            r"(?:life|lives)\b",
            rf"\b{RELATION} (?:\w+ ){{0,6}}(?:wanting to die|wants to die|suicidal thoughts|"
            r"wants to disappear forever|wants to not exist|wants to be dead|wishes (?:she|he|"
            r"they) (?:was|were) dead|"
            r"thoughts of suicide|not wanting to live|does not want to live|wants to end it|"
            r"talks about suicide|talking about suicide|talked about suicide|killing (?:himself|"
            r"herself|themselves)|ending (?:his|her|their) life)\b",
            rf"\b{RELATION} (?:\w+ ){{0,3}}(?:cuts|burns|hurts|harms|starves|cut|burned|burnt|hurt|"
            rf"harmed|is cutting|has been cutting|keeps cutting|is hurting|has been hurting) "
            rf"{OTHER_SELF}\b",
            r"\bhelp (?:someone|somebody|a friend|my \w+|a loved one|them|him|her) who (?:is|"
            r"feels|seems) suicidal\b",
            rf"\b(?:my |a )?{RELATION} (?:is|has been|keeps) (?:self harming|cutting)\b",
        ),
        unless_after=ACCIDENT_AFTER,
    ),
)

# Phrases that only talk about suicide as a topic (news, books, statistics, idioms).
TOPICAL = re.compile(
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
SUBJECTLESS_SUICIDAL = re.compile(
    r"\b(?:feel|feeling|felt|been|being|so|very|really|getting|get|am|still|having|had|have|"
    r"so fucking|super|kinda|kind of|pretty)\b(?: \w+){0,2} suicid|"
    r"suicid\w*(?: \w+)? (?:again|tonight|today|lately|right now|af|all the time|every day|"
    r"constantly|rn|atm|these days|all week|all day|this week)\b|^ ?suicidal ?$"
)
SUICIDE_WORD = re.compile(r"\bsuicid\w*|\bsuizid\w*|\bselbstmord\w*|\bsuicidio\b")
SUBJECT_I = re.compile(r"\b(?:i|me|myself|yo|je|j'ai|moi|ich|mich|eu)\b")
FIRST_PERSON = re.compile(r"\b(?:i|me|my|myself|mine|yo|je|j'ai|moi|ich|mich|mir|eu)\b")
QUESTION_START = re.compile(
    r"^ ?(?:what|why|when|where|who|which|is|are|was|were|does|do|did|can|could|should|"
    r"how (?:common|many people|often|prevalent|does|did|do|is|are|was|were)|tell me|"
    r"define|explain|describe|list|write|summari[sz]e|discuss)\b"
)
METHOD_WORDS = re.compile(
    r"\b(?:how to|how do i|how can i|how should i|how would i|how does one|how do people|"
    r"ways? to|methods?|best|easiest|quickest|fastest|painless|least painful|surest|"
    r"most effective)\b"
)
THIRD_PERSON = re.compile(
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
HYPERBOLE_TAIL = re.compile(
    r"\b(?:lol|lmao|lmfao|rofl|haha\w*|hehe\w*|jk|just kidding|not literally|figuratively|"
    r"xd|kidding)\b"
)
PAST_MARKER = re.compile(
    r"\b(?:used to|years ago|months ago|back in|in the past|when i was (?:younger|a teen|a "
    r"teenager|a kid|a child|in school|at school|in college|at uni)|as a teen|as a teenager|"
    r"as a kid|a long time ago|long ago|once upon|clean (?:from|of)|free (?:from|of)|"
    r"recovered from|recovery from|in recovery)\b"
)
REPORTED = re.compile(
    rf"\b(?:my |a |our |the )?{RELATION} (?:\w+ ){{0,2}}(?:said|says|told me|texted|texted me|"
    r"wrote|posted|keeps saying|kept saying|messaged|messaged me|tweeted|asked me|tells me)\b|"
    r"\b(?:character|narrator|protagonist|lyrics?|song|poem|novel|book|film|movie|quote|"
    r"headline) (?:\w+ ){0,3}(?:says|said|goes|wrote|reads)\b"
)
STRESSOR = re.compile(
    r"\blost my (?:job|home|house|wife|husband|partner|kids|children|mom|mum|dad|son|"
    r"daughter|everything|baby|business|flat|apartment)\b|\bgot (?:fired|dumped|laid off|"
    r"evicted|sacked)\b|\b(?:was|been|got|being) (?:fired|laid off|dumped|evicted|sacked|"
    r"rejected|bullied|abused)\b|\b(?:broke up with me|left me|cheated on me)\b|\bdivorce\b|"
    r"\bbankrupt\b|\bin debt\b|\b(?:nobody|no one|noone) (?:cares|loves me|would notice)\b|"
    r"\b(?:all|so|completely) alone\b|\bcan not take (?:it|this) anymore\b|"
    r"\bworst (?:day|week|year) of my life\b|\bfailed (?:my|the|all my|every)\b|"
    r"\b(?:my life is|everything is) (?:over|ruined|falling apart)\b"
)
HEIGHT_QUESTION = re.compile(
    r"\b(?:bridges?|buildings?|roofs?|rooftops?|cliffs?|towers?|skyscrapers?|overpass\w*|"
    r"balcon(?:y|ies)|parking (?:garages?|structures?|decks?)|car parks?|multi storey|ledges?|"
    r"dams?|viaducts?|high rises?|quarr(?:y|ies)|gorges?|railway lines?|train tracks)\b"
    r"(?: \w+){0,8}? (?:tall|taller|tallest|high|higher|highest|height|heights|drop|"
    r"drops|metres|meters|feet|ft|m|storeys|stories|floors|above the water|deep)\b|"
    r"\b(?:tallest|highest) (?:bridges?|buildings?|roofs?|cliffs?|towers?|"
    r"skyscrapers?|balcon(?:y|ies)|parking garages?|car parks?)\b"
)
LOCAL = re.compile(
    r"\b(?:(?:close to|near|by|next to|behind|around) my (?:house|home|place|flat|apartment|"
    r"work|office|school|street|building)|walking distance|"
    r"my (?:city|town|area|village|neighbourhood|neighborhood|county|region)|near me|"
    r"nearby|near here|close to me|closest|nearest|around here|in town|local|i can (?:get to|"
    r"reach|access|walk to|drive to)|within walking|open to the public|unlocked|without "
    r"(?:fences?|barriers?|railings?|nets?)|no (?:fences?|barriers?|railings?|nets?)|can "
    r"(?:i|you|someone) (?:get|climb) (?:onto|on|up))\b"
)
MEANS_PLACE = re.compile(
    r"\b(?:train|railway|rail|subway|metro|tram) (?:lines?|tracks?|crossings?|stations?|"
    r"bridges?)\b|\b(?:railway|train) tracks?\b|\b(?:gun|firearm|rifle) (?:shops?|stores?|"
    r"ranges?)\b|\b(?:rivers?|lakes?|reservoirs?|quarr(?:y|ies)|cliffs?|motorway|highway|"
    r"freeway|overpass\w*)\b"
)
MEANS_QUESTION = re.compile(
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
VEILED: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
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
VEILED_WEAK: tuple[re.Pattern[str], ...] = tuple(
    re.compile(pattern)
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
        r"\bi have made (?:my )?(?:decision|choice|peace)(?= ?(?:\||$)| with (?:it|dying|death|"
        r"this|leaving))",
    )
)
# Having the means at hand: weak alone (a climbing rope), a crisis with distress or intent.
MEANS_POSSESSION = re.compile(
    r"\b(?:i have|i have got|i got|i bought|i am holding|i am keeping|i keep|got|bought|have) "
    r"(?:a |the |some |my |enough |all my |a lot of |lots of |a bottle of |a box of )?"
    r"(?:[a-z]+'s |[a-z]+ s )?(?:rope|noose|pills|gun|pistol|rifle|shotgun|razor|razors|"
    r"blades?|charcoal|helium|painkillers|sleeping pills)\b"
)
GOODBYE = re.compile(r"(?:^ ?|\| )(?:good ?bye|bye|farewell|adios|adieu)\b")
