"""`companion model check [NAME]`: the fitness probes on a model, stored per model file or server."""

from __future__ import annotations

from typing import Annotated

import typer

from companion.ui.cli._common import console, err_console, fail, literal, print_json, store


def register(app: typer.Typer) -> None:
    from companion.ui.cli.model import model_app

    model_app.command("check")(check)


def check(
    name: Annotated[
        str | None, typer.Argument(help="Model name or path (default: in use).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON instead of text.")] = False,
) -> None:
    """Run the fixed, offline fitness probes (instruction following, honesty, faithfulness,
    safety) on a model, store the result for its file (or server and model id), and say which features it may run."""
    from companion.core.flows.fitness import run_fitness_check
    from companion.core.llm import ModelUnavailable, load_engine
    from companion.core.llm.fitness import FALLBACK, FEATURE_CHECKS

    try:
        engine = load_engine(name)
    except ModelUnavailable as error:
        fail(str(error))
    with store() as db:
        if not as_json:
            err_console.print(literal(f"Checking {engine.name} (this can take a few minutes)..."))

        def progress(step: str) -> None:
            if not as_json:
                err_console.print(literal(f"  {step}", "dim"))

        report = run_fitness_check(engine, db=db, progress=progress)
    engine.close()
    if as_json:
        print_json(report.to_dict())
        return
    for check_name, passed in report.passed.items():
        console.print(literal(f"{check_name}: {'passed' if passed else 'FAILED'}"))
        for probe in report.probes:
            if probe.check == check_name and not probe.passed:
                console.print(literal(f"  - {probe.probe}: {'; '.join(probe.problems)}"))
    for feature in FEATURE_CHECKS:
        verdict = "uses the model" if report.allows(feature) else FALLBACK[feature]
        console.print(literal(f"{feature}: {verdict}"))
    key = report.sha256
    shown = key if key.startswith("server:") else f"{key[:12]}..."
    console.print(literal(f"Stored for {shown} ({engine.name})."))
