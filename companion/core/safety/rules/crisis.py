"""Crisis rules: intent, plans and means, methods and lethality, self-harm, disordered
eating, content that pushes towards harm, goodbye messages; in English and four other languages.
"""

from __future__ import annotations

from companion.core.safety.rules.base import (
    ACCIDENT_AFTER,
    ADV,
    CRISIS,
    GAME_CONTEXT,
    HYPERBOLE_AFTER,
    IDIOM_AFTER,
    INTENT,
    OTHER_SELF,
    SELF,
    Rule,
    rx,
)
from companion.core.safety.rules.lazy import lazy

CRISIS_RULES: tuple[Rule, ...] = (
    # Self-directed lethal acts: "kill myself", "unalive myself", "off myself", "end myself".
    Rule(
        "suicidal_intent",
        CRISIS,
        rx(
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
        rx(
            r"\b(?:end|ending|take|taking|finish|finishing|stop|stopping) (?:my|my own) "
            r"(?:life|existence)\b",
            r"\b(?:decided|deciding|going|ready|planning|plan|about|gonna) to stop (?:living|existing|"
            r"breathing|being alive)\b",
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
            r"\bich (?:will|mochte|moechte|muss|werde|wurde gern|wuerde gern) (?:(?:jetzt|einfach|"
            r"nur|noch|bald|heute|endlich|lieber) ){0,3}(?:sterben|mich umbringen|mich toten|mich selbst toten|"
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
        rx(
            rf"\b(?:i|just|all i) {ADV}(?:want|wanted|need|long|am ready|ready|plan|am planning|"
            rf"intend|have decided|decided|deserve|am about|would love|would like) to "
            rf"(?:just |finally |simply |quietly )?(?:die|be dead|not be alive)\b",
            r"^ (?:\| )?(?:i )?(?:just |really |so )*want to (?:just )?die\b",
            r"\bwant to die\b(?= ?(?:\| ?)?$| (?:so bad|so much|right now|tonight|today|now))",
            r"\bready to die\b|\bi am going to die tonight\b",
        ),
        unless_after=HYPERBOLE_AFTER,
        unless_before=lazy(
            r"\b(?:rather|people|who|he|she|they|you|character|characters|someone|"
            r"plants?|cells?|bacteria)\b"
        ),
    ),
    # Asking for methods.
    Rule(
        "method_request",
        CRISIS,
        rx(
            r"\b(?:best|easiest|quickest|fastest|simplest|surest|quietest|cleanest|most "
            r"painless|least painful|most peaceful|painless|peaceful|quick|quiet|effective|"
            r"reliable|guaranteed|good|gentle|surefire|sure|certain|most effective|most "
            r"reliable|least messy|nicest|fast|easy) (?:way|ways|method|methods|means|options?) "
            r"(?:to|of|for|i could|i can|to just) (?:die|dying|go(?! (?:about|with|for|forward|"
            r"ahead|from|back|through|there|here|in|to|on))|kill (?:myself|yourself|"
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
            rf"(?:own )?life|hang (?:myself|yourself|oneself|{OTHER_SELF})|overdose(?! proof)"
            r"(?! on (?:happiness|love|joy|fun|memes|cuteness|sunshine|carbs|pizza|cake|sweets))|"
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
            r"things)|commit suicide|suicide|jump (?:off|from|in front of)|hang (?:myself|yourself)|"
            r"overdose|self harm|"
            r"cut (?:myself|yourself|deep|deeper))\b",
            r"\bwhere (?:can|could|should|do|would|might) (?:i|you|someone|people|one) "
            r"(?:\w+ ){0,2}(?:kill (?:myself|yourself|oneself|themselves)|die|end it|end my life|"
            r"commit suicide|jump (?:off|from|in front of)|hang (?:myself|yourself)|overdose)\b"
            r"(?! on (?:happiness|love|joy|fun|memes|cuteness|sunshine|carbs|pizza|cake|sweets))",
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
            r"(?:\w+ ){0,3}(?:to )?(?:die|bleed out|pass out and die|stop breathing|freeze to death|"
            r"starve to death|bleed to death|drown|suffocate)\b",
            r"\b(?:what would|what will|would it kill me if|will it kill me if|would i die if|will i "
            r"die if|what happens if) (?:happen )?(?:if )?i (?:drank|drink|swallowed|swallow|took|"
            r"take|ate|eat|injected|inject) (?:a whole bottle of|a bottle of|some|all the|a cup of|a "
            r"glass of|the whole|all of the|all my)? ?(?:\w+ )?(?:bleach|antifreeze|poison|rat poison|"
            r"weed killer|weedkiller|pesticide|drain cleaner|pills|tablets|paracetamol|tylenol|"
            r"insulin|sleeping pills|antidepressants|medication|meds)\b",
            r"\b(?:crash|crashing|wreck|wrecking|drive|driving|steer|steering) (?:my car|the car|"
            r"into (?:a |the )?\w+|off the road|off a cliff) (?:on purpose|deliberately|"
            r"intentionally)\b",
            r"\b(?:let|make|help|allow) me (?:\w+ ){0,1}(?:overdose|die|not wake up|never wake up|"
            r"stop breathing|end it)\b",
            r"\b(?:which|what) (?:\w+ ){0,4}(?:drugs?|pills|medications?|medicines?|tablets|"
            r"chemicals?|poisons?|plants?|substances?) (?:\w+ ){0,5}(?:kill (?:me|myself|you|"
            r"someone|a person)|let me die|make me die|overdose|lethal|fatal|deadly|stop (?:my|"
            r"your|a) heart|never wake up)\b",
        ),
        unless_clause=GAME_CONTEXT,
        neg_inside=False,
    ),
    # Intending to overdose ("I'm going to overdose"; not "I would never overdose").
    Rule(
        "suicidal_intent",
        CRISIS,
        rx(
            r"\b(?:i|can i|should i|could i|to|for me to|gonna|will|would|want to|going to|how "
            r"to|how do i|how can i) (?:\w+ ){0,2}(?:overdose|od)\b(?! (?:proof|prevention|risk|"
            r"symptoms|signs|awareness|kit|kits|training|on (?:happiness|love|joy|fun|memes|"
            r"cuteness|sunshine|carbs|pizza|cake|sweets|caffeine|sugar|"
            r"coffee|chocolate|netflix|tv|work)))",
        ),
        unless_clause=GAME_CONTEXT,
    ),
    # Asking whether to stay alive is asking whether to die.
    Rule(
        "questions_staying_alive",
        CRISIS,
        rx(
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
        rx(
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
            r"\bif i (?:jumped|jump|fell|fall|took|take|drank|drink|cut|hanged|hang|overdosed|"
            r"overdose|stepped|step|drove|drive|swallowed|swallow) (?:\w+ ){0,6}(?:would|will|could) "
            r"(?:it|i|that) (?:be )?(?:instant|instantly|quick|quickly|painless|fatal|lethal|over|"
            r"die|survive|kill me|hurt)\b",
            r"\bwhat (?:height|floor|dose|amount|speed) (?:is|would be|will be) (?:fatal|lethal|"
            r"deadly|enough)\b",
            r"\bhow (?:much|many) (?:\w+ ){0,2}(?:antifreeze|bleach|poison|rat poison|weed killer|"
            r"weedkiller|pesticide|cyanide|arsenic|drain cleaner|methanol|ethylene glycol|lighter "
            r"fluid)\b",
        ),
        neg_inside=False,
        unless_clause=lazy(
            r"\b(?:dog|dogs|cat|cats|pet|pets|puppy|kitten|horse|weeds?|mold|mould|bacteria|"
            r"germs|fleas|ants|pests|lice|plants?|grass|roaches|cockroaches|mice|rats|insects|"
            r"bugs|viruses|virus|fungus|tree|trees|fish|parrot|bird|hamster|rabbit)\b"
        ),
    ),
    # Means and a plan: pills saved, a rope, a gun, a place to jump.
    Rule(
        "plan_or_means",
        CRISIS,
        rx(
            r"\b(?:take|swallow|down|taking|swallowing|took|swallowed|downed|have taken|just took|"
            r"overdose on|overdosing on|overdose with|overdosed on) "
            r"(?:like |about |around |maybe |over |nearly |almost |at least )?"
            r"(?:all|all of|every|every single|every one of|the rest of|the whole (?:bottle|box|"
            r"pack|packet|"
            r"strip|lot) of|a (?:whole )?"
            r"(?:bottle|box|handful|bunch|packet|pack|lot) of|handfuls of|\d{2,}|twenty|thirty|"
            r"forty|fifty|a hundred|loads of|tons of) (?:of )?(?:my |the |these |those |his |her |"
            r"mum's |mom's |dad's )?(?:\w+ )?(?:pills?|tablets?|medication|medicine|capsules?|"
            r"prescription|prescriptions|meds|"
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
            r"\b(?:belt|rope|cord|cable|scarf|noose|ligature|tie|wire) (?:\w+ ){0,2}(?:around|round|"
            r"on) my (?:neck|throat)\b",
            r"\b(?:easiest|quickest|fastest|least painful|most painless|painless|surest|quietest|"
            r"peaceful|quick|simplest) way out\b(?! of)",
            r"\btake (?:everything|all of it|it all|whatever is) (?:in|from) (?:the|my) (?:medicine )?"
            r"(?:cabinet|cupboard|drawer|bathroom|first aid kit)\b",
            r"\b(?:car|engine) (?:\w+ ){0,3}running (?:\w+ ){0,4}(?:garage|closed|shut|hose)\b|"
            r"\bin the garage with the (?:engine|car) (?:on|running)\b",
            r"\b(?:pills|tablets|medication|rope|noose|knife|blade|blades|razor|gun|pistol|"
            r"painkillers|sleeping pills|charcoal) (?:\w+ ){0,2}(?:in front of me|in my hands?|next "
            r"to me|beside me|on my lap|ready|laid out|lined up|counted out|within reach|saved up|"
            r"in a pile|in a little pile|piled up|spread out|on my desk|on the desk|on the table|"
            r"on my bed|on the counter|"
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
        unless_clause=GAME_CONTEXT,
    ),
    # Looking for content or people that push towards suicide, self-harm or starving.
    Rule(
        "seeks_pro_harm_content",
        CRISIS,
        rx(
            r"\b(?:encourag\w*|promot\w*|glorif\w*|romantici[sz]\w*|celebrat\w*|teach\w*|"
            r"egg\w* on|push\w*|pressur\w*|convinc\w*|persuad\w*|goad\w*|support\w*|"
            r"cheer\w* on|help\w*|assist\w*|guide\w*|show\w*) (?:\w+ ){0,3}(?:to |into |with |"
            r"how to )?(?:commit suicide|kill (?:themselves|myself|yourself|oneself)|suicide|"
            r"self ?harm\w*|cut (?:themselves|myself|yourself)|starv\w* (?:themselves|myself|"
            r"yourself)|end (?:their|my|your|one's) (?:own )?(?:lives|life)|anorexi\w*|"
            r"bulimi\w*|purging|pro ana)\b",
        ),
        neg_inside=False,
        unless_clause=lazy(
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
        rx(
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
            r"\b(?:urge|urges|need|want|craving|itch) to (?:cut|burn|bleed|self harm|hurt)\b"
            r"(?! (?:down|back|out|off|up|it|the|my hair|ties|corners|costs|loose|in|through|across|"
            r"short|a|an|some|this|that|them|people|others|him|her|my (?!(?:wrists?|arms?|legs?|"
            r"thighs?|skin|stomach|hips?|body)\b)))",
            r"\bmake (?:myself|me) bleed\b",
            r"\b(?:knife|blade|razor|scissors|glass|lighter) (?:to|against|on|at|into) my "
            r"(?:wrists?|arms?|throat|skin|neck|thighs?|legs?|stomach)\b",
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
            r"\bme (?:corte|corto|cortaba|he cortado|lastime|he lastimado|queme|hice dano) "
            r"(?:otra vez|de nuevo|a proposito|los brazos|las munecas|las piernas|anoche|hoy)\b",
            r"\bje me suis (?:scarifie\w*|coupe\w* (?:encore|a nouveau|expres|volontairement|les "
            r"bras|les poignets)|fait du mal)\b|\bscarifie\w*\b",
            r"\b(?:habe|hab) mich (?:\w+ ){0,2}geritzt\b|\bgeritzt\b|\b(?:habe|hab) mich (?:wieder|"
            r"absichtlich|extra) (?:\w+ )?(?:verletzt|geschnitten)\b",
            r"\bme (?:cortei|machuquei|queimei) (?:de novo|outra vez|de proposito|nos bracos|nos "
            r"pulsos|ontem a noite)\b",
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
        rx(
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
        rx(
            r"\bthis is (?:my |the )?(?:final|last) (?:goodbye|message|post|note|letter|time "
            r"you will hear from me)\b",
            r"\b(?:goodbye|bye) (?:forever|world|everyone|everybody|cruel world|for good|all)\b",
            r"\b(?:i will not|i am not going to|i might not|i may not) be (?:here|around|alive) "
            r"(?:tomorrow|much longer|for much longer|anymore|by (?:morning|tomorrow|monday|the "
            r"weekend))\b",
            r"\bby the time (?:you|anyone|someone|they|u) (?:read|reads|see|sees|find|finds|get|"
            r"gets) (?:this|my message|me)\b",
            r"\b(?:wrote|writing|written|write|left|leaving) (?:a |my )?(?:suicide|goodbye|"
            r"farewell) (?:notes?|letters?|messages?)\b",
            r"\b(?:giving|given|gave) away (?:all )?(?:my |of my )?(?:things|stuff|belongings|"
            r"possessions|pets|cat|dog)\b",
            r"\b(?:giving|given|gave|give) (?:all )?(?:my|of my) (?:\w+ )?(?:things|stuff|"
            r"belongings|possessions|pets|cat|dog|clothes|books) away\b",
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
