"""`companion model ...`: list, add, use, info, bench and (optional) pull GGUF models."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Annotated

import typer

from companion.ui.cli._common import console, fail, literal, print_json
from companion.ui.cli.model_pull import pull
from companion.ui.cli.model_recommend import recommend

model_app = typer.Typer(help="Choose and inspect the local model.", no_args_is_help=True)

JsonFlag = Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")]


def register(app: typer.Typer) -> None:
    app.add_typer(model_app, name="model")


def _mb(value: int) -> str:
    return f"{value / 1024**2:,.0f} MB"


@model_app.command("list")
def list_models(as_json: JsonFlag = False) -> None:
    """The embedded model, files in the models dir and the configured one (* = in use)."""
    from companion.core.config import ConfigError, load_settings
    from companion.core.llm.models import available_models

    try:
        rows = available_models(load_settings())
    except ConfigError as error:
        fail(str(error))
    if as_json:
        print_json(rows)
        return
    if not rows:
        fail("No models: run `companion model add PATH` with a GGUF file.")
    for row in rows:
        mark = "*" if row["active"] else " "
        where = row.get("url") or row["path"]
        console.print(literal(f"{mark} {row['name']}  ({row['source']})  {where}"))


@model_app.command("add")
def add(
    path: Annotated[Path | None, typer.Argument(help="A GGUF chat model file.")] = None,
    link: Annotated[
        bool, typer.Option("--link", help="Link to the file instead of copying it.")
    ] = False,
    server: Annotated[
        str | None,
        typer.Option(
            "--server",
            help="Instead of a file: an OpenAI-compatible server you run (Ollama, llama-server, "
            "LM Studio), e.g. http://127.0.0.1:11434/v1.",
        ),
    ] = None,
    name: Annotated[str | None, typer.Option("--name", help="With --server: its name.")] = None,
    model_id: Annotated[
        str, typer.Option("--model-id", help="With --server: the server's model name.")
    ] = "",
    allow_lan: Annotated[
        bool,
        typer.Option(
            "--allow-lan",
            help="With --server: allow a machine on your own network (conversation text then "
            "leaves this computer for it). Public addresses are always refused.",
        ),
    ] = False,
    context: Annotated[
        int, typer.Option("--context", help="With --server: its context window (0: n_ctx).")
    ] = 0,
) -> None:
    """Check a GGUF file (header, metadata, chat template) and copy it into the models dir, or
    add a local model server with --server URL --name NAME."""
    from companion.core.llm import ModelUnavailable
    from companion.core.llm.models import add_model

    if server is not None:
        if path is not None:
            fail("Give either a GGUF file or --server, not both.")
        from companion.ui.cli.model_server import add_server

        add_server(server, name, model_id, allow_lan, max(context, 0))
        return
    if path is None:
        fail("Give a GGUF file to add (or --server URL --name NAME for a model server).")
    try:
        ref, info = add_model(path, link=link)
    except ModelUnavailable as error:
        fail(str(error))
    except OSError as error:
        fail(f"Could not add {path}: {error.strerror}.")
    how = "Linked" if link else "Copied"
    console.print(
        literal(
            f"{how} {info.name} ({info.architecture}, {info.quantization}, "
            f"{_mb(info.file_size)}) as {ref.name!r}. Use it with: companion model use {ref.name}"
        )
    )


@model_app.command("use")
def use(name: Annotated[str, typer.Argument(help="A name from `companion model list`.")]) -> None:
    """Make NAME the model for chat (writes `model` in config.toml)."""
    from companion.core.config import ConfigError
    from companion.core.llm import ModelUnavailable
    from companion.core.llm.models import choose_model

    try:
        ref = choose_model(name)
    except (ModelUnavailable, ConfigError) as error:
        fail(str(error))
    where = ref.server.url if ref.server is not None else ref.path
    console.print(literal(f"Chat now uses {ref.name} ({where})."))


def _info_dict(name: str | None, n_ctx: int) -> dict[str, object]:
    from companion.core.llm import ModelUnavailable, resolve_model
    from companion.core.llm.gguf import read_gguf

    try:
        ref = resolve_model(name)
        if ref.server is not None:
            return {
                "name": ref.name,
                "path": str(ref.path),
                "source": ref.source,
                "server": ref.server.url,
                "model_id": ref.server.model_id,
                "allow_lan": ref.server.allow_lan,
                "n_ctx_used": ref.server.n_ctx or n_ctx,
                "token_counts": "from the server's usage when it reports them, else estimated",
            }
        info = read_gguf(ref.path)
    except ModelUnavailable as error:
        fail(str(error))
    context = min(n_ctx, info.context_length or n_ctx)
    return {
        "name": ref.name,
        "path": str(ref.path),
        "source": ref.source,
        "model_name": info.name,
        "architecture": info.architecture,
        "parameters": info.parameters,
        "quantization": info.quantization,
        "context_length": info.context_length,
        "chat_template": info.chat_template is not None,
        "sliding_window": info.sliding_window,
        "file_size": info.file_size,
        "complete": not info.truncated,
        "n_ctx_used": context,
        "estimated_ram": info.estimated_ram(context),
        "license": info.metadata.get("general.license"),
    }


@model_app.command("info")
def info(
    name: Annotated[
        str | None, typer.Argument(help="Model name or path (default: in use).")
    ] = None,
    as_json: JsonFlag = False,
) -> None:
    """Architecture, parameters, quantization, context, chat template, size and RAM estimate,
    read from the GGUF header without loading the weights."""
    from companion.core.config import ConfigError, load_settings

    try:
        n_ctx = load_settings().n_ctx
    except ConfigError as error:
        fail(str(error))
    data = _info_dict(name, n_ctx)
    if as_json:
        print_json(data)
        return
    if "server" in data:
        for key, value in data.items():
            console.print(literal(f"{key.replace('_', ' ')}: {value}"))
        return
    params = int(str(data["parameters"]))
    lines = [
        f"name: {data['name']} ({data['model_name']})",
        f"file: {data['path']}",
        f"architecture: {data['architecture']}",
        f"parameters: {params / 1e6:,.0f} M",
        f"quantization: {data['quantization']}",
        f"context length: {data['context_length']} (used: {data['n_ctx_used']})",
        f"chat template: {'yes' if data['chat_template'] else 'no (cannot be used for chat)'}",
        f"file size: {_mb(int(str(data['file_size'])))}"
        + ("" if data["complete"] else " (TRUNCATED)"),
        f"estimated RAM: {_mb(int(str(data['estimated_ram'])))}",
        f"license: {data['license'] or 'not stated'}",
    ]
    for line in lines:
        console.print(literal(line))


@model_app.command("bench")
def bench(
    name: Annotated[
        str | None, typer.Argument(help="Model name or path (default: in use).")
    ] = None,
    tokens: Annotated[int, typer.Option(help="Tokens to generate.")] = 64,
    as_json: JsonFlag = False,
) -> None:
    """Load time, prompt and generation tokens per second (greedy, fixed prompt)."""
    from companion.core.llm import GenerationStats, ModelUnavailable, load_engine, render_prompt

    start = time.perf_counter()
    try:
        engine = load_engine(name)
    except ModelUnavailable as error:
        fail(str(error))
    load_s = time.perf_counter() - start
    chat = [
        {"role": "system", "content": render_prompt("system")},
        {"role": "user", "content": "Give me one idea for a calm evening, in a few sentences."},
    ]
    stats = GenerationStats()
    for _ in engine.stream_chat(chat, max_tokens=tokens, temperature=0.0, seed=0, stats=stats):
        pass
    prompt_tps = stats.prompt_tokens / stats.ttft_s if stats.ttft_s else 0.0
    data = {
        "model": engine.name,
        "n_threads": engine.n_threads,
        "load_s": round(load_s, 3),
        "prompt_tokens": stats.prompt_tokens,
        "prompt_tps": round(prompt_tps, 1),
        "ttft_s": round(stats.ttft_s or 0.0, 3),
        "completion_tokens": stats.completion_tokens,
        "gen_tps": round(stats.gen_tps, 1),
    }
    if "tokens_estimated" in stats.extra:  # a model server: say where the counts come from
        data["token_counts"] = "estimated" if stats.extra["tokens_estimated"] else "from the server"
    engine.close()
    if as_json:
        print_json(data)
        return
    for key, value in data.items():
        console.print(literal(f"{key}: {value}"))


model_app.command("pull")(pull)
model_app.command("recommend")(recommend)
