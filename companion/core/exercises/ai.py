"""Optional AI help in exercises: Socratic questions, suggested distortions, balanced wording.

Everything here is blocking (call it from a thread worker) and takes a loaded engine
(``companion.core.llm.load_engine``). The caller runs the safety screen on the person's text first.
Model output is parsed defensively: the small embedded model often answers loosely, so names
are checked against the catalogue and anything unrecognised is dropped.
"""

from __future__ import annotations

import json
import re

from companion.core.exercises import catalog
from companion.core.exercises.suggest import Suggestion
from companion.core.llm.completer import Completer

ECHO_LIMIT = 4  # more names than this in free text means the list was copied out
MAX_TOKENS = {"distortions": 160, "socratic": 120, "balanced_thought": 90}


CompletionEngine = Completer


def _ask(engine: CompletionEngine, prompt_name: str, **variables: object) -> str:
    from companion.core.llm import render_prompt
    from companion.core.llm.decoding import decoding_options, helper_decoding

    prompt = render_prompt(prompt_name, **variables)
    messages = [{"role": "user", "content": prompt}]
    limit = MAX_TOKENS[prompt_name]
    # the distortions answer is JSON: sampled plainly (a repeat penalty would fight its syntax)
    decoding = None if prompt_name == "distortions" else helper_decoding(prompt_name, limit)
    options = decoding_options(engine.complete, decoding)
    return engine.complete(messages, max_tokens=limit, temperature=0.0, seed=0, **options)


def shown_safely(text: str) -> bool:
    """The safety output guard on model text: False means it must not be shown."""
    from companion.core.safety import check_output

    return bool(check_output(text).ok)


def distortion_list() -> str:
    """The catalogue as the prompt lists it: one "- Label: definition" line each."""
    return "\n".join(f"- {d.label}: {d.definition}" for d in catalog.distortions())


def model_distortions(
    engine: CompletionEngine, thought: str, situation: str = ""
) -> list[Suggestion]:
    """Distortions the model suggests for ``thought`` (at most three, known names only)."""
    reply = _ask(
        engine,
        "distortions",
        thought=thought,
        situation=situation,
        distortion_list=distortion_list(),
    )
    return [s for s in parse_distortions(reply) if shown_safely(s.reason)]


def parse_distortions(reply: str) -> list[Suggestion]:
    """Read the model's answer: a JSON list if there is one, else known names in the text."""
    found: list[Suggestion] = []
    for name, reason in _json_items(reply) or _named_in_text(reply):
        known = catalog.normalise_name(name)
        if known is None or any(s.name == known for s in found):
            continue
        reason = " ".join(reason.split())[:200] or "Suggested by the model."
        found.append(Suggestion(known, reason, cue="", score=1.0))
        if len(found) == 3:
            break
    return found


def _json_items(reply: str) -> list[tuple[str, str]]:
    match = re.search(r"\[.*\]", reply, re.S)
    if not match:
        return []
    try:
        data = json.loads(match.group(0))
    except ValueError:
        return []
    items: list[tuple[str, str]] = []
    for item in data if isinstance(data, list) else []:
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            reason = item.get("reason")
            items.append((item["name"], reason if isinstance(reason, str) else ""))
        elif isinstance(item, str):
            items.append((item, ""))
    return items


def _named_in_text(reply: str) -> list[tuple[str, str]]:
    lowered = reply.lower()
    hits: list[tuple[int, str]] = []
    spellings = [(d.label.lower(), d.name) for d in catalog.distortions()]
    spellings += [(d.name, d.name) for d in catalog.distortions()]
    spellings += list(catalog.ALIASES.items())
    for spelling, name in spellings:
        position = lowered.replace("-", " ").find(spelling.replace("-", " "))
        if position >= 0:
            hits.append((position, name))
    ordered: list[tuple[str, str]] = []
    for _, name in sorted(hits):
        if all(name != seen for seen, _ in ordered):
            ordered.append((name, ""))
    # A reply naming most of the list is the model echoing the prompt, not an answer.
    return ordered if len(ordered) <= ECHO_LIMIT else []


def socratic_questions(
    engine: CompletionEngine, step_title: str, step_prompt: str, record: str
) -> list[str]:
    """Two or three open questions for the current step (lines ending in "?")."""
    reply = _ask(
        engine,
        "socratic",
        step_title=step_title,
        step_prompt=step_prompt,
        record=record or "(nothing yet)",
    )
    return [q for q in parse_questions(reply) if shown_safely(q)]


def parse_questions(reply: str) -> list[str]:
    questions: list[str] = []
    for line in reply.splitlines():
        text = re.sub(r"^\s*(?:[-*•]|\d+[.)])\s*", "", line).strip().strip('"')
        if text.endswith("?") and 8 <= len(text) <= 240 and text not in questions:
            questions.append(text)
    return questions[:3]


def balanced_thought(
    engine: CompletionEngine, thought: str, evidence_for: str, evidence_against: str
) -> str:
    """One suggested wording of a balanced thought ("" if the model gave nothing usable)."""
    reply = _ask(
        engine,
        "balanced_thought",
        thought=thought,
        evidence_for=evidence_for or "(none written)",
        evidence_against=evidence_against or "(none written)",
    )
    wording = parse_balanced(reply)
    return wording if wording and shown_safely(wording) else ""


def parse_balanced(reply: str) -> str:
    text = " ".join(reply.split()).strip().strip('"').strip()
    text = re.sub(r"^(?:balanced (?:alternative )?thought|answer)\s*:\s*", "", text, flags=re.I)
    sentences = re.findall(r"[^.!?]+[.!?]?", text)
    result = " ".join(s.strip().strip('"“”').strip() for s in sentences[:2]).strip()
    return result if len(result) >= 8 else ""


def record_text(steps: list[tuple[str, str]]) -> str:
    """(prompt, answer) pairs as the lines the Socratic prompt shows the model."""
    return "\n".join(f"{prompt} {answer}" for prompt, answer in steps)
