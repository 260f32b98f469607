"""What the command palette (ctrl+p) offers: every action in the app, by name.

Two kinds: actions that work from anywhere (every screen, every exercise by its title, a new
chat, the personal context, the weekly reflection, export, country, theme, history), and the
actions of the screen the palette was opened on, read from that screen's own key bindings (and
its focused widget's), so a new binding is in the palette without anyone remembering to add it.
tests/test_palette.py walks the screens and fails when an action has no entry.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

if TYPE_CHECKING:
    from companion.ui.tui.app import CompanionApp

#: Bindings that are plumbing, not actions a person looks for by name.
PLUMBING = frozenset({"focus_next", "focus_prev", "exercise_enter", "checkin_next", "journal_down"})


def global_commands(app: CompanionApp) -> Iterator[SystemCommand]:
    from companion.ui.tui.routes import ROUTES

    yield SystemCommand("Help now", "Crisis lines and your safety plan (F1)", app.action_help_now)
    for route in ROUTES.values():
        yield SystemCommand(route.title, route.help, partial(app.action_open, route.key))
    yield from _exercise_commands(app)
    yield SystemCommand(
        "Exercise history", "Every exercise you did or started", partial(app.action_open, "history")
    )
    yield SystemCommand("New chat", "Start a new conversation", partial(_chat, app, "new"))
    yield SystemCommand(
        "Personal context",
        "What the chat model is told about you (F4 in chat)",
        partial(_chat, app, "personal_context"),
    )
    yield SystemCommand(
        "Weekly reflection",
        "A short reflection on this week's figures, by the local model",
        partial(_insights, app, "reflect"),
    )
    yield SystemCommand(
        "Export your data (Markdown)",
        "Write everything to a Markdown file in the exports folder",
        app.action_export,
    )
    yield SystemCommand(
        "Country for helplines", "Which country's crisis lines to show", app.action_choose_country
    )
    yield SystemCommand(
        "Theme: switch light/dark",
        "Switch the colour theme (saved in config.toml)",
        app.action_toggle_dark_theme,
    )
    yield from _discard_commands(app)
    yield SystemCommand("Keys", "Show the keys for this screen (F2 or ?)", app.action_show_keys)
    yield SystemCommand("Quit", "Leave companion (ctrl+q)", app.action_quit)


def screen_commands(app: CompanionApp, screen: Screen[Any]) -> Iterator[SystemCommand]:
    """The actions bound on ``screen`` and its focused widget (companion's own bindings)."""
    seen: set[str] = set()
    # actions the screen already names in its PALETTE (companion.ui.tui.screen_commands)
    named = {action for _, _, action in getattr(screen, "PALETTE", ())}
    for active in screen.active_bindings.values():
        binding, node = active.binding, active.node
        if not type(node).__module__.startswith("companion."):
            continue  # Textual's own widget keys (cursor movement and the like)
        if node is app or binding.id in PLUMBING or not binding.description:
            continue
        if not active.enabled or binding.description in seen or binding.action in named:
            continue
        seen.add(binding.description)
        where = getattr(screen, "TITLE", None) or type(screen).__name__.removesuffix("Screen")
        yield SystemCommand(
            binding.description,
            f"{app.get_key_display(binding)} · {where}",
            partial(_run, app, binding.action, node),
        )


def _run(app: CompanionApp, action: str, node: Any) -> None:
    app.call_later(app.run_action, action, node)


def _exercise_commands(app: CompanionApp) -> Iterator[SystemCommand]:
    from companion.core.exercises import load_definitions

    for definition in load_definitions().values():
        yield SystemCommand(
            f"Exercise: {definition.title}",
            definition.summary,
            partial(app.start_exercise, definition.name),
        )


def _discard_commands(app: CompanionApp) -> Iterator[SystemCommand]:
    """One "Discard draft" entry per unfinished thing, each asking before it deletes."""
    from companion.core.exercises import exercise_title
    from companion.core.flows.drafts import DraftKey, DraftKind
    from companion.core.store import drafts
    from companion.core.store import exercise_records as records

    for draft in drafts.list_drafts(app.db):
        key = draft["key"]
        parsed = DraftKey.parse(key)
        if parsed is not None and parsed.kind is DraftKind.JOURNAL:
            entry = parsed.entry_id
            what = "new journal entry" if entry is None else f"edit of entry {entry}"
            yield SystemCommand(
                f"Discard draft: {what}",
                f"Unsaved since {draft['updated_utc'][:16].replace('T', ' ')} UTC",
                partial(_discard, app, what, partial(drafts.discard_draft, app.db, key)),
            )
    for record in records.list_exercises(app.db, status=records.DRAFT, limit=10):
        what = f"{exercise_title(record.type)} of {record.local_date}"
        yield SystemCommand(
            f"Discard draft: {what}",
            "An unfinished exercise",
            partial(_discard, app, what, partial(records.delete_exercise, app.db, record.id)),
        )


def _discard(app: CompanionApp, what: str, delete: Callable[[], None]) -> None:
    from companion.ui.tui.modals.confirm import ConfirmScreen

    def answered(confirmed: bool | None) -> None:
        if confirmed:
            delete()
            app.notify(f"Discarded the draft: {what}.")
            refresh = getattr(app.screen, "refresh_data", None) or getattr(
                app.screen, "refresh_list", None
            )
            if callable(refresh):
                refresh()

    app.push_screen(ConfirmScreen(f"Discard the draft ({what})?", yes="Discard"), answered)


def _chat(app: CompanionApp, what: str) -> None:
    screen = _open_then(app, "chat")
    action = "new_conversation" if what == "new" else what
    app.call_after_refresh(app.run_action, action, screen)


def _insights(app: CompanionApp, action: str) -> None:
    screen = _open_then(app, "insights")
    app.call_after_refresh(app.run_action, action, screen)


def _open_then(app: CompanionApp, key: str) -> Screen[Any]:
    """The screen for ``key``: the one on top when it is that screen, else a new one."""
    from companion.ui.tui.routes import ROUTES

    if isinstance(app.screen, ROUTES[key].load()):
        return app.screen
    return app.open_route(key)
