"""Concern rules: passive wishes to be dead, hopelessness, feeling a burden, someone else in
danger.
"""

from __future__ import annotations

from companion.core.safety.rules.base import ACCIDENT_AFTER, CONCERN, OTHER_SELF, RELATION, Rule, rx

CONCERN_RULES: tuple[Rule, ...] = (
    Rule(
        "passive_death_wish",
        CONCERN,
        rx(
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
            r"(?:have to |need to )?wake up\b",
            r"\b(?:think|thinking|wonder|wondering|imagine|imagining) (?:about )?what it would be "
            r"like (?:to not be here|not to be here|to be dead|to die|if i was gone|if i were gone|"
            r"not to exist|to not exist|if i died|without me)\b",
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
            r"\bif i (?:did not|never|do not|just did not|were to not) wake up\b",
            r"\b(?:if|when|once|after) i am (?:gone|dead|not here|not around)\b",
            r"\b(?:want|wanted) to stop (?:living|being alive)\b",
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
            r"\bwant (?:it all|everything|the pain|life|it|the world) to (?:end|stop|be over|go "
            r"dark|go black|go quiet)\b",
            r"\b(?:do not|never) (?:really )?care (?:if|whether) i (?:live or die|die|wake up)\b",
            r"\bdeath (?:sounds|seems|feels|would be|looks) (?:so |really |kind of |quite )?"
            r"(?:peaceful|nice|like a relief|appealing|better|good|easier|welcome|inviting|tempting)\b",
            r"\bya no puedo mas\b|\bno puedo mas con (?:esta|mi) vida\b",
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
        rx(
            r"\bno (?:reason|point|purpose) (?:to|in|of|for) (?:live|living|go on|going on|keep "
            r"going|being alive|being here|life|me being here|trying|anything)\b",
            r"\bnothing (?:left )?to live for\b",
            r"\bwhat is (?:even |really )?the point (?:of|in) (?:living|life|going on|anything|"
            r"trying|it all|me|waking up|getting up|trying anymore|"
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
            r"\b(?:nobody|no one|noone) can (?:save|help|stop) me\b",
            r"\btired of (?:fighting|trying|struggling|being strong|holding on|pretending)"
            r"(?= ?(?:\||$))",
            r"\b(?:do not|never) want to feel (?:anything|at all)(?: anymore)?(?= ?(?:\||$))",
            r"\bno veo (?:ninguna |otra )?salida\b|\bno hay salida\b|\bje ne vois pas d'issue\b|"
            r"\bkein ausweg\b|\bnao vejo saida\b",
            r"\bno way out\b|\bno future for me\b|\bi have no future\b|\blost all hope\b|"
            r"\bno hope left\b|\bthere is no hope\b|\bbeyond help\b",
            r"\bgive up on (?:life|everything|living|myself)\b|\bgiving up on (?:life|living)\b",
            r"\bi am (?:so |just |completely |totally |really )?done with (?:life|everything|"
            r"living|it all|being alive|existing)\b",
            r"\bcan not (?:keep|go on|carry on) living\b|\bcan not live like this\b",
            r"\b(?:a|just a|such a|nothing but a) (?:weight|drain|anchor|dead weight|millstone) "
            r"(?:on|dragging|pulling|holding) (?:\w+ ){0,2}(?:everyone|everybody|them|my family|"
            r"people|down)\b|\bdragging (?:everyone|everybody|them|my family) down\b",
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
        rx(
            r"\b(?:i am|i feel like|i feel|i have become|i am just|i am only|i am nothing but) "
            r"(?:such |just |only |nothing but |a huge |so much of )?(?:a |the )?(?:burden|waste "
            r"of space|waste of oxygen|waste of air)\b",
            r"\b(?:everyone|they|my family|the world|people|my kids|my parents|everybody|you "
            r"all|my friends|he|she) (?:would be|is|are|will be|would all be) (?:so much |much |"
            r"a lot )?(?:better|happier|better off|easier|fine|okay) without me\b",
            r"\bbetter off without me\b",
            r"\b(?:no one|nobody|noone) (?:would|will) (?:miss|notice|care|even notice)\b",
            r"\bburden (?:to|on|for) (?:everyone|my family|others|people|you|them|everybody)\b",
            r"\b(?:suis|etre|d'etre) un (?:poids|fardeau)\b|\bsoy una carga\b|"
            r"\bje suis un fardeau\b|\bich bin (?:nur )?eine last\b|"
            r"\bsou um (?:fardo|peso)\b",
        ),
    ),
    Rule(
        "other_at_risk",
        CONCERN,
        rx(
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
