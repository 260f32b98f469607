"""The headless core: everything both front ends use, with no Textual, Typer or Rich console.

Layers, lowest first (import-linter contracts in pyproject.toml, docs/ARCHITECTURE.md): the
modules clock, config, paths, emotions, crash, textfmt; store; safety; llm; exercises;
insights; flows. A package may import the ones below it, never those above.
"""
