"""Benchmark chat with the embedded model: the app (TUI headless) against raw llama-cpp-python.

    uv run python bench/chat.py [--turns 20] [--max-tokens 64] [--json FILE]

A scripted conversation at fixed settings (greedy, n_ctx 4096, the same sampling parameters),
run three ways in one process, each reporting per turn: time to first token, generation tokens
per second and prompt tokens evaluated:

1. raw: ``Llama.create_chat_completion(stream=True)`` on the same messages, no UI;
2. app: the real path a person uses, the Textual app running headless (``run_test``) with the
   replies streaming into the chat screen, so interface overhead is counted;
3. app with prefix reuse defeated (the KV cache is cleared before every turn).

Raw and app turns are interleaved (raw turn i, then app turn i) so both see the same machine
load; on a shared machine the figures still move between runs.

Then a resumed conversation: the KV cache is cleared, the saved state restored, one more turn.
Also printed: the UI thread's CPU while streaming (share of one core) and the resident memory
after the conversation against model file + KV cache + 200 MB: measured in a separate process
that runs only the app with prefix reuse (the path a person uses; the raw model would otherwise
share the process), with the no-reuse pass's figure beside it as the worst case (llama.cpp keeps
more native memory when the whole prompt is evaluated again every turn). Nothing is asserted;
``--json`` writes every figure, including ``gen_tps_ratio_vs_raw`` (app / raw, medians),
``gen_tps_ratio_paired_median`` (the median of the per-turn app / raw ratios) and
``ttft_last_over_first`` (app turn N / turn 1) and ``first_over_follow_up`` (app turn 1, which
starts with an empty KV cache as after a fresh start, over the median follow-up turn).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

SCRIPT = [
    "Hi. I've been feeling stressed about work lately.",
    "My manager gave me a big project and I keep thinking I'll mess it up.",
    "I guess the thought is: if this goes wrong, everyone will see I'm not good enough.",
    "I'd rate how much I believe it at about 80 out of 100.",
    "Evidence for it: I missed a deadline last month.",
    "Evidence against: my last review was good and my team asks me for help.",
    "That's true. I also finished two projects on time this year.",
    "What could a more balanced way of seeing it be?",
    "Maybe: one missed deadline doesn't mean I'm not good enough.",
    "I believe that one at maybe 50 out of 100.",
    "I've also been sleeping badly, waking up at 4am thinking about it.",
    "I usually scroll on my phone when I can't sleep.",
    "Could I try writing the worry down instead?",
    "I could also plan the first step of the project tomorrow morning.",
    "The first step is listing what the project needs.",
    "I feel a bit calmer now, maybe 40 out of 100 stressed.",
    "I'd like to tell my partner how I've been feeling.",
    "What could I say to start that conversation?",
    "Thanks. I'll try that tonight.",
    "Can you remind me what balanced thought we found earlier?",
]


def _median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0


def _rss_bytes() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    return 0


class RawChat:
    """Raw llama-cpp-python: the same system prompt, messages and sampling, no UI."""

    def __init__(
        self, model_path: str, n_ctx: int, threads: int, max_tokens: int, sampler: str = "plain"
    ) -> None:
        from llama_cpp import Llama

        from companion.core.llm.context import system_text
        from companion.core.llm.decoding import chat_decoding, install_dry

        self.llm = Llama(
            model_path, n_ctx=n_ctx, n_threads=threads, n_threads_batch=threads, verbose=False
        )
        self.repeat_penalty = 1.0
        if sampler == "app":  # the app's sampler chain: repeat penalty + DRY (decoding.py)
            install_dry(self.llm)
            decoding = chat_decoding(0)
            self.llm._companion_dry = decoding  # type: ignore[attr-defined]
            self.repeat_penalty = decoding.repeat_penalty
        self.max_tokens = max_tokens
        self.messages: list[dict[str, str]] = [{"role": "system", "content": system_text("", "")}]

    def turn(self, text: str) -> dict[str, float]:
        llm = self.llm
        self.messages.append({"role": "user", "content": text})
        start = time.perf_counter()
        first = 0.0
        pieces = []
        for chunk in llm.create_chat_completion(
            messages=self.messages,  # type: ignore[arg-type]
            max_tokens=self.max_tokens,
            temperature=0.0,
            top_p=0.95,
            top_k=40,
            min_p=0.05,
            repeat_penalty=self.repeat_penalty,
            seed=0,
            stream=True,
        ):
            delta = chunk["choices"][0]["delta"].get("content")  # type: ignore[index,union-attr]
            if delta:
                if not first:
                    first = time.perf_counter()
                pieces.append(delta)
        end = time.perf_counter()
        reply = "".join(pieces).strip()
        tokens = len(llm.tokenize(reply.encode(), add_bos=False, special=False))
        gen_s = end - first if first else 0.0
        self.messages.append({"role": "assistant", "content": reply})
        return {
            "ttft_s": (first or end) - start,
            "gen_tps": tokens / gen_s if gen_s else 0.0,
            "completion_tokens": tokens,
        }

    def close(self) -> None:
        self.llm.close()


async def run_app(
    turns: int,
    max_tokens: int,
    n_ctx: int,
    *,
    reuse: bool,
    resume: bool,
    raw: RawChat | None = None,
) -> dict[str, Any]:
    """The Textual app headless: type each message into the chat screen, wait for the reply."""
    from companion.core.config import Settings, load_settings
    from companion.core.llm.session import delete_state
    from companion.core.llm.shared import shared_engine
    from companion.core.store.conversations import list_conversations, list_messages
    from companion.ui.tui.app import CompanionApp
    from companion.ui.tui.screens.chat import ChatScreen

    threads = load_settings().n_threads  # the same threads as the raw pass (0: physical cores)
    settings = Settings(
        n_ctx=n_ctx, temperature=0.0, max_reply_tokens=max_tokens, n_threads=threads
    )
    app = CompanionApp(settings=settings, skip_first_run=True)
    result: dict[str, Any] = {"turns": [], "raw": []}
    async with app.run_test(size=(110, 35)) as pilot:
        app.action_open("chat")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ChatScreen)
        while not (screen.engine_name or screen.engine_error):
            await pilot.pause(0.05)
        if screen.engine_error:
            raise SystemExit(screen.engine_error)
        engine = shared_engine(settings)
        await pilot.press("ctrl+n")  # a new conversation

        async def turn(text: str) -> dict[str, float]:
            screen.chat_input.load_text(text)
            wall0, cpu0 = time.perf_counter(), time.thread_time()
            await pilot.press("enter")
            while screen.busy:  # a person waiting: no extra work for the UI thread
                await asyncio.sleep(0.05)
            wall, cpu = time.perf_counter() - wall0, time.thread_time() - cpu0
            cid = list_conversations(app.db)[0].id
            reply = list_messages(app.db, cid)[-1]
            gen_s = (reply.gen_ms or 0) / 1000
            reused = int(reply.meta.get("reused_tokens", 0))
            return {
                "ttft_s": (reply.ttft_ms or 0) / 1000,
                "gen_tps": (reply.completion_tokens or 0) / gen_s if gen_s else 0.0,
                "completion_tokens": reply.completion_tokens or 0,
                "prompt_tokens": reply.prompt_tokens or 0,
                "evaluated_tokens": (reply.prompt_tokens or 0) - reused,
                "ui_cpu_share": cpu / wall if wall else 0.0,
            }

        engine.reset()  # turn 1 starts cold, as after a fresh start
        for text in SCRIPT[:turns]:
            if raw is not None:  # interleaved, so both see the same machine load
                result["raw"].append(raw.turn(text))
            if not reuse:
                engine.reset()
                if screen.conversation_id is not None:  # and no saved state to restore
                    delete_state(screen.conversation_id)
            result["turns"].append(await turn(text))
        result["rss_bytes"] = _rss_bytes()
        if resume:
            # a restart: empty KV cache, a fresh screen on the same conversation
            engine.reset()
            cid = list_conversations(app.db)[0].id
            app.pop_screen()
            await pilot.pause()
            app.push_screen(ChatScreen(cid))
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ChatScreen)
            while not screen.engine_name:
                await pilot.pause(0.05)
            result["resumed"] = await turn("I'm back. Where did we leave off?")
    return result


def _memory(args: argparse.Namespace) -> int:
    """Resident memory of the app alone after the conversation (with reuse), in a fresh process."""
    command = [sys.executable, __file__, "--memory-probe", "--turns", str(args.turns)]
    command += ["--max-tokens", str(args.max_tokens), "--n-ctx", str(args.n_ctx)]
    if args.flush is not None:
        command += ["--flush", str(args.flush)]
    done = subprocess.run(command, capture_output=True, text=True, check=True)
    return int(json.loads(done.stdout.strip().splitlines()[-1])["rss_bytes"])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawTextHelpFormatter
    )
    parser.add_argument("--turns", type=int, default=20)
    parser.add_argument("--max-tokens", type=int, default=64)
    parser.add_argument("--n-ctx", type=int, default=4096)
    parser.add_argument("--json", type=Path, help="write the figures to this file")
    parser.add_argument(
        "--flush", type=float, default=None, help="override the chat screen's flush interval (s)"
    )
    parser.add_argument(
        "--raw-sampler",
        choices=["plain", "app"],
        default="plain",
        help="raw pass sampler: the library's plain one (default) or the app's repeat penalty "
        "+ DRY, which isolates the app's own overhead from the cost of repetition control",
    )
    parser.add_argument("--memory-probe", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.flush is not None:
        import companion.ui.tui.screens.chat_work as chat_work

        chat_work.FLUSH_SECONDS = args.flush
    os.environ["COMPANION_HOME"] = tempfile.mkdtemp(prefix="companion-bench-")
    os.environ.pop("COMPANION_MODEL", None)
    if args.memory_probe:  # the child process of _memory(): the app alone, with reuse
        probe = asyncio.run(
            run_app(args.turns, args.max_tokens, args.n_ctx, reuse=True, resume=False)
        )
        print(json.dumps({"rss_bytes": probe["rss_bytes"]}))
        return

    from companion.core.llm.engine import physical_cores
    from companion.core.llm.gguf import read_gguf
    from companion.core.llm.models import resolve_model

    ref = resolve_model()
    info = read_gguf(ref.path)
    from companion.core.config import load_settings

    threads = load_settings().n_threads or physical_cores()  # COMPANION_N_THREADS on a busy host
    turns = min(args.turns, len(SCRIPT))
    print(
        f"model {ref.name} ({info.file_size / 1e6:.0f} MB), n_ctx {args.n_ctx}, threads {threads}, "
        f"{turns} turns, max {args.max_tokens} tokens, greedy, raw sampler {args.raw_sampler}"
    )

    rss = _memory(args)
    # the no-reuse pass first, so its resident memory is the app's alone (no raw model yet)
    cold = asyncio.run(run_app(turns, args.max_tokens, args.n_ctx, reuse=False, resume=False))
    raw = RawChat(str(ref.path), args.n_ctx, threads, args.max_tokens, args.raw_sampler)
    app = asyncio.run(run_app(turns, args.max_tokens, args.n_ctx, reuse=True, resume=True, raw=raw))
    raw.close()
    del raw
    raw_rows = app["raw"]

    print(
        f"\n{'turn':>4} | {'raw ttft':>8} {'raw tps':>7} | {'app ttft':>8} {'app tps':>7} {'eval':>5} "
        f"{'ui cpu':>6} | {'no-reuse ttft':>13} {'eval':>5}"
    )
    for i in range(turns):
        r = raw_rows[i]["ttft_s"], raw_rows[i]["gen_tps"]
        a, c = app["turns"][i], cold["turns"][i]
        print(
            f"{i + 1:>4} | {r[0]:>8.3f} {r[1]:>7.1f} | {a['ttft_s']:>8.3f} {a['gen_tps']:>7.1f} "
            f"{a['evaluated_tokens']:>5} {a['ui_cpu_share']:>6.1%} | {c['ttft_s']:>13.3f} "
            f"{c['evaluated_tokens']:>5}"
        )

    raw_tps = _median([row["gen_tps"] for row in raw_rows])
    app_tps = _median([row["gen_tps"] for row in app["turns"]])
    app_ttft = [row["ttft_s"] for row in app["turns"]]
    cold_ttft = [row["ttft_s"] for row in cold["turns"]]
    follow_up = _median(app_ttft[1:])
    kv = info.kv_cache_bytes(args.n_ctx)
    budget = info.file_size + kv + 200 * 1024 * 1024
    figures = {
        "model": ref.name,
        "turns": turns,
        "max_tokens": args.max_tokens,
        "n_ctx": args.n_ctx,
        "threads": threads,
        "flush_s": args.flush,
        "raw_sampler": args.raw_sampler,
        "raw_gen_tps_median": round(raw_tps, 2),
        "app_gen_tps_median": round(app_tps, 2),
        "gen_tps_ratio_vs_raw": round(app_tps / raw_tps, 3) if raw_tps else None,
        # the same, turn by turn (raw turn i and app turn i run back to back, so they see the
        # same machine load), then the median: steadier than the ratio of medians on a busy host
        "gen_tps_ratio_paired_median": round(
            _median(
                [
                    a["gen_tps"] / r["gen_tps"]
                    for a, r in zip(app["turns"], raw_rows, strict=True)
                    if r["gen_tps"]
                ]
            ),
            3,
        ),
        "raw_ttft_median_s": round(_median([row["ttft_s"] for row in raw_rows]), 4),
        "app_ttft_first_s": round(app_ttft[0], 4),
        "app_ttft_last_s": round(app_ttft[-1], 4),
        "ttft_last_over_first": round(app_ttft[-1] / app_ttft[0], 3) if app_ttft[0] else None,
        "app_ttft_follow_up_median_s": round(follow_up, 4),
        # the first reply of a conversation (cold KV cache, as after a start) / a follow-up
        "first_over_follow_up": round(app_ttft[0] / follow_up, 3) if follow_up else None,
        "no_reuse_ttft_first_s": round(cold_ttft[0], 4),
        "no_reuse_ttft_last_s": round(cold_ttft[-1], 4),
        "no_reuse_ttft_last_over_first": round(cold_ttft[-1] / cold_ttft[0], 3)
        if cold_ttft[0]
        else None,
        "resumed_ttft_s": round(app["resumed"]["ttft_s"], 4),
        "resumed_over_follow_up": round(app["resumed"]["ttft_s"] / follow_up, 3)
        if follow_up
        else None,
        "resumed_evaluated_tokens": app["resumed"]["evaluated_tokens"],
        "ui_cpu_share_median": round(_median([row["ui_cpu_share"] for row in app["turns"]]), 4),
        "rss_bytes": rss,
        "rss_budget_bytes": budget,
        "rss_within_budget": rss <= budget,
        "rss_no_reuse_bytes": cold["rss_bytes"],
        "per_turn": {"raw": raw_rows, "app": app["turns"], "no_reuse": cold["turns"]},
    }
    print()
    for key, value in figures.items():
        if key != "per_turn":
            print(f"{key}: {value}")
    print(
        "targets: gen_tps_ratio_vs_raw >= 0.95, ttft_last_over_first <= 1.3, first_over_follow_up <= 1.5, "
        "resumed_over_follow_up <= 2, ui_cpu_share < 25%, rss within budget"
    )
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
        print(f"wrote {args.json}")


if __name__ == "__main__":
    main()
