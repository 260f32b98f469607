"""Decoding that suits small models: repetition control in the sampler, and a filter on the
streamed text that stops loops, removes stage directions, keeps to a sentence cap sized to the
model and ends at a sentence boundary.

Two layers:

- the sampler (llama.cpp): a repeat penalty over the last tokens written, and the DRY
  ("don't repeat yourself") sampler, which llama-cpp-python 0.3.36 builds
  (``LlamaSampler.add_dry``) but does not expose through ``create_completion``;
  ``install_dry`` adds it to a ``Llama``'s sampler chain, before the final choice of token;
- the text (``ReplyFilter``): what is shown is a prefix of the final reply (or, rarely, a
  few words more when a loop began mid-sentence: the final text is then stored and shown). A
  sentence is held back while it could still turn out to be a repeat (it starts like an earlier
  one), an open "(" / "*" / "[" could be a stage direction, and in chat always (chat shows a
  sentence at a time, since any sentence may turn out to claim a body, a past or a relationship
  and be dropped). A sentence said again, or a phrase loop, stops generation and the reply ends
  at the last sentence before it.

``Decoding(...)`` is passed to any backend's ``stream_chat`` / ``complete`` (backend.py): the
sampler part goes to the model (in process: all of it; a server: the penalties it accepts, see
remote.py), and ``shaped_stream`` applies the text part to whatever the backend streams. ``None``
means plain sampling (structured output such as the distortions JSON uses that).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Generator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from companion.core.llm import quality

if TYPE_CHECKING:
    from companion.core.llm.backend import GenerationStats

SMALL_MODEL = 1_000_000_000  # parameters below which a model gets the tight cap
MEDIUM_MODEL = 4_000_000_000
NEAR_CAP = 24  # tokens before the cap from which an unfinished sentence is held back
DRY_BREAKERS = ["\n", ":", '"', "*"]
# The top-k cut comes first in the chain: the penalties and DRY then look at k candidates instead
# of the whole vocabulary (49,152 entries for SmolLM2) for every token. The reply is the same
# unless all k were penalised below the next token; bench/chat_overhead.py measures the gain.
TOP_K_FIRST = True


@dataclass(frozen=True)
class Decoding:
    """How one reply is sampled and shaped."""

    max_tokens: int = 400
    max_sentences: int | None = None
    repeat_penalty: float = 1.1
    penalty_last_n: int = 64
    frequency_penalty: float = 0.0
    presence_penalty: float = 0.0
    dry_multiplier: float = 0.8
    dry_base: float = 1.75
    dry_allowed_length: int = 2
    dry_penalty_last_n: int = -1
    stop_loops: bool = True
    strip_stage_directions: bool = True
    drop_persona_claims: bool = False  # chat only: "I" in a balanced thought is the person

    def shaped(self) -> bool:
        return self.stop_loops or self.strip_stage_directions or self.max_sentences is not None


def size_class(parameters: int) -> str:
    """ "small" (under 1B parameters), "medium" (under 4B) or "large"; unknown counts as small."""
    if parameters <= 0 or parameters < SMALL_MODEL:
        return "small"
    return "medium" if parameters < MEDIUM_MODEL else "large"


_CHAT_CAPS = {"small": (4, 120), "medium": (5, 220), "large": (6, 320)}


def chat_decoding(parameters: int, max_reply_tokens: int = 400) -> Decoding:
    """Chat: the system prompt asks for two to four sentences; a small model gets 4 sentences and
    120 tokens, a medium one 5 and 220, a large one 6 and 320 (never more than the setting)."""
    sentences, tokens = _CHAT_CAPS[size_class(parameters)]
    return Decoding(
        max_tokens=min(tokens, max_reply_tokens),
        max_sentences=sentences,
        drop_persona_claims=True,
    )


def helper_decoding(purpose: str, max_tokens: int) -> Decoding:
    """The exercise and insight helpers: questions (3 lines), a balanced thought (2 sentences),
    the weekly reflection (5 sentences)."""
    sentences = {"socratic": 3, "balanced_thought": 2, "reflection": 5}.get(purpose)
    return Decoding(max_tokens=max_tokens, max_sentences=sentences)


# -- the sampler --------------------------------------------------------------------------------


def install_dry(llm: Any) -> None:
    """Give ``llm`` (a ``llama_cpp.Llama``) a sampler chain with DRY when ``llm._companion_dry``
    holds a Decoding; any other call (grammar, mirostat, logits processors) keeps the library's.
    The chain: top-k (see TOP_K_FIRST), penalties, DRY, then greedy, or typical, top-p, min-p,
    temperature and the random choice."""
    original = llm._init_sampler

    def init_sampler(**kwargs: Any) -> Any:
        decoding: Decoding | None = getattr(llm, "_companion_dry", None)
        plain = kwargs.get("grammar") is None and kwargs.get("logits_processor") is None
        if decoding is None or not plain or kwargs.get("mirostat_mode", 0):
            return original(**kwargs)
        from llama_cpp import _internals as internals

        factory: Any = internals.LlamaSampler  # untyped in llama-cpp-python
        sampler: Any = factory()
        top_k = int(kwargs.get("top_k", 40))
        if TOP_K_FIRST and top_k > 0:
            sampler.add_top_k(top_k)
        sampler.add_penalties(
            n_vocab=llm._n_vocab,
            penalty_last_n=decoding.penalty_last_n,
            penalty_repeat=kwargs.get("repeat_penalty", 1.0),
            penalty_freq=kwargs.get("frequency_penalty", 0.0),
            penalty_present=kwargs.get("presence_penalty", 0.0),
        )
        if decoding.dry_multiplier > 0:
            sampler.add_dry(
                llm._model,
                decoding.dry_multiplier,
                decoding.dry_base,
                decoding.dry_allowed_length,
                decoding.dry_penalty_last_n,
                DRY_BREAKERS,
            )
        temp = kwargs.get("temp", 0.8)
        if temp <= 0.0:
            sampler.add_greedy()
            return sampler
        if not TOP_K_FIRST:
            sampler.add_top_k(top_k)
        sampler.add_typical(kwargs.get("typical_p", 1.0), 1)
        sampler.add_top_p(kwargs.get("top_p", 0.95), 1)
        sampler.add_min_p(kwargs.get("min_p", 0.05), 1)
        sampler.add_temp(temp)
        sampler.add_dist(llm._seed)
        return sampler

    llm._init_sampler = init_sampler


# -- the text -----------------------------------------------------------------------------------

# A finished sentence at the start of the pending text: its leading space, then up to end
# punctuation followed by a space, or up to a line break.
_DONE = re.compile(r"(\s*)([^\n]*?(?:[.!?]+[\"')\]]*(?=\s)|(?=\n)))", re.S)


def _unclosed(text: str) -> int | None:
    """Where an unclosed "(", "[" or "*" starts in ``text`` (it may become a stage direction)."""
    start: int | None = None
    depth = 0
    for index, char in enumerate(text):
        if char in "([":
            start, depth = (index if depth == 0 else start), depth + 1
        elif char in ")]" and depth:
            depth -= 1
            start = None if depth == 0 else start
        elif char == "*" and depth == 0:
            start = index if start is None else None
    return start


class ReplyFilter:
    """Feed the model's text pieces; get back what may be shown now. See the module docstring."""

    def __init__(self, decoding: Decoding) -> None:
        self.decoding = decoding
        self.kept = ""  # finished sentences, cleaned: final
        self.pending = ""  # raw text after the last finished sentence
        self.shown = ""
        self.sentences = 0
        self.tokens = 0
        self.stop_reason: str | None = None  # "loop" | "cap" when generation should stop
        self._earlier: list[str] = []

    # the shown text is always a prefix of the final text
    def _show(self, visible: str) -> str:
        if self.stop_reason is None and not self.shown:
            visible = visible.lstrip()
        if visible.startswith(self.shown) and len(visible) > len(self.shown):
            new = visible[len(self.shown) :]
            self.shown = visible
            return new
        return ""

    def _clean(self, sentence: str) -> str:
        if self.decoding.strip_stage_directions:
            sentence = quality.strip_stage_directions(sentence)
        return sentence

    def _accept(self, space: str, sentence: str) -> None:
        """A finished raw sentence: clean it, then keep it, drop it or stop."""
        cleaned = self._clean(sentence).strip()
        if not cleaned or not quality.words(cleaned):
            return
        if self.decoding.drop_persona_claims and quality.human_claims(cleaned):
            return
        if self.decoding.stop_loops:
            norm = quality.normalised(cleaned)
            if len(norm.split()) >= 3 and any(
                norm == e or (len(norm.split()) >= 6 and (e.startswith(norm) or norm.startswith(e)))
                for e in self._earlier
            ):
                self.stop_reason = "loop"
                return
            candidate = self.kept + " " + cleaned
            if quality.find_loop(candidate) is not None:
                self.stop_reason = "loop"
                return
            self._earlier.append(norm)
        separator = "\n" if "\n" in space else " "
        self.kept = f"{self.kept}{separator}{cleaned}" if self.kept else cleaned
        self.sentences += 1
        cap = self.decoding.max_sentences
        if cap is not None and self.sentences >= cap:
            self.stop_reason = "cap"

    def _held(self, partial: str) -> bool:
        """Whether the unfinished sentence must wait until it is finished."""
        if self.tokens >= self.decoding.max_tokens - NEAR_CAP:
            return True
        if self.decoding.drop_persona_claims:  # chat: whole sentences, so none is taken back
            return True
        if self.decoding.stop_loops:
            norm = quality.normalised(partial)
            if norm and any(e.startswith(norm) for e in self._earlier):
                return True
            said = norm.split()
            pairs = list(itertools.pairwise(said))
            if len(set(pairs)) < len(pairs):  # a phrase said twice could be a loop starting
                if quality.find_loop(self.kept + " " + partial) is not None:
                    self.stop_reason = "loop"
                return True
            if quality.find_loop(self.kept + " " + partial) is not None:
                self.stop_reason = "loop"
                return True
        return False

    def feed(self, piece: str) -> str:
        """Add one piece of model text; return the text that may be shown now (maybe "")."""
        self.tokens += 1
        self.pending += piece
        while self.stop_reason is None:
            match = _DONE.match(self.pending)
            if match is None or not match.group(2).strip():
                break
            self.pending = self.pending[match.end() :]
            self._accept(match.group(1), match.group(2))
        if self.stop_reason is not None:
            return self._show(self.kept)
        partial = self.pending
        opened = _unclosed(partial) if self.decoding.strip_stage_directions else None
        if opened is not None:
            partial = partial[:opened]
        partial = self._clean(partial).rstrip()
        if not quality.words(partial) or self._held(partial):
            return self._show(self.kept)
        separator = "\n" if self.kept and "\n" in self.pending[:1] else " "
        joined = f"{self.kept}{separator}{partial.lstrip()}" if self.kept else partial
        return self._show(joined)

    def finish(self, finish_reason: str | None) -> str:
        """The model stopped (``finish_reason`` "length" when it hit the token cap): return
        the rest of the reply that may be shown."""
        if self.stop_reason is None and self.pending.strip():
            tail = self.pending
            ended = bool(re.search(r"[.!?][\"')\]]*\s*$", tail))
            # a reply cut by the token cap drops its unfinished sentence, unless part of it was
            # shown already (what is shown is never taken back)
            shown_part = len(self.shown) > len(self.kept)
            if ended or finish_reason != "length" or not self.kept or shown_part:
                space = tail[: len(tail) - len(tail.lstrip())]
                self._accept(space, tail.strip())
        self.pending = ""
        return self._show(self.kept)

    @property
    def text(self) -> str:
        """The reply: after ``finish``, the kept sentences. It starts with what was shown,
        except when a loop had begun in a sentence already partly shown (then the shown text
        ran a few words further; the caller stores and shows this text in the end)."""
        return self.kept


def shaped_stream(
    raw: Generator[str, None, None], decoding: Decoding, stats: GenerationStats
) -> Generator[str, None, None]:
    """``raw`` (a backend's text as written) through a ``ReplyFilter``: what may be shown,
    piece by piece. A loop or the sentence cap closes ``raw`` (which stops generation);
    ``stats.finish_reason`` then says why. ``stats.extra["text"]`` holds the kept reply (also
    when the reply was stopped: the unfinished sentence is kept then, shaped like the rest)."""
    if not decoding.shaped():
        yield from raw
        return
    shaper = ReplyFilter(decoding)
    try:
        for piece in raw:
            if not piece:
                continue
            text = shaper.feed(piece)
            if text:
                yield text
            if shaper.stop_reason is not None:
                break
    finally:
        raw.close()  # the backend's own clean-up (figures, locks) runs now
    # stopped (by the person, or a server gone): what was written is kept, shaped the same way
    tail = shaper.finish(None if stats.stopped else stats.finish_reason)
    if tail:
        yield tail
    if shaper.stop_reason is not None and not stats.stopped:
        stats.finish_reason = shaper.stop_reason
    stats.extra["text"] = shaper.text  # the reply as kept (see ReplyFilter.text)


def decoding_options(complete: Any, decoding: Decoding | None) -> dict[str, Any]:
    """``{"decoding": decoding}`` when ``complete`` takes it (every ChatBackend does; a
    scripted stand-in may not), else ``{}``."""
    import inspect

    try:
        parameters = inspect.signature(complete).parameters.values()
    except (TypeError, ValueError):
        return {}
    takes = any(p.name == "decoding" or p.kind is p.VAR_KEYWORD for p in parameters)
    return {"decoding": decoding} if takes else {}
