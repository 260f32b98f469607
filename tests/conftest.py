"""Every test runs with a private temporary COMPANION_HOME and with network sockets disabled
(pytest-socket, configured in pyproject.toml)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlite_utils import Database


@pytest.fixture(autouse=True)
def companion_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    from companion.core.store import intents

    home = tmp_path / "home"
    monkeypatch.setenv("COMPANION_HOME", str(home))
    for name in ("COMPANION_MODEL", "COMPANION_PASSPHRASE", "COMPANION_COUNTRY"):
        monkeypatch.delenv(name, raising=False)
    yield home
    intents.release_all()  # each test's data folder has its own session lock


@pytest.fixture
def db(companion_home: Path) -> Iterator[Database]:
    from companion.core.store import open_db

    database = open_db()
    yield database
    database.close()


@pytest.fixture
def utc_zone(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Local time is UTC, so local dates and times of day are known (use with usefixtures)."""
    import time

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()
