"""Edit the safety plan: one box per section, one item per line, saved on every change."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static, TextArea

from companion.core.safety.plan import SECTIONS
from companion.core.store.safety_records import get_safety_plan, set_safety_plan_section
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.draft_saver import DraftSaver
from companion.ui.tui.widgets.footer import CompanionFooter

INTRO = (
    "Your safety plan is for the hardest moments: your own warning signs, what helps, and who "
    "to reach. Write one item per line. Everything is saved as you type and stays on this "
    "machine."
)


def lines_of(text: str) -> list[str]:
    """The items in a section box: one per non-empty line."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def events_text(db: Any, limit: int = 10) -> Text:
    """The latest safety events (when, where, level), never what was written."""
    from companion.core.store.safety_records import list_safety_events

    text = Text()
    try:
        events = list_safety_events(db, limit=limit)
    except Exception:
        events = []
    if not events:
        text.append("None recorded. They are kept only on this machine.", style="dim")
        return text
    text.append(
        "When something you wrote sounded really hard, companion noted when and where (never "
        "the words), so it can check in kindly. Kept only on this machine.\n",
        style="dim",
    )
    for event in events:
        try:
            moment = datetime.fromisoformat(str(event["created_utc"])).astimezone()
            when = moment.strftime("%Y-%m-%d %H:%M")
        except ValueError:
            when = str(event["created_utc"])
        text.append(f"\u2022 {when}  {event['source']}  ({event['level']})\n")
    return text


class SafetyPlanScreen(Screen[None]):
    """The six Stanley-Brown sections plus reasons for living, each a small editor."""

    app = getters.app(CompanionApp)

    CSS_PATH = "safety_plan.tcss"
    BINDINGS = [
        Binding("escape", "leave", "Back", id="safety_plan_back"),
    ]

    def compose(self) -> ComposeResult:
        plan = get_safety_plan(self.app.db)
        yield Header()
        with VerticalScroll(id="plan-body"):
            yield Static(INTRO, id="plan-intro", markup=False)
            for section in SECTIONS:
                yield Static(Text(section.title, style="bold"), classes="plan-title")
                yield Static(Text(section.prompt), classes="plan-prompt")
                yield TextArea(
                    "\n".join(plan.get(section.key, [])),
                    id=f"plan-{section.key}",
                    classes="plan-section",
                    soft_wrap=True,
                    show_line_numbers=False,
                    tab_behavior="focus",
                )
            yield Static("", id="plan-status", markup=False)
            yield Static(Text("Hard moments companion noticed", style="bold"), classes="plan-title")
            yield Static(events_text(self.app.db), id="plan-events")
        yield CompanionFooter()

    def __init__(self) -> None:
        super().__init__()
        self._unsaved: dict[str, str] = {}  # section key -> its box's text, not saved yet
        self.drafts = DraftSaver(self, self._save_sections)

    def on_mount(self) -> None:
        self.query_one(f"#plan-{SECTIONS[0].key}", TextArea).focus()

    def on_unmount(self) -> None:
        self.drafts.flush()

    def action_leave(self) -> None:
        self.drafts.flush()  # saved before the screen below shows the plan again
        self.app.pop_screen()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        area_id = event.text_area.id or ""
        if not area_id.startswith("plan-"):
            return
        self._unsaved[area_id.removeprefix("plan-")] = event.text_area.text
        self.drafts.changed()

    def _save_sections(self) -> None:
        unsaved, self._unsaved = self._unsaved, {}
        message = Text("Saved.", style="dim")
        for key, text in unsaved.items():
            try:
                set_safety_plan_section(self.app.db, key, lines_of(text))
            except Exception as error:  # keep the text on screen; say what went wrong
                message = Text(f"Not saved: {error}", style="bold red")
                break
        if self.is_mounted and self.query("#plan-status"):
            self.query_one("#plan-status", Static).update(message)
