"""The "Help now" screen (F1 from anywhere, and whenever a crisis is detected).

A short, warm, fixed message written to safe-messaging guidelines (no method details; hope;
people who can help), the emergency number, helplines for the person's country with how to reach
them and their hours, findahelpline.com, the person's own safety plan, and a way into breathing
or 5-4-3-2-1 grounding. No model is involved; it works with no database too. It draws
``companion.core.safety.help_view`` (all the wording lives there) through ``tui.help_text``.
"""

from __future__ import annotations

import importlib
from typing import Any, ClassVar

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Select, Static

from companion.core.safety import help_view as hv
from companion.core.safety.help_view import HelpView
from companion.core.safety.helplines import country_names, resolve_country
from companion.core.safety.resources import Resource
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.help_text import danger_lines_text, emergency_text, helplines_text, plan_text
from companion.ui.tui.widgets.footer import CompanionFooter


def import_screen_module(module: str) -> Any:
    """Import an exercise screen's module (a seam: tests make it fail)."""
    return importlib.import_module(module)


class CrisisScreen(Screen[None]):
    """Help now: people to contact, the person's plan, and calming exercises."""

    CSS_PATH = "crisis.tcss"
    app = getters.app(CompanionApp)
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="crisis_back"),
        Binding("b", "breathing", "Breathe", id="crisis_breathing"),
        Binding("g", "grounding", "Grounding", id="crisis_grounding"),
        Binding("p", "safety_plan", "Edit plan", id="crisis_plan"),
    ]
    # at 80 columns: its button says "Safety plan (p)"
    FOOTER_LABELS: ClassVar[dict[str, str]] = {"crisis_plan": "Plan"}

    def __init__(self, detected: bool = False, decision: Any = None) -> None:
        super().__init__()
        self.detected = detected
        self.decision = decision  # a companion.core.safety.flow.SafetyDecision, when one opened it
        asked = {str(r) for r in getattr(decision, "resources", ())}
        # Help now always shows the emergency number, the crisis lines and the plan; the lines
        # for danger from others when the decision asks for them.
        self.resources = hv.HELP_NOW + tuple(r for r in Resource if r in asked)
        self.plan: dict[str, list[str]] = {}
        self.country = ""

    def _db(self) -> Any:
        try:
            return self.app.db
        except Exception:  # the store may be locked or unreadable: help must still show
            return None

    def _load(self) -> None:
        db = self._db()
        try:
            self.country = resolve_country(db)
        except Exception:
            self.country = resolve_country(None)
        self.plan = {}
        if db is not None:
            try:
                from companion.core.store.safety_records import get_safety_plan

                self.plan = get_safety_plan(db)
            except Exception:
                self.plan = {}

    def _view(self) -> HelpView:
        return hv.help_view(self.country, self.resources, self.plan)

    def compose(self) -> ComposeResult:
        self._load()
        view = self._view()
        yield Header()
        with VerticalScroll(id="crisis-body"):
            yield Static(self._opening(view), id="crisis-message", markup=False)
            yield Static(emergency_text(view), id="crisis-emergency")
            if not view.known:
                yield Static(Text(hv.ASK_COUNTRY), id="crisis-ask-country")
            danger = Static(danger_lines_text(view), id="crisis-danger")
            danger.display = bool(danger_lines_text(view).plain)
            yield danger
            yield Static(
                hv.NEXT_STEPS.format(emergency=view.emergency), id="crisis-next", markup=False
            )
            with Horizontal(id="crisis-actions"):
                yield Button("Breathe (b)", id="crisis-breathe", variant="primary")
                yield Button("Grounding (g)", id="crisis-ground")
                yield Button("Safety plan (p)", id="crisis-plan")
            yield Static("", id="crisis-inline-grounding", markup=False)
            yield Static(hv.HELPLINES_HEADING, classes="crisis-heading")
            yield Static(helplines_text(view), id="crisis-helplines")
            yield Static(Text(hv.FIND_A_HELPLINE_SOMEWHERE_ELSE), id="crisis-findahelpline")
            yield Static(hv.ANOTHER_COUNTRY, id="crisis-country-label")
            options = [(Text(f"{name} ({code})"), code) for code, name in country_names().items()]
            known = {code for _, code in options}
            yield Select(
                options,
                value=view.country if view.country in known else Select.NULL,
                prompt=hv.CHOOSE_COUNTRY,
                id="crisis-country",
            )
            yield Static(hv.PLAN_HEADING, classes="crisis-heading")
            yield Static(plan_text(view), id="crisis-plan-text")
        yield CompanionFooter(labels=self.FOOTER_LABELS)

    def _opening(self, view: HelpView) -> str:
        reply = getattr(self.decision, "reply", None)
        if reply is not None and str(reply) in ("from_others", "others"):
            from companion.core.safety.replies import render_reply

            return render_reply(reply, help="see below", emergency=view.emergency)
        return hv.OPENING_DETECTED if self.detected else hv.OPENING

    def on_mount(self) -> None:
        from companion.core.safety.helplines import mark_country_asked, should_ask_country

        db = self._db()
        if should_ask_country(db):  # ask once; findahelpline.com shows meanwhile
            mark_country_asked(db)
            self.query_one("#crisis-country", Select).focus()
            return
        self.query_one("#crisis-breathe", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        actions = {
            "crisis-breathe": self.action_breathing,
            "crisis-ground": self.action_grounding,
            "crisis-plan": self.action_safety_plan,
        }
        action = actions.get(event.button.id or "")
        if action is not None:
            action()

    def on_select_changed(self, event: Select.Changed) -> None:
        if event.select.id != "crisis-country" or not isinstance(event.value, str):
            return
        if event.value == self.country:
            return
        self.country = event.value
        view = self._view()
        self.query_one("#crisis-emergency", Static).update(emergency_text(view))
        self.query_one("#crisis-next", Static).update(
            Text(hv.NEXT_STEPS.format(emergency=view.emergency))
        )
        self.query_one("#crisis-helplines", Static).update(helplines_text(view))
        self.query_one("#crisis-danger", Static).update(danger_lines_text(view))
        self.query_one("#crisis-message", Static).update(Text(self._opening(view)))
        for ask in self.query("#crisis-ask-country").results(Static):
            ask.remove()
        db = self._db()
        if db is not None:
            try:
                from companion.core.store.app_state import set_setting

                set_setting(db, "country", self.country)
            except Exception:
                self.notify("Could not save your country; showing it for now.", severity="warning")

    def _open(self, module: str, name: str) -> bool:
        try:
            screen_class = getattr(import_screen_module(module), name)
            self.app.push_screen(screen_class())
        except Exception:
            return False
        return True

    def action_breathing(self) -> None:
        if not self._open("companion.ui.tui.screens.breathing", "BreathingScreen"):
            self._show_inline_grounding()

    def action_grounding(self) -> None:
        if not self._open("companion.ui.tui.screens.grounding", "GroundingScreen"):
            self._show_inline_grounding()

    def _show_inline_grounding(self) -> None:
        box = self.query_one("#crisis-inline-grounding", Static)
        box.update(Text(hv.INLINE_GROUNDING))
        box.add_class("shown")
        box.scroll_visible()

    def action_safety_plan(self) -> None:
        from companion.ui.tui.screens.safety_plan import SafetyPlanScreen

        self.app.push_screen(SafetyPlanScreen())

    def on_screen_resume(self) -> None:
        """Back from the plan editor (or anywhere): show the plan as it is now."""
        self._load_plan_only()
        for widget in self.query("#crisis-plan-text").results(Static):
            widget.update(plan_text(self._view()))

    def _load_plan_only(self) -> None:
        db = self._db()
        if db is None:
            return
        try:
            from companion.core.store.safety_records import get_safety_plan

            self.plan = get_safety_plan(db)
        except Exception:
            return
