"""`companion model check` on a model served by llama-cpp-python's own OpenAI-compatible server,
for real, on 127.0.0.1: the same probes run through RemoteEngine, the result is stored under the
server's identity (address + model id), and the features' gates read it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlite_utils import Database
from typer.testing import CliRunner

from companion.core.llm.fitness import FEATURE_CHECKS, feature_gate, server_key, stored_fitness
from companion.core.llm.models import resolve_model
from companion.ui.cli import app
from tests.server_helpers import llama_server

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


def test_model_check_on_a_server_model_stores_its_result_under_the_servers_identity(
    tmp_path: Path, db: Database
) -> None:
    runner = CliRunner()
    with llama_server(tmp_path / "server.log") as server:
        added = runner.invoke(
            app, ["model", "add", "--server", server.url, "--name", "home", "--context", "2048"]
        )
        assert added.exit_code == 0, added.stderr
        ref = resolve_model("home")
        assert ref.server is not None and ref.server.model_id  # the server's only model
        key = server_key(ref.server)
        assert key == f"server:http://127.0.0.1:{server.port}/v1#{ref.server.model_id}"
        for feature in FEATURE_CHECKS:
            assert not feature_gate(db, ref, feature, "home").checked
        checked = runner.invoke(app, ["model", "check", "home", "--json"])
        assert checked.exit_code == 0, checked.stderr
    report = json.loads(checked.stdout)
    assert report["sha256"] == key and report["model"] == "home"
    assert len(report["probes"]) == 12 and all(p["reply"] for p in report["probes"][:2])
    stored = stored_fitness(db, key)
    assert stored is not None and stored.to_dict() == report
    for feature in FEATURE_CHECKS:
        gate = feature_gate(db, ref, feature, "home")
        assert gate.checked and gate.allowed == stored.allows(feature)
