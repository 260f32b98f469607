"""Where the chat path's per-token time goes, layer by layer, with the embedded model.

    uv run python bench/chat_overhead.py [--rounds 5] [--max-tokens 64] [--json FILE]

The same prompt (the chat system prompt and one message), greedy, the same token count each
time (the reply cap and the text filter's stops are lifted so every layer writes the same
tokens), generation tokens per second for each layer, run round-robin so each sees the same
machine load (medians over the rounds):

1. ``raw``: ``Llama.create_completion(stream=True)`` on the prompt's tokens, the library's
   plain sampler (no penalties);
2. ``raw_app_sampler``: the same with the app's sampler chain (top-k first, then the repeat
   penalty and DRY, see decoding.install_dry): what the repetition control costs in llama.cpp;
   ``raw_app_sampler_vocab`` is the chain of before (penalties and DRY over the whole
   vocabulary, top-k after them);
3. ``engine_plain``: ``Engine.stream_chat`` with no decoding (the engine's own Python: locks,
   abort callback, switch interval);
4. ``engine_decoding``: ``Engine.stream_chat`` with chat decoding (sampler + text filter);
5. ``session``: ``ChatSession`` with the output guard holding text back (guarded.py).

Each layer's ratio to ``raw`` is printed, and the per-token cost in microseconds of the text
filter and the guard measured alone on the same reply. Nothing is asserted.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

MESSAGE = "My manager gave me a big project and I keep thinking I'll mess it up."


def _tps(tokens: int, seconds: float) -> float:
    return tokens / seconds if seconds > 0 else 0.0


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()
    os.environ["COMPANION_HOME"] = tempfile.mkdtemp(prefix="companion-bench-")
    os.environ.pop("COMPANION_MODEL", None)

    from companion.core.config import Settings, load_settings
    from companion.core.llm.backend import GenerationStats
    from companion.core.llm.context import system_text
    from companion.core.llm.decoding import Decoding, ReplyFilter, chat_decoding
    from companion.core.llm.engine import Engine, load_engine
    from companion.core.llm.guarded import GuardedReply
    from companion.core.llm.session import ChatSession, ReplyDone, SessionOptions
    from companion.core.store import open_db

    base = load_settings()
    settings = Settings(n_ctx=2048, temperature=0.0, n_threads=base.n_threads)
    engine = load_engine(settings=settings)
    assert isinstance(engine, Engine)
    llm: Any = engine._llm
    chat = [
        {"role": "system", "content": system_text("", "")},
        {"role": "user", "content": MESSAGE},
    ]
    tokens = engine.tokenize_messages(chat)
    n = args.max_tokens
    # every layer writes the same n tokens: no cap by sentences, no loop stop, no EOS stop
    decoding = replace(
        chat_decoding(engine.parameters, 400),
        max_tokens=n,
        max_sentences=None,
        stop_loops=False,
        drop_persona_claims=False,
    )
    print(f"model {engine.name}, threads {engine.n_threads}, {n} tokens, {args.rounds} rounds")

    import companion.core.llm.decoding as decoding_module

    def raw(app_sampler: bool, top_k_first: bool = True) -> float:
        llm._companion_dry = decoding if app_sampler else None
        decoding_module.TOP_K_FIRST = top_k_first
        first = 0.0
        count = 0
        for chunk in llm.create_completion(
            tokens,
            max_tokens=n,
            temperature=0.0,
            top_p=0.95,
            top_k=40,
            min_p=0.05,
            repeat_penalty=decoding.repeat_penalty if app_sampler else 1.0,
            seed=0,
            stream=True,
        ):
            if not first:
                first = time.perf_counter()
            count += 1 if chunk["choices"][0]["text"] else 0
        llm._companion_dry = None
        decoding_module.TOP_K_FIRST = True
        return _tps(count - 1, time.perf_counter() - first)

    def through_engine(dec: Decoding | None) -> float:
        stats = GenerationStats()
        for _ in engine.stream_chat(
            chat, max_tokens=n, temperature=0.0, seed=0, stats=stats, decoding=dec
        ):
            pass
        return stats.gen_tps

    db = open_db()

    def session() -> float:
        import companion.core.llm.session as session_module

        original = session_module.chat_decoding
        session_module.chat_decoding = lambda parameters, max_reply_tokens=400: decoding
        try:
            s = ChatSession(
                db, engine, options=SessionOptions(temperature=0.0, seed=0, max_reply_tokens=n)
            )
            done = [e for e in s.send(MESSAGE) if isinstance(e, ReplyDone)][-1]
        finally:
            session_module.chat_decoding = original
        return done.stats.gen_tps

    layers = {
        "raw": lambda: raw(False),
        "raw_app_sampler": lambda: raw(True),
        "raw_app_sampler_vocab": lambda: raw(True, top_k_first=False),
        "engine_plain": lambda: through_engine(None),
        "engine_decoding": lambda: through_engine(decoding),
        "session": session,
    }
    for layer in layers.values():  # warm up: the prompt is in the KV cache from here on
        layer()
    results: dict[str, list[float]] = {name: [] for name in layers}
    for _ in range(args.rounds):
        for name, layer in layers.items():
            results[name].append(layer())
    medians = {name: statistics.median(values) for name, values in results.items()}
    raw_tps = medians["raw"]
    print(f"\n{'layer':<16} {'tok/s':>7} {'vs raw':>7}")
    for name, value in medians.items():
        print(f"{name:<16} {value:>7.2f} {value / raw_tps if raw_tps else 0:>7.3f}")

    # the text filter and the guard alone, on the reply the model wrote
    reply = "".join(engine.stream_chat(chat, max_tokens=n, temperature=0.0, seed=0))
    ids = llm.tokenize(reply.encode(), add_bos=False)
    pieces = [llm.detokenize([i]).decode("utf-8", "replace") for i in ids]
    costs: dict[str, float] = {}
    for name, dec in (
        ("filter_chat_us", chat_decoding(engine.parameters, 400)),
        ("filter_helper_us", Decoding(max_tokens=400)),
    ):
        best = float("inf")
        for _ in range(20):
            shaper = ReplyFilter(dec)
            start = time.perf_counter()
            for piece in pieces:
                shaper.feed(piece)
            shaper.finish(None)
            best = min(best, time.perf_counter() - start)
        costs[name] = best / max(len(pieces), 1) * 1e6
    best = float("inf")
    for _ in range(20):
        guarded = GuardedReply()
        start = time.perf_counter()
        for piece in pieces:
            guarded.add(piece)
        guarded.check(guarded.text)
        best = min(best, time.perf_counter() - start)
    costs["guard_us"] = best / max(len(pieces), 1) * 1e6
    token_us = 1e6 / raw_tps if raw_tps else 0.0
    print(f"\none token of raw generation: {token_us:.0f} us")
    for name, value in costs.items():
        print(
            f"{name} per token: {value:.1f} us ({value / token_us:.2%} of a token)"
            if token_us
            else f"{name}: {value:.1f} us"
        )
    if args.json:
        args.json.write_text(json.dumps({"medians": medians, "rounds": results, **costs}, indent=2))
        print(f"wrote {args.json}")
    db.close()
    engine.close()


if __name__ == "__main__":
    main()
