"""Start-up paths of the TUI: an encrypted journal asks for its passphrase; a corrupt one offers
the latest good backup and never overwrites the damaged file."""

from __future__ import annotations

from textual.widgets import Input

from companion.core import paths
from companion.core.store import journal, open_db
from companion.ui.tui.modals.recover import RecoverScreen
from companion.ui.tui.modals.unlock import UnlockScreen
from companion.ui.tui.screens.home import HomeScreen
from tests.tui_helpers import make_app


async def test_encrypted_database_asks_for_the_passphrase_then_opens() -> None:
    from companion.core.store.crypto import encrypt_database

    db = open_db()
    journal.add_entry(db, "locked away")
    db.close()
    encrypt_database(paths.db_path(), "correct horse")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        await pilot.press(*"wrong", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, UnlockScreen)
        field = app.screen.query_one(Input)
        field.disabled = False
        field.value = ""
        field.focus()
        await pilot.press(*"correct horse", "enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert journal.list_entries(app.db)[0].body == "locked away"


async def test_corrupt_database_offers_recovery_and_keeps_the_file() -> None:
    home = paths.data_dir()
    home.mkdir(parents=True)
    garbage = b"not a database at all" * 50
    paths.db_path().write_bytes(garbage)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, RecoverScreen)
    kept = [p for p in home.iterdir() if p.is_file() and p.read_bytes() == garbage]
    assert kept, "the damaged file must stay on disk"


async def test_daily_backup_runs_in_the_background_after_start(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import companion.ui.tui.app as app_module
    from companion.core.store.backup import list_backups

    monkeypatch.setattr(app_module, "BACKUP_DELAY", 0.05)
    db = open_db()
    journal.add_entry(db, "worth keeping")
    db.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.3)
        await app.workers.wait_for_complete()
    assert len(list_backups()) == 1
