"""The output guard's rules: a few families of harmful text, each one pattern over ``guard_text``.

The families generalise instead of listing phrases: a means (a medicine, pills, a container of
them) near a quantity or an instruction to swallow; a duration near a method ("pass out",
"hanging"); a height near a structure; advice to stop or change medication; diet and weight-loss
tips; claims of being a person or in a relationship; promises of contact outside the app;
diagnoses. Method words and quantities are in English, German, Spanish and French, because a
request to translate or repeat is the easiest way round an English-only list.

``INPUT_FAMILIES`` are the ones also applied to what the person writes: a message that carries
method text (to be translated, repeated, "corrected") is answered by a scripted reply.

Each family is a ``LazyPattern`` (``rules/lazy.py``): compiled on first use and skipped when none
of its trigger strings is in the text, so a journal entry that names no method compiles none of
them (this module cost `journal add` about 30 ms when it compiled every family at import).
"""

from __future__ import annotations

from companion.core.safety.rules.lazy import LazyPattern, lazy

_STRUCTURE = (
    r"(?:bridges?|buildings?|roofs?|rooftops?|cliffs?|towers?|skyscrapers?|overpass\w*|"
    r"balcon(?:y|ies)|parking (?:garages?|structures?)|car parks?|ledges?|dams?|viaducts?|"
    r"high rises?|floors?|storeys?|stories)"
)
_DRUGS = (
    r"(?:paracetamol|acetaminophen|tylenol|ibuprofen|aspirin|naproxen|codeine|tramadol|"
    r"oxycodone|morphine|fentanyl|heroin|methadone|insulin|sertraline|zoloft|fluoxetine|"
    r"prozac|citalopram|escitalopram|lexapro|paroxetine|venlafaxine|effexor|duloxetine|"
    r"bupropion|wellbutrin|mirtazapine|amitriptyline|nortriptyline|lithium|quetiapine|"
    r"seroquel|olanzapine|risperidone|aripiprazole|abilify|lamotrigine|valproate|diazepam|"
    r"valium|lorazepam|ativan|alprazolam|xanax|clonazepam|klonopin|zolpidem|ambien|"
    r"melatonin|diphenhydramine|benadryl|propranolol|adderall|ritalin|methylphenidate|"
    r"benzodiazepines?|benzos|opioids?|antidepressants?|ssris?|snris?|sleeping pills|"
    r"sleeping tablets|painkillers|pills|tablets|capsules|"
    r"tabletten|tablette|pillen|schlaftabletten|medikamente|pastillas|pastilla|pildoras|"
    r"comprimidos|medicamentos|somniferos|comprimes|cachets|pilules|medicaments|somniferes)"
)
_UNITS = r"(?:mg|milligrams?|mcg|micrograms?|g|grams?|ml|millilit(?:er|re)s?|iu|units?)"

_CORE: tuple[tuple[str, LazyPattern], ...] = (
    (
        "method_details",
        lazy(
            r"\b(?:lethal|fatal|deadly|toxic|overdose) (?:dose|doses|amount|amounts|quantity|"
            r"level|levels|threshold|dosage)\b(?! (?:is not|is never) something)|"
            r"\b(?:hang|hanging) (?:yourself|oneself|themselves)\b|\bnoose\b|"
            r"\b(?:slit|cut|cutting|slitting) (?:your|the|one's) (?:wrists?|veins?|throat)\b|"
            r"\b(?:carbon monoxide|exhaust fumes|charcoal burning|helium|exit bag|nitrogen "
            r"asphyxiation|plastic bag over)\b|"
            r"\b(?:jump|jumping|leap|leaping|fall|falling|drop) (?:from|off) (?:a |the )?(?:\w+ )?"
            rf"{_STRUCTURE}\b|"
            r"\b(?:fatal|lethal|deadly|survivable|unsurvivable|fatality) (?:from |at |above )?"
            r"(?:a |the )?(?:fall|falls|height|heights|jump|jumps|drop)\b|"
            r"\b(?:way|ways|method|methods|how) (?:to|of) (?:kill yourself|die|commit suicide|"
            r"end your life|self harm|hurt yourself|overdose)\b(?! (?:is|are) not)|"
            r"\b(?:painless|quickest|easiest|most effective|surest) (?:way|ways|method|methods)\b|"
            r"\b(?:kill|killing|would kill|will kill|can kill|could kill) (?:you|a person|an "
            r"adult|someone|a human)\b(?! (?:feel|feels|will|would|to|inside))|"
            r"\bbleed (?:out|to death)\b|\b(?:stop|stops) (?:your|the) heart\b|"
            r"\b(?:train|subway|metro) (?:tracks|line)\b.{0,60}\b(?:step|lie|stand|jump)\b|"
            r"\b(?:stand|standing|lie|lying|step|stepping|walk|walking|wait|waiting|sit|sitting) "
            r"(?:on|onto|in front of|across) (?:the )?(?:tracks|rails|railway|line|motorway|"
            r"highway)\b|\bin front of (?:a|the) (?:train|bus|truck|lorry|car)\b|"
            r"\bgun\b.{0,40}\b(?:head|mouth|temple)\b|"
            r"\b(?:take|taking|took) an overdose\b|\boverdos(?:e|ing) (?:of|on) \w+|"
            r"\b(?:toxic|poisonous|lethal|deadly|fatal) (?:gas|gases|fumes|chemicals?|"
            r"combination|mix|mixture|plants?|berries|mushrooms)\b|"
            r"\b(?:usually|often|always|almost always|likely|nearly always|reliably|quickly|"
            r"instantly|certainly) (?:be )?(?:fatal|lethal|deadly)\b|"
            r"\b(?:fall|falls|jump|jumps|drop|drops) (?:from|of|off) (?:above |over |more than |"
            r"at least |about |around )?(?:\d+|a height|a great height|(?:\w+ )?storeys|"
            r"(?:\w+ )?floors)\b|"
            r"\b(?:artery|arteries|femoral|carotid|jugular|veins?)\b|"
            r"\b(?:cut|cutting|slit|slice|blade|razor)\b.{0,40}\bwrists?\b|"
            r"\bwrists?\b.{0,40}\b(?:cut|cutting|slit|slice|blade|razor)\b|"
            r"\b(?:painless|painlessly|peaceful|peacefully) (?:way|ways|method|methods|death|"
            r"to die|to go)\b|"
            r"\b(?:quickest|quick|easiest|easy|best|surest|simplest|fastest|most reliable) "
            r"(?:way|ways|method|methods) (?:to|of) (?:die|dying|go|end it|kill|overdose|do it|"
            r"hang|cut)\b"
        ),
    ),
    (
        "height_or_structure_details",
        lazy(
            rf"\b{_STRUCTURE}\b(?:\W+\w+){{0,12}}?\W+\d+(?:[.,]\d+)? ?(?:m|metres?|meters?|ft|"
            r"feet|foot|storeys?|stories|floors?)\b|"
            rf"\b\d+(?:[.,]\d+)? ?(?:m|metres?|meters?|ft|feet|foot|storeys?|stories|floors?) "
            rf"(?:\w+ ){{0,4}}(?:tall|high|above|drop|deep|down)\b|"
            rf"\b(?:tallest|highest) {_STRUCTURE}\b"
        ),
    ),
    (
        "medication_dosing",
        lazy(
            rf"\b\d+(?:[.,]\d+)? ?{_UNITS}\b(?:\W+\w+){{0,6}}?\W+{_DRUGS}\b|"
            rf"\b{_DRUGS}\b(?:\W+\w+){{0,8}}?\W+\d+(?:[.,]\d+)? ?{_UNITS}\b|"
            rf"\b(?:double|doubling|increase|increasing|decrease|decreasing|reduce|reducing|"
            rf"raise|lower|skip|skipping|halve|split) (?:your |the |a |an |some |more |less )?"
            rf"(?:\w+ )?(?:dose|dosage|doses|{_DRUGS})\b|"
            rf"\b(?:take|taking|swallow|swallowing) (?:\d+|two|three|four|five|extra|more|a "
            rf"few|several|a handful of|half|double) (?:of )?(?:your |the )?(?:\w+ )?"
            rf"(?:doses?|{_DRUGS})\b|"
            r"\b(?:you should|try|start|consider) (?:taking|a course of|going on|using) "
            rf"(?:\w+ )?{_DRUGS}\b|"
            rf"\b\d+ (?:or more |or so )?(?:of )?(?:\w+ )?{_DRUGS}\b|"
            rf"\b(?:dose|dosage|amount|how much|how many) (?:of )?(?:\w+ )?{_DRUGS}\b (?:\w+ ){{0,3}}"
            r"(?:you should|you can|you could|to) (?:take|have|use)\b"
        ),
    ),
    (
        "diagnosis",
        lazy(
            r"\byou (?:have|probably have|likely have|clearly have|definitely have|might have|"
            r"may have|could have|seem to have|appear to have|are suffering from|suffer from|"
            r"meet the criteria for|have got|are showing signs of|show signs of|sound like you "
            r"have|are|probably are|seem|sound) (?:clearly |obviously |definitely |probably |"
            r"likely |certainly |really |quite |a bit |somewhat )?(?:a |an |some |clinical |"
            r"severe |mild |"
            r"moderate |major |classic |chronic )*(?:depression|depressive disorder|anxiety "
            r"disorder|generali[sz]ed anxiety|gad|bipolar|bipolar disorder|ptsd|c ?ptsd|ocd|"
            r"adhd|add|autism|autistic|bpd|borderline|personality disorder|schizophrenia|"
            r"schizophrenic|psychosis|psychotic|an eating disorder|anorexia|anorexic|bulimia|"
            r"bulimic|panic disorder|social anxiety disorder|agoraphobia|insomnia disorder|"
            r"dysthymia|a mental illness|mental illness|a disorder|clinically depressed|"
            r"manic|narcissistic|a narcissist|sociopath|psychopath|hypochondria)\b|"
            r"\b(?:my|the|your) diagnosis (?:is|would be)\b|\bi (?:would )?diagnose\b|"
            r"\b(?:sounds|looks|seems) like (?:you have |clinical |classic |a case of )"
            r"(?:\w+ ){0,2}(?:depression|disorder|bipolar|ptsd|ocd|adhd|anxiety)\b|"
            r"\bthis is (?:clearly |definitely |probably )?(?:clinical depression|a disorder|"
            r"bipolar|ptsd|ocd|adhd|a panic disorder|an anxiety disorder)\b"
        ),
    ),
    (
        "claims_human_or_therapist",
        lazy(
            r"\bi am (?:a |an |your |really a |actually a |definitely a |just a )?(?:real )?"
            r"(?:human|person|human being|real person|woman|man|girl|guy|therapist|"
            r"psychotherapist|psychologist|psychiatrist|counsellor|counselor|doctor|nurse|"
            r"clinician|social worker|licensed|qualified|certified)\b|"
            r"\bi am not (?:a |an )?(?:bot|ai|robot|machine|computer|program|chatbot|language "
            r"model|artificial)\b|"
            r"\bas (?:a|your) (?:therapist|psychologist|psychiatrist|counsellor|counselor|doctor|"
            r"clinician)\b|"
            r"\b(?:in|from) my (?:clinical|professional) (?:experience|practice|opinion)\b|"
            r"\bmy (?:other )?(?:patients|clients)\b|\bi am (?:here|sitting) in (?:my|the) "
            r"(?:office|room|clinic)\b|\bi (?:have|had) (?:a|my) (?:body|family|wife|husband|"
            r"kids|childhood)\b"
        ),
    ),
)

_NUMBER_WORDS = (
    r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|"
    r"forty|fifty|sixty|seventy|eighty|ninety|hundred|a dozen|dozens|a handful|handfuls|"
    r"several|a bunch|lots|a lot|as many as|all|every one|zwei|drei|vier|funf|fuenf|sechs|"
    r"sieben|acht|neun|zehn|zwanzig|dreissig|vierzig|funfzig|fuenfzig|hundert|alle|dos|tres|"
    r"cuatro|cinco|seis|siete|ocho|nueve|diez|veinte|treinta|cuarenta|cincuenta|cien|todas|"
    r"deux|trois|quatre|cinq|sept|huit|neuf|dix|vingt|trente|quarante|cinquante|cent|tous|"
    r"toutes)"
)
# A number that is not a phone number being offered ("call 999", "text 741741").
_NUMBER = r"(?<!call )(?<!dial )(?<!text )(?<!ring )(?<!phone )(?<!on )\d+(?:[.,]\d+)?"
_QUANTITY = rf"(?:{_NUMBER}|{_NUMBER_WORDS})"
_CONTAINER = (
    r"(?:(?:a|the|an|your|one|eine|die|la|el|un|una|le|une) )?(?:whole|entire|full|ganze|"
    r"entero|entera|toute|tout|complete)? ?(?:bottle|box|pack|packet|strip|blister|jar|tub|"
    r"flasche|packung|schachtel|frasco|caja|bote|boite|flacon|tube)s?"
)
_INGEST = (
    r"(?:take|taking|swallow|swallowing|down|downing|chug|eat|eating|drink|nimm|nehmen|nimmst|"
    r"schluck|schlucke|schlucken|toma|tomate|tomar|tomarte|traga|tragate|tragar|prends|prenez|"
    r"prendre|avale|avalez|avaler)"
)
_MEDS = rf"(?:meds|medication|medications|medicine|medicines|prescription|{_DRUGS})"
_DURATION = (
    r"(?:(?:\d+|a few|few|several|a couple of|one|two|three|five|ten|thirty|a|an) "
    r"(?:seconds?|secs?|minutes?|mins?|hours?|hrs?|sekunden|minuten|stunden|segundos|minutos|"
    r"horas|secondes|heures)|within (?:seconds|minutes|moments)|instantly|immediately)"
)
_PHYSICAL = (
    r"(?:hang|hanging|hanged|noose|ligature|strangl\w*|suffocat\w*|asphyx\w*|choke|choking|"
    r"pass out|passing out|passes out|black out|blacking out|lose consciousness|losing "
    r"consciousness|unconscious|brain damage|without oxygen|cut off (?:the )?(?:air|oxygen|"
    r"blood)|drown\w*|bleed\w*|overdos\w*|to die|you die|you would die|you will die|death "
    r"occurs|until death|erhang\w*|erhaeng\w*|ahorc\w*|asfixi\w*|pendaison|pendre)"
)
_ADVICE = (
    r"(?:you (?:can|could|should|might|may|are fine to|are ok to|are okay to)|feel free to|"
    r"it is (?:fine|safe|ok|okay|alright|perfectly fine|generally safe|usually safe|"
    r"probably fine) (?:for you )?to|it should be (?:fine|safe|ok|okay) to|there is no harm "
    r"in|no need to keep|go ahead and|i (?:would|recommend|suggest|would suggest))"
)
_CHANGE = (
    r"(?:stop|stopping|quit|quitting|come off|coming off|get off|discontinue|discontinuing|"
    r"skip|skipping|cut down|cutting down|cut back|taper|tapering|lower|reduce|reducing|"
    r"increase|increasing|double|doubling|halve|halving|change|changing|switch|switching|"
    r"wean off|ditch|drop)"
)
_NOT_NEGATED = r"(?:(?!never\b|not\b|no\b)\w+ ){0,3}?"
_CONDITIONS = (
    r"(?:major depressive disorder|major depression|clinical depression|depression|"
    r"bipolar(?: disorder| i| ii| 1| 2)?|generali[sz]ed anxiety(?: disorder)?|an anxiety "
    r"disorder|anxiety disorder|ptsd|c ?ptsd|ocd|adhd|bpd|borderline(?: personality "
    r"disorder)?|a personality disorder|personality disorder|schizophrenia|psychosis|"
    r"anorexia(?: nervosa)?|bulimia(?: nervosa)?|binge eating disorder|an eating disorder|"
    r"eating disorder|panic disorder|dysthymia|cyclothymia|a mood disorder|mood disorder)"
)

_RX = (
    r"(?:(?:an )?ssris?|snris?|mood stabili[sz]ers?|antipsychotics?|antidepressants?|lithium|"
    r"sertraline|fluoxetine|citalopram|escitalopram|quetiapine|lamotrigine|valproate|"
    r"olanzapine|aripiprazole|bupropion|venlafaxine|mirtazapine|zoloft|prozac|lexapro|seroquel)"
)

_FAMILIES: tuple[tuple[str, LazyPattern], ...] = (
    (
        "quantity_with_means",
        lazy(
            rf"\b{_QUANTITY}\b(?:\W+\w+){{0,4}}?\W+{_DRUGS}\b|"
            rf"\b{_CONTAINER} (?:of |von |de |d )?(?:\w+ ){{0,2}}{_DRUGS}\b|"
            rf"\b{_INGEST}\b(?:\W+\w+){{0,3}}?\W+(?:{_CONTAINER}|everything|all of them|"
            r"all your|all the|the rest|as many)\b|"
            rf"\b{_INGEST}\b (?:\w+ ){{0,2}}?\d+\b(?:\W+\w+){{0,5}}?\W+\d+ ?{_UNITS}\b|"
            rf"\b\d+ (?:of )?(?:the|your|those|these|my) \d+ ?{_UNITS}\b"
        ),
    ),
    (
        "duration_with_method",
        lazy(
            rf"\b{_DURATION}\b(?:\W+\w+){{0,10}}?\W+{_PHYSICAL}\b|"
            rf"\b{_PHYSICAL}\b(?:\W+\w+){{0,10}}?\W+{_DURATION}\b"
        ),
    ),
    (
        "method_details",
        lazy(
            r"\b(?:erhang|erhaeng|aufhang|aufhaeng)\w*|\bpulsadern\b|\bsich (?:umbringen|"
            r"toten|toeten|das leben nehmen)\b|\b(?:von|vom) (?:der |einer |dem |einem )?"
            r"(?:brucke|bruecke|dach|hochhaus|turm)\w* (?:springen|sturzen|stuerzen)\b|"
            r"\bvor (?:den|einen) zug\b|\bahorc\w*|\b(?:colgar|matar|suicidar)(?:te|se|me)\b|"
            r"\b(?:cuelgate|matate|suicidate)\b|\b(?:spring|springe|springen|sturz|sturze|"
            r"sturzen|stuerz\w*)\b (?:\w+ ){0,2}?(?:von|vom|aus) (?:der |einer |dem |einem )?"
            r"(?:brucke|bruecke|dach|hochhaus|turm|fenster)\w*|"
            r"(?:^ ?|[.!?,;:] |you should |just |go |go and |why not |then |so )(?:kill|hang|"
            r"hurt|cut|harm|poison|shoot|drown|starve) yourself\b|\bby (?:hanging|overdosing|"
            r"jumping|drowning|suffocating|poisoning|shooting)\b|"
            r"\bcortar(?:te|se)? las venas\b|\b(?:tirar|lanzar|arrojar)(?:te|se) (?:de|desde) "
            r"(?:un |una |el |la )?(?:puente|edificio|azotea|balcon)\b|\b(?:te|se) pendre\b|"
            r"\bpendaison\b|\b(?:te|se) (?:jeter|sauter) (?:du|d un|de la|d une) (?:pont|toit|"
            r"immeuble|falaise)\b|\b(?:t|s)ouvrir les veines\b"
        ),
    ),
    (
        "medication_change",
        lazy(
            rf"\b{_ADVICE} {_NOT_NEGATED}{_CHANGE} (?:taking |using )?(?:your |the |all |these |"
            rf"those )?(?:\w+ )?{_MEDS}\b|"
            rf"\b(?:just|simply|try|try to) {_CHANGE} (?:taking |using )?(?:your |the )?"
            rf"(?:\w+ )?{_MEDS}\b|"
            rf"(?:^ ?|[.!?] )(?:stop|quit) taking\b|"
            rf"\b(?:stopping|quitting|coming off|skipping) (?:your |the )?(?:\w+ )?{_MEDS} "
            r"(?:is|should be|would be) (?:fine|safe|ok|okay|alright|no problem|not a problem)\b|"
            rf"\byou (?:do not|don't) (?:really )?need (?:to take )?(?:your |the |any )?{_MEDS}\b"
        ),
    ),
    (
        "medication_recommendation",
        lazy(
            r"\b(?:you should|you could|you can|you might|try|start|consider|ask for|i "
            r"recommend|i suggest|i would recommend|the best|usually prescribed|the usual|"
            r"first line|first-line|commonly prescribed|often prescribed)\b(?:\W+\w+){0,5}?\W+"
            rf"{_RX}\b|\b{_RX} (?:is|are) (?:usually |often |commonly |typically |generally |"
            r"the )?(?:prescribed|recommended|best|usual|first line|first-line|used for|given "
            r"for|what you need|the answer|the treatment)\b"
        ),
    ),
    (
        "diet_tips",
        lazy(
            r"\b\d+ ?(?:calories|kcal|cals)\b|\bcalorie (?:deficit|counting|target|limit|goal)s?\b|"
            r"\bcount(?:ing)? (?:your )?calories\b|\b(?:eat|eating|have|having) (?:less|fewer|"
            r"smaller|only|just|no more than|under)\b(?:\W+\w+){0,3}?\W+(?:meals?|portions?|"
            r"food|calories|carbs|snacks?|a day|per day|each day)\b|\bskip(?:ping)? (?:a |your |"
            r"the )?(?:meals?|breakfast|lunch|dinner)\b|\b(?:intermittent|water) fasting\b|"
            r"\b(?:try|start|try to) fasting\b|\bfast(?:ing)? for \d+|\b(?:lose|losing|drop|"
            r"dropping|shed|shedding) (?:\w+ ){0,2}?(?:weight|kilos?|kg|pounds|lbs)\b|"
            r"\bweight[- ]loss\b|\bappetite suppress\w*|\bsuppress (?:your )?(?:appetite|"
            r"hunger)\b|\bfeel(?:ing)? full\b|\b(?:hide|hiding|conceal|concealing) (?:\w+ ){0,3}?"
            r"(?:eating|not eating|food|meals|weight)\b|\bwithout (?:your )?(?:parents|family|mum|"
            r"mom|dad) (?:\w+ )?(?:noticing|knowing|finding out)\b|\blaxatives?\b|\bdiuretics?\b|"
            r"\bpurg(?:e|ing)\b|\b(?:cut|cutting) out (?:carbs|sugar|fats?|food)\b|\blow[- ]carb\b|"
            r"\bketo\b|\bchew(?:ing)? gum\b|\b(?:under|below|reach|get to|get down to) \d+ ?(?:kg|"
            r"kilos|lbs|pounds)\b"
        ),
    ),
    (
        "claims_relationship",
        lazy(
            r"\bi am (?:your|ur) (?:partner|girlfriend|boyfriend|wife|husband|lover|best friend|"
            r"friend|soulmate|soul mate|bae|babe|other half)\b|\byou have (?:got )?(?:a |your )?"
            r"(?:partner|girlfriend|boyfriend|friend|lover)\b.{0,30}\b(?:me|i am)\b|"
            r"\bi love you\b|\bwe are (?:in a relationship|together|dating|a couple|partners|in "
            r"love)\b|\bour (?:relationship|love)\b|\bi (?:have|had) (?:feelings|a crush) "
            r"(?:for|on) you\b|\bi am in love\b|\bi am (?:a |an )?(?:real|alive|human)\b"
        ),
    ),
    (
        "false_availability",
        lazy(
            r"\b(?:text|call|phone|ring|message|email|e-mail|dm|whatsapp|contact|reach|visit) me\b|"
            r"\bi (?:will|can|could|am going to|would) (?:call|text|phone|ring|message|email|"
            r"visit|come over|come to you|come round|come and see you|check on you|meet you|be "
            r"there in person|be there tonight|be with you in person)\b|\bmy (?:phone )?number\b|"
            r"\bmy (?:email|e-mail|address)\b|\b(?:meet|see) (?:you|each other) (?:in person|"
            r"tomorrow|tonight)\b|\bi am (?:always )?(?:available|reachable|here|awake) "
            r"(?:24/7|24 7|24 hours|day and night|around the clock|all night)\b|"
            r"\breach out to me\b|\b(?:get|keep|stay) in touch with me\b"
        ),
    ),
    (
        "diagnosis",
        lazy(
            r"(?<!whether )(?<!if )\b(?:that is|this is|it is|sounds like|looks like|seems like|"
            r"these are (?:signs|symptoms) of|consistent with|indicative of|a case of|you have "
            r"symptoms of|you are showing symptoms of) (?:a |an )?(?:classic |clear |typical )?"
            rf"{_CONDITIONS}\b|\b(?:you are|you would be|you could be|you might be|you will be) "
            r"diagnosed with\b"
        ),
    ),
)

# Families that also apply to what the person writes (method text to translate or repeat).
INPUT_FAMILIES = frozenset(
    {
        "method_details",
        "height_or_structure_details",
        "medication_dosing",
        "quantity_with_means",
        "duration_with_method",
    }
)

RULES: tuple[tuple[str, LazyPattern], ...] = _CORE + _FAMILIES
