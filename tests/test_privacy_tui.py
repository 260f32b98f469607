"""The unlock and recover screens, driven with Pilot inside a tiny host app."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets import Static

from companion.core import paths
from companion.core.store import backup, crypto, journal
from companion.core.store.db import CorruptDatabaseError, open_db
from companion.ui.tui.modals.recover import RecoverScreen
from companion.ui.tui.modals.unlock import UnlockScreen
from companion.ui.tui.theme import with_theme_variables

PHRASE = "open sesame please"


class Host(App[None]):
    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.modal = screen
        self.results: list[Any] = []

    def get_css_variables(self) -> dict[str, str]:
        return with_theme_variables(super().get_css_variables())  # the dialogs use theme.tcss

    def on_mount(self) -> None:
        self.push_screen(self.modal, callback=self.results.append)


async def _settle(pilot: Any, app: Host) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_unlock_refuses_a_wrong_passphrase_then_accepts_the_right_one() -> None:
    open_db(passphrase=PHRASE).close()
    app = Host(UnlockScreen(paths.db_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"wrong")
        await pilot.press("enter")
        await _settle(pilot, app)
        assert app.results == []
        error = app.screen.query_one("#unlock-error", Static)
        assert "does not open" in str(error.render())
        await pilot.press(*PHRASE)
        await pilot.press("enter")
        await _settle(pilot, app)
    assert app.results == [PHRASE]
    try:
        open_db().close()  # unlocked for this process: no passphrase needed any more
    finally:
        crypto.lock()


async def test_unlock_escape_means_quit() -> None:
    open_db(passphrase=PHRASE).close()
    app = Host(UnlockScreen(paths.db_path()))
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [""]


def _corrupt_with_backup() -> tuple[CorruptDatabaseError, bytes]:
    db = open_db()
    journal.add_entry(db, "kept safe in a backup")
    backup.backup_now(db, now=datetime(2026, 11, 20, 8, 0, tzinfo=UTC))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    path = paths.db_path()
    data = bytearray(path.read_bytes())
    data[100:] = b"\xa5" * (len(data) - 100)
    path.write_bytes(bytes(data))
    try:
        open_db().close()
    except CorruptDatabaseError as error:
        return error, bytes(data)
    raise AssertionError("the damaged file opened")


async def test_recover_restores_the_latest_good_backup_and_keeps_the_damaged_file() -> None:
    error, damaged = _corrupt_with_backup()
    app = Host(RecoverScreen(error))
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot, app)
        status = str(app.screen.query_one("#recover-status", Static).render())
        assert "2026-11-20 08:00 UTC" in status
        await pilot.click("#recover-restore")
        await pilot.pause()
    assert app.results == [True]
    db = open_db()
    assert [e.body for e in journal.list_entries(db)] == ["kept safe in a backup"]
    db.close()
    aside = [p for p in paths.data_dir().iterdir() if ".corrupt-" in p.name]
    assert [p.read_bytes() for p in aside if not p.name.endswith(("-wal", "-shm"))] == [damaged]


async def test_recover_without_a_backup_offers_an_empty_start_or_quit() -> None:
    error, damaged = _corrupt_with_backup()
    for made in backup.list_backups():
        made.unlink()
    app = Host(RecoverScreen(error))
    async with app.run_test(size=(100, 30)) as pilot:
        await _settle(pilot, app)
        assert "No good backup" in str(app.screen.query_one("#recover-status", Static).render())
        await pilot.press("escape")
        await pilot.pause()
    assert app.results == [False]
    assert Path(paths.db_path()).read_bytes() == damaged  # quitting leaves it untouched
