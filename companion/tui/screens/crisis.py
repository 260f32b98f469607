"""The "Help now" screen (F1 from anywhere, and whenever a crisis is detected).

A short, warm, fixed message written to safe-messaging guidelines (no method details; hope;
people who can help), the emergency number, helplines for the person's country with how to reach
them and their hours, findahelpline.com, the person's own safety plan, and a way into breathing
or 5-4-3-2-1 grounding. No model is involved; it works with no database too.
"""

from __future__ import annotations

import importlib
from typing import Any

from rich.text import Text
from textual import getters
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import Screen
from textual.widgets import Button, Header, Select, Static

from companion.safety.helplines import (
    FIND_A_HELPLINE,
    CountryHelplines,
    country_names,
    for_country,
    resolve_country,
)
from companion.safety.plan import SECTIONS, is_empty
from companion.tui.app import CompanionApp
from companion.tui.widgets.footer import CompanionFooter

OPENING = (
    "You reached out, and that matters. When things feel this heavy it can seem as if they "
    "will never change, but feelings like these do ease, and there are people who want to "
    "help you through this moment. You don't have to do this alone."
)
OPENING_DETECTED = (
    "What you shared sounds really painful, so before anything else, here are people who can "
    "help. " + OPENING.split(". ", 1)[1]
)
NEXT_STEPS = (
    "If you might act on thoughts of ending your life, or you are in danger now, call {emergency} "
    "or go to the nearest emergency department. Otherwise, call or text one of the lines below: "
    "the people there are trained to listen, without judging."
)
INLINE_GROUNDING = (
    "5-4-3-2-1 grounding. Wherever you are, slowly notice:\n"
    "  5 things you can see\n"
    "  4 things you can touch\n"
    "  3 things you can hear\n"
    "  2 things you can smell\n"
    "  1 thing you can taste\n"
    "Then take one slow breath in, and a longer breath out."
)


def import_screen_module(module: str) -> Any:
    """Import an exercise screen's module (a seam: tests make it fail)."""
    return importlib.import_module(module)


def helplines_text(entry: CountryHelplines) -> Text:
    """The country's services, each with how to reach it and its hours."""
    text = Text()
    if not entry.services:
        text.append("No helplines are stored for this country. ", style="bold")
        text.append(f"Use {FIND_A_HELPLINE} to find one near you.\n")
        return text
    for index, service in enumerate(entry.services):
        if index:
            text.append("\n")
        text.append(service.name + "\n", style="bold")
        for contact in service.contacts:
            text.append(f"\u2022 {contact.describe()}\n")
        text.append(f"\u2022 Hours: {service.hours}\n", style="dim")
    return text


def danger_lines_text(entry: CountryHelplines, resources: tuple[str, ...]) -> Text:
    """Lines for people threatened or hurt by someone, and for children at risk, when the
    decision calls for them; the emergency number and findahelpline.com where none are stored."""
    text = Text()
    groups = (
        ("abuse_lines", "If someone is hurting or threatening you", entry.abuse_services),
        ("child_lines", "If a child is at risk", entry.child_services),
    )
    for key, title, services in groups:
        if key not in resources:
            continue
        text.append(title + "\n", style="bold")
        if not services:
            text.append(f"\u2022 Call {entry.emergency}; for other lines see {FIND_A_HELPLINE}\n")
        for service in services:
            ways = "; ".join(contact.describe() for contact in service.contacts)
            text.append(f"\u2022 {service.name}: {ways} ({service.hours})\n")
    return text


def plan_text(plan: dict[str, list[str]]) -> Text:
    """The person's own plan, literally (their words are never read as markup)."""
    text = Text()
    if is_empty(plan):
        text.append(
            "You haven't written a safety plan yet. When you feel able, press p to start one: "
            "it helps to have your own steps and people written down."
        )
        return text
    for section in SECTIONS:
        items = [item for item in plan.get(section.key, []) if item.strip()]
        if not items:
            continue
        text.append(section.title + "\n", style="bold")
        for item in items:
            text.append(f"\u2022 {item}\n")
    return text


class CrisisScreen(Screen[None]):
    """Help now: people to contact, the person's plan, and calming exercises."""

    app = getters.app(CompanionApp)

    CSS_PATH = "crisis.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="crisis_back"),
        Binding("b", "breathing", "Breathe", id="crisis_breathing"),
        Binding("g", "grounding", "Grounding", id="crisis_grounding"),
        Binding("p", "safety_plan", "Edit plan", id="crisis_plan"),
    ]

    def __init__(self, detected: bool = False, decision: Any = None) -> None:
        super().__init__()
        self.detected = detected
        self.decision = decision  # a companion.safety.flow.SafetyDecision, when one opened it
        self.resources: tuple[str, ...] = tuple(str(r) for r in getattr(decision, "resources", ()))
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
                from companion.store.safety import get_safety_plan

                self.plan = get_safety_plan(db)
            except Exception:
                self.plan = {}

    def compose(self) -> ComposeResult:
        self._load()
        entry = for_country(self.country)
        yield Header()
        with VerticalScroll(id="crisis-body"):
            yield Static(self._opening(entry), id="crisis-message", markup=False)
            yield Static(self._emergency_text(entry), id="crisis-emergency")
            if not entry.known:
                yield Static(
                    Text(
                        "Which country are you in? Choose it below so the right lines show "
                        f"here. Until then, {FIND_A_HELPLINE} lists helplines in most countries."
                    ),
                    id="crisis-ask-country",
                )
            danger = Static(danger_lines_text(entry, self.resources), id="crisis-danger")
            danger.display = bool(danger_lines_text(entry, self.resources).plain)
            yield danger
            yield Static(
                NEXT_STEPS.format(emergency=entry.emergency), id="crisis-next", markup=False
            )
            with Horizontal(id="crisis-actions"):
                yield Button("Breathe (b)", id="crisis-breathe", variant="primary")
                yield Button("Grounding (g)", id="crisis-ground")
                yield Button("Safety plan (p)", id="crisis-plan")
            yield Static("", id="crisis-inline-grounding", markup=False)
            yield Static("Helplines", classes="crisis-heading")
            yield Static(helplines_text(entry), id="crisis-helplines")
            yield Static(
                Text(f"Somewhere else? {FIND_A_HELPLINE} lists helplines in most countries."),
                id="crisis-findahelpline",
            )
            yield Static("Helplines for another country:", id="crisis-country-label")
            options = [(Text(f"{name} ({code})"), code) for code, name in country_names().items()]
            known = {code for _, code in options}
            yield Select(
                options,
                value=entry.code if entry.code in known else Select.NULL,
                prompt="Choose your country",
                id="crisis-country",
            )
            yield Static("My safety plan", classes="crisis-heading")
            yield Static(plan_text(self.plan), id="crisis-plan-text")
        yield CompanionFooter()

    def _opening(self, entry: CountryHelplines) -> str:
        reply = getattr(self.decision, "reply", None)
        if reply is not None and str(reply) in ("from_others", "others"):
            from companion.safety.replies import render_reply

            emergency = entry.emergency if entry.known else "your local emergency number"
            return render_reply(reply, help="see below", emergency=emergency)
        return OPENING_DETECTED if self.detected else OPENING

    @staticmethod
    def _emergency_text(entry: CountryHelplines) -> Text:
        text = Text("Emergency: ", style="bold")
        text.append(entry.emergency, style="bold reverse")
        if entry.known:
            text.append(f"\u00a0\u00a0in {entry.name}")
        return text

    def on_mount(self) -> None:
        from companion.safety.helplines import mark_country_asked, should_ask_country

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
        entry = for_country(self.country)
        self.query_one("#crisis-emergency", Static).update(self._emergency_text(entry))
        self.query_one("#crisis-next", Static).update(
            Text(NEXT_STEPS.format(emergency=entry.emergency))
        )
        self.query_one("#crisis-helplines", Static).update(helplines_text(entry))
        self.query_one("#crisis-danger", Static).update(danger_lines_text(entry, self.resources))
        self.query_one("#crisis-message", Static).update(Text(self._opening(entry)))
        for ask in self.query("#crisis-ask-country").results(Static):
            ask.remove()
        db = self._db()
        if db is not None:
            try:
                from companion.store.settings import set_setting

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
        if not self._open("companion.tui.screens.breathing", "BreathingScreen"):
            self._show_inline_grounding()

    def action_grounding(self) -> None:
        if not self._open("companion.tui.screens.grounding", "GroundingScreen"):
            self._show_inline_grounding()

    def _show_inline_grounding(self) -> None:
        box = self.query_one("#crisis-inline-grounding", Static)
        box.update(Text(INLINE_GROUNDING))
        box.add_class("shown")
        box.scroll_visible()

    def action_safety_plan(self) -> None:
        from companion.tui.screens.safety_plan import SafetyPlanScreen

        self.app.push_screen(SafetyPlanScreen())

    def on_screen_resume(self) -> None:
        """Back from the plan editor (or anywhere): show the plan as it is now."""
        self._load_plan_only()
        for widget in self.query("#crisis-plan-text").results(Static):
            widget.update(plan_text(self.plan))

    def _load_plan_only(self) -> None:
        db = self._db()
        if db is None:
            return
        try:
            from companion.store.safety import get_safety_plan

            self.plan = get_safety_plan(db)
        except Exception:
            return
