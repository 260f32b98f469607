"""Benchmark the embedded model in-process against the same model behind a local server.

    uv run python bench/server.py [--turns 6] [--max-tokens 64] [--threads N] [--json FILE]

Starts llama-cpp-python's OpenAI-compatible server (``python -m llama_cpp.server``) on
127.0.0.1 with the embedded SmolLM2-135M and the same thread count, then runs the same messages
(greedy, seed 0) through both backends of the app, alternating turn by turn so both see the same
machine load: ``Engine.stream_chat`` (in-process) and ``RemoteEngine.stream_chat`` (the server,
SSE over loopback). Tokens are counted with the model's own tokenizer for both (the server sends
no usage while streaming). Prints per backend the medians of time to first token and generation
tokens per second, and the ratio server / in-process. Nothing is asserted; on a shared machine
the figures move between runs, the ratio less so.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

MESSAGES = [
    "I had a long day at work and feel tense. One idea to unwind?",
    "My friend didn't text back and I think she is angry with me.",
    "I finished a small task I had put off for weeks.",
    "How do I notice a thinking trap when it happens?",
    "I can't sleep because I keep going over a meeting.",
    "What is one thing I could try tomorrow morning?",
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--turns", type=int, default=6)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--json", type=Path)
    parser.add_argument(
        "--threads", type=int, default=0, help="for both backends (0: physical cores)"
    )
    args = parser.parse_args()

    os.environ["COMPANION_HOME"] = tempfile.mkdtemp(prefix="bench-server-")
    from companion.core.config import Settings
    from companion.core.llm import GenerationStats, load_engine, render_prompt
    from companion.core.llm.models import EMBEDDED_NAME, ModelRef
    from companion.core.llm.remote import RemoteEngine
    from companion.core.llm.servers import ServerSpec
    from tests.server_helpers import llama_server

    settings = Settings(n_ctx=2048, n_threads=args.threads)
    local = load_engine(EMBEDDED_NAME, settings)
    threads = getattr(local, "n_threads", 1)
    system = render_prompt("system")
    figures: dict[str, list[dict[str, float]]] = {"in_process": [], "server": []}
    log = Path(os.environ["COMPANION_HOME"]) / "server.log"
    started = time.perf_counter()
    with llama_server(log, n_ctx=2048, n_threads=threads) as server:
        start_s = time.perf_counter() - started
        spec = ServerSpec("bench", server.url, "bench", False, 2048)
        remote = RemoteEngine(spec, ModelRef("bench", log, "flag", spec), 2048)
        for turn in range(args.turns):
            chat = [
                {"role": "system", "content": system},
                {"role": "user", "content": MESSAGES[turn % len(MESSAGES)]},
            ]
            for name, engine in (("in_process", local), ("server", remote)):
                stats = GenerationStats()
                began = time.perf_counter()
                text = "".join(
                    engine.stream_chat(
                        chat, max_tokens=args.max_tokens, temperature=0.0, seed=0, stats=stats
                    )
                )
                total_s = time.perf_counter() - began
                tokens = local.count_tokens(text)
                gen_tps = (tokens - 1) / stats.gen_s if stats.gen_s > 0 and tokens > 1 else 0.0
                figures[name].append(
                    {
                        "ttft_s": stats.ttft_s or 0.0,
                        "gen_tps": gen_tps,
                        "total_s": total_s,
                        "tokens": tokens,
                    }
                )
    local.close()
    result: dict[str, Any] = {"threads": threads, "server_start_s": round(start_s, 2)}
    for name, rows in figures.items():
        result[name] = {
            key: round(statistics.median(r[key] for r in rows), 3)
            for key in ("ttft_s", "gen_tps", "total_s", "tokens")
        }
    result["gen_tps_ratio_server_vs_in_process"] = round(
        result["server"]["gen_tps"] / result["in_process"]["gen_tps"], 3
    )
    result["ttft_ratio_server_vs_in_process"] = round(
        result["server"]["ttft_s"] / result["in_process"]["ttft_s"], 3
    )
    print(f"threads {threads}; server started in {start_s:.1f} s; {args.turns} turns each")
    for name in ("in_process", "server"):
        row = result[name]
        print(
            f"{name:>10}: ttft {row['ttft_s']:.3f} s, {row['gen_tps']:.1f} tok/s, "
            f"{row['tokens']:.0f} tokens, {row['total_s']:.2f} s a reply (medians)"
        )
    print(
        f"server / in-process: generation {result['gen_tps_ratio_server_vs_in_process']:.2f}x, "
        f"first token {result['ttft_ratio_server_vs_in_process']:.2f}x"
    )
    if args.json:
        args.json.write_text(json.dumps({**result, "runs": figures}, indent=2))


if __name__ == "__main__":
    main()
