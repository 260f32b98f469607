"""`companion model recommend`: models that suit this machine's memory, and how to get them."""

from __future__ import annotations

from typing import Annotated

import typer

from companion.ui.cli._common import console, literal, print_json

FIT_WORDS = {
    "fits": "fits",
    "tight": "fits this machine, but not in the memory free now",
    "too big": "needs more RAM than this machine has",
}


def recommend(
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
    show_all: Annotated[
        bool, typer.Option("--all", help="Also list models too big for this machine.")
    ] = False,
) -> None:
    """Chat models that suit this machine's RAM: download size, licence, what the fitness
    check expects, and the command to pull each (sizes are approximate)."""
    from companion.core.config import ConfigError, load_settings
    from companion.core.llm.models import available_models
    from companion.core.llm.recommend import (
        FITNESS_EXPECTATION,
        memory_line,
        read_memory,
        suggestions,
    )

    memory = read_memory()
    try:
        installed = {str(row["name"]) for row in available_models(load_settings())}
    except ConfigError:
        installed = set()
    rows = []
    for item in suggestions():
        fit = item.fit(memory)
        rows.append(
            {
                "name": item.name,
                "params": item.params,
                "file_gb_approx": item.file_gb,
                "min_ram_gb_approx": item.min_ram_gb,
                "licence": item.licence,
                "fit": fit,
                "small": item.small,
                "installed": item.embedded or item.stem in installed,
                "pull": item.pull_command,
            }
        )
    if as_json:
        print_json({"total_ram": memory.total, "available_ram": memory.available, "models": rows})
        return
    console.print(literal(memory_line(memory)))
    console.print(literal(FITNESS_EXPECTATION, "dim"))
    for row in rows:
        if row["fit"] == "too big" and not show_all:
            continue
        marks = []
        if row["small"]:
            marks.append("small, comes with companion")
        elif row["installed"]:
            marks.append("installed")
        marks.append(FIT_WORDS[str(row["fit"])])
        console.print(
            literal(
                f"\n{row['name']} ({row['params']}): about {row['file_gb_approx']} GB download, "
                f"{row['min_ram_gb_approx']} GB RAM or more; {row['licence']} ({'; '.join(marks)})",
                "bold",
            )
        )
        if row["pull"] and not row["installed"]:
            console.print(literal(f"  {row['pull']}"))
