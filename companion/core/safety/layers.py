"""How the learned layer joins the rules' answer (see docs/SAFETY_DETECTION.md)."""

from __future__ import annotations

from companion.core.safety.types import Category, Layer, Level, SafetyAssessment

_LEARNED_CATEGORY = {"others": Category.OTHERS, "from_others": Category.FROM_OTHERS}
# Concerns whose level is the product's decision, not a guess: a passive wish to be dead ("I wish
# I were dead") stays a concern unless something else is found; the learned score does not lift it.
KEPT_CONCERN = frozenset({"passive_death_wish"})
# No text of fewer words is in the learned layer's training or dev data (the shortest have three),
# so it has never been measured there: it read "left 24" as a crisis (0.84). The rules decide.
MIN_WORDS = 3


def with_learned(text: str, rules: SafetyAssessment, norm: str | None = None) -> SafetyAssessment:
    """Add the learned layer: it may raise the rules' level, never lower it.

    Alone it gives a concern, or a crisis only when its crisis score passes the high threshold
    chosen on the dev split (see docs/SAFETY_DETECTION.md); where the rules found a concern, a
    lower crisis threshold (also chosen on dev) makes it a crisis: two layers agreeing (not for a
    passive wish to be dead alone, ``KEPT_CONCERN``). Where the rules lowered a finding
    (past recovery, a joke) or found someone else's risk in reported speech, it cannot make a
    crisis of it. Where the rules matched risky words and explained them away (a negation, an
    accident, an idiom) and found nothing else, it does not run: n-grams cannot read a negation.
    Where the only thing explained away was a topical "suicide", only its high crisis score counts. It is loaded on first use; if it cannot run (no weights, a bug) the rules'
    answer stands. ``norm`` is ``text`` as the rules normalised it (read again, not recomputed).
    """
    explained = rules.meta.get("explained")
    if explained == "1":
        return rules  # a negation, an accident, an idiom: the rules decide
    if len((norm if norm is not None else text).split()) < MIN_WORDS:
        return rules
    try:
        from companion.core.safety.learned import model

        learned = model.score(text) if norm is None else model.score(text, norm)
    except Exception:
        return rules
    if learned is None:
        return rules
    meta = {"learned_flag": f"{learned.flag:.3f}", "learned_crisis": f"{learned.crisis:.3f}"}
    level = Level(learned.level)
    if explained and level is not Level.CRISIS:
        # The rules read a "suicide" as topical ("an essay on suicide"): only the learned
        # layer's high crisis score overrides that ("i will do the suicide this night").
        return SafetyAssessment(
            rules.level, rules.reasons, rules.category, rules.layer, None, {**rules.meta, **meta}
        )
    if learned.corroborates and rules.level is Level.CONCERN and set(rules.reasons) - KEPT_CONCERN:
        level = Level.CRISIS  # the rules found a concern and the learned layer reads a crisis
    score = learned.crisis if level is Level.CRISIS else learned.flag
    if rules.meta.get("lowered") or (rules.reasons and set(rules.reasons) <= {"other_at_risk"}):
        # The rules read the tense, a joke or reported speech; the n-grams cannot: at most concern.
        level = Level.highest(rules.level, Level.CONCERN if level is not Level.NONE else level)
    if level.rank <= rules.level.rank:
        return SafetyAssessment(
            rules.level, rules.reasons, rules.category, rules.layer, score, {**rules.meta, **meta}
        )
    category = rules.category or _LEARNED_CATEGORY.get(learned.category, Category.SELF)
    reasons = (*rules.reasons, f"learned_{level.value}")
    return SafetyAssessment(level, reasons, category, Layer.LEARNED, score, meta)
