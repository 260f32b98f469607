"""The output guard: ``check_output(text)`` on what the model writes, as it streams and at the end.

A reply fails when it gives method, means or lethality details, tells the person they have a
named condition, gives medication dosing, or claims to be a human or a therapist. Call it with
the text so far while streaming; at the first failure the caller stops the stream, replaces the
reply with ``SAFE_REPLACEMENT`` and records the reason. Call it once more on the final text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from companion.safety.normalize import fold

SAFE_REPLACEMENT = (
    "I'm not able to help with that, and I don't want to give you anything that could hurt "
    "you. What you're going through matters, and you don't have to carry it alone. If you "
    "might be in danger, please reach out now: press F1 (Help now) for your safety plan and "
    "people you can call or text any time, or contact your local emergency number. If you'd "
    "like, we can also slow down together with a breathing or grounding exercise."
)


@dataclass(frozen=True)
class GuardResult:
    """``ok`` is False when the reply must not be shown; ``reason`` says which rule failed."""

    ok: bool
    reason: str | None = None


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
    r"sleeping tablets|painkillers|pills|tablets|capsules)"
)
_UNITS = r"(?:mg|milligrams?|mcg|micrograms?|g|grams?|ml|millilit(?:er|re)s?|iu|units?)"

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "method_details",
        re.compile(
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
        re.compile(
            rf"\b{_STRUCTURE}\b(?:\W+\w+){{0,12}}?\W+\d+(?:[.,]\d+)? ?(?:m|metres?|meters?|ft|"
            r"feet|foot|storeys?|stories|floors?)\b|"
            rf"\b\d+(?:[.,]\d+)? ?(?:m|metres?|meters?|ft|feet|foot|storeys?|stories|floors?) "
            rf"(?:\w+ ){{0,4}}(?:tall|high|above|drop|deep|down)\b|"
            rf"\b(?:tallest|highest) {_STRUCTURE}\b"
        ),
    ),
    (
        "medication_dosing",
        re.compile(
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
        re.compile(
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
        re.compile(
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


def check_output(text: str) -> GuardResult:
    """Check a model reply, partial (as it streams) or final.

    Returns ``GuardResult(ok=True)`` or ``GuardResult(ok=False, reason=...)`` where reason is one
    of "method_details", "height_or_structure_details", "medication_dosing", "diagnosis",
    "claims_human_or_therapist". Never raises; on an internal error the reply is blocked.
    """
    try:
        if not text:
            return GuardResult(True)
        norm = fold(text[:50_000])
        for reason, pattern in _RULES:
            if pattern.search(norm):
                return GuardResult(False, reason)
        return GuardResult(True)
    except Exception:
        return GuardResult(False, "guard_error")
