"""`companion model add --server URL --name NAME`: a model server the person already runs."""

from __future__ import annotations

import shlex

from companion.ui.cli._common import console, err_console, fail, literal


def add_server(url: str, name: str | None, model_id: str, allow_lan: bool, n_ctx: int) -> None:
    """Check the address and the server, save it as a model and say what that means."""
    from companion.core.llm import ModelUnavailable
    from companion.core.llm.remote import register_server
    from companion.core.llm.servers import LAN_WARNING, classify, resolve

    if not name:
        fail("Give the server a name with --name, e.g. --name home-qwen.")
    try:
        spec = register_server(url, name, model_id=model_id, allow_lan=allow_lan, n_ctx=n_ctx)
    except ModelUnavailable as error:
        fail(str(error))
    on_lan = allow_lan and any(classify(a) == "lan" for a in resolve(spec.host, spec.port))
    if on_lan:
        err_console.print(literal(LAN_WARNING.format(host=spec.host), "bold"))
    where = "another machine on your network" if on_lan else "this machine"
    model = f"model {spec.model_id!r}" if spec.model_id else "its model"
    console.print(
        literal(
            f"Added {spec.name!r}: {model} at {spec.url} ({where}). Chat text goes to that "
            "server; token counts are estimated unless the server reports them. "
            f"Use it with: companion model use {shlex.quote(spec.name)}"
        )
    )
