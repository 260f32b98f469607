"""The command palette offers every action: each screen's own bindings and the app-wide ones.

The walk opens every screen the app can show and fails when one of its bindings (the keys a
person sees in the footer, or could) has no palette entry with the same name.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from companion.core.store import journal
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.commands import PLUMBING
from companion.ui.tui.routes import ROUTES
from companion.ui.tui.screens.entry_view import EntryViewScreen
from tests.tui_helpers import make_app


def titles(app: CompanionApp) -> list[str]:
    return [command.title for command in app.get_system_commands(app.screen)]


def own_bindings(screen: Screen[Any]) -> list[Binding]:
    found = []
    for node in [screen, *screen.query("*")]:
        if not type(node).__module__.startswith("companion."):
            continue
        for binding in type(node).__dict__.get("BINDINGS", []):  # its own, not inherited
            if isinstance(binding, Binding) and binding.description and binding.id not in PLUMBING:
                found.append(binding)
    return found


async def _settle(pilot: Any) -> None:
    for _ in range(4):
        await pilot.pause()


def _openers(app: CompanionApp) -> list[tuple[str, Any]]:
    entry = journal.add_entry(app.db, "A walk by the river")
    openers: list[tuple[str, Any]] = [(key, lambda key=key: app.action_open(key)) for key in ROUTES]
    for name in ("thought_record", "worry_time"):
        openers.append((name, lambda name=name: app.start_exercise(name)))
    openers.append(
        (
            "entry_view",
            lambda: app.push_screen(EntryViewScreen(entry.id)),
        )
    )
    openers.append(("help_now", app.action_help_now))
    return openers


async def test_every_binding_on_every_screen_has_a_palette_entry() -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await _settle(pilot)
        missing: list[str] = []
        for name, open_it in _openers(app):
            while len(app.screen_stack) > 2:
                app.pop_screen()
                await _settle(pilot)
            open_it()
            await _settle(pilot)
            offered = set(titles(app))
            named = {action for _, _, action in getattr(app.screen, "PALETTE", ())}
            for binding in own_bindings(app.screen):
                if binding.description not in offered and binding.action not in named:
                    missing.append(f"{name}: {binding.key} {binding.description!r}")
        assert not missing, "no palette entry for: " + "; ".join(missing)


@pytest.mark.parametrize(
    ("where", "query", "expected"),
    [
        (None, "thought", "Exercise: Thought record"),
        (None, "new chat", "New chat"),
        (None, "personal context", "Personal context"),
        (None, "weekly reflection", "Weekly reflection"),
        (None, "export", "Export your data (Markdown)"),
        (None, "country", "Country for helplines"),
        (None, "theme", "Theme: switch light/dark"),
        (None, "history", "Exercise history"),
        ("chat", "regen", "Regenerate"),
        ("chat", "rename", "Rename"),
        ("new_entry", "discard", "Discard draft"),
    ],
)
async def test_the_palette_finds_what_people_type(
    where: str | None, query: str, expected: str
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await _settle(pilot)
        if where:
            app.action_open(where)
            await _settle(pilot)
        await pilot.press("ctrl+p")
        await _settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*query)
        for _ in range(40):
            await pilot.pause(0.05)
            shown = [str(o.prompt) for o in app.screen.query_one("CommandList").options]  # type: ignore[attr-defined]
            if any(expected in text for text in shown):
                break
        assert any(expected in text for text in shown), shown


async def test_discard_from_anywhere_names_each_draft_and_asks() -> None:
    from companion.core.store import drafts
    from companion.core.store import exercise_records as records
    from companion.ui.tui.modals.confirm import ConfirmScreen

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await _settle(pilot)
        drafts.save_draft(app.db, "journal:new", "half a thought")
        record = records.start_exercise(app.db, "thought_record")
        drafts.save_draft(app.db, f"exercise:{record.id}:situation", "typed")
        offered = titles(app)
        assert "Discard draft: new journal entry" in offered
        label = next(t for t in offered if t.startswith("Discard draft: Thought record of "))
        command = next(c for c in app.get_system_commands(app.screen) if c.title == label)
        command.callback()
        await _settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await _settle(pilot)
        assert records.list_exercises(app.db) == []
        assert drafts.load_draft(app.db, f"exercise:{record.id}:situation") is None
        assert drafts.load_draft(app.db, "journal:new") == "half a thought"
