"""Models: the installed ones (the one in use marked, `u` to switch) and the ones that suit this
machine's memory, with download size, licence, what the fitness check expects and the command
to pull each. Downloading stays a command the person runs: the app never does it by itself."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from companion.core.config import ConfigError, load_settings
from companion.core.llm.recommend import (
    FITNESS_EXPECTATION,
    Suggestion,
    memory_line,
    read_memory,
    suggestions,
)
from companion.ui.tui.app import CompanionApp
from companion.ui.tui.widgets.footer import CompanionFooter

FIT_LABEL = {"fits": "fits", "tight": "low free RAM now"}


class ModelsScreen(Screen[None]):
    CSS_PATH = "models.tcss"
    BINDINGS = [
        Binding("escape", "app.pop_screen", "Back", id="models_back"),
        Binding("u", "use", "Use this model", id="models_use"),
        Binding("y", "copy_pull", "Copy pull command", id="models_copy"),
    ]
    FOOTER_LABELS: ClassVar[dict[str, str]] = {"models_copy": "Copy command"}  # 80 columns

    app = getters.app(CompanionApp)

    def compose(self) -> ComposeResult:
        with Vertical(id="models-frame"):
            yield Static("Models", id="models-title")
            yield Static("", id="models-memory", markup=False)
            yield OptionList(id="installed", markup=False)
            yield OptionList(id="suggested", markup=False)
            yield Static("", id="model-detail", markup=False)
        yield CompanionFooter(labels=self.FOOTER_LABELS)

    def on_mount(self) -> None:
        self.query_one("#installed").border_title = "Installed (* in use)"
        self.query_one("#suggested").border_title = "Suggested for this machine (sizes approx.)"
        self._suggestions: dict[str, Suggestion] = {}
        self.refresh_lists()
        installed = self.query_one("#installed", OptionList)
        installed.highlighted = 0
        installed.focus()

    def refresh_lists(self) -> None:
        from companion.core.llm.models import available_models

        memory = read_memory()
        self.query_one("#models-memory", Static).update(memory_line(memory))
        rows = available_models(self.app.settings)
        installed = self.query_one("#installed", OptionList)
        kept = installed.highlighted
        installed.clear_options()
        for row in rows:
            mark = "*" if row["active"] else " "
            where = row.get("url") or ""
            label = f"{mark} {row['name']}  ({row['source']}) {where}".rstrip()
            installed.add_option(Option(Text(label), id=f"use:{row['name']}"))
        if kept is not None and installed.option_count:
            installed.highlighted = min(kept, installed.option_count - 1)
        names = {str(row["name"]) for row in rows}
        suggested = self.query_one("#suggested", OptionList)
        suggested.clear_options()
        self._suggestions = {}
        for item in suggestions():
            fit = item.fit(memory)
            if fit == "too big":
                continue
            state = "small, built in" if item.small else FIT_LABEL[fit]
            if item.stem in names:
                state = "installed"
            label = f"{item.name:<24} {item.params:>5}  ~{item.file_gb:.1f} GB  {state}"
            suggested.add_option(Option(Text(label), id=f"pull:{item.name}"))
            self._suggestions[item.name] = item
        self._show_detail(None)

    def _show_detail(self, item: Suggestion | None) -> None:
        detail = self.query_one("#model-detail", Static)
        if item is None:
            detail.update(FITNESS_EXPECTATION)
            return
        if item.small:
            how = "It comes with companion; nothing to download."
        else:
            how = f"Get it in a terminal (y copies): {item.pull_command}"
        note = f" {item.note}" if item.note else ""
        detail.update(
            f"{item.name}: {item.licence}; needs about {item.min_ram_gb:g} GB of RAM.{note}\n{how}"
        )

    @on(OptionList.OptionHighlighted, "#suggested")
    def _suggestion_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        key = (event.option.id or "").removeprefix("pull:")
        self._show_detail(self._suggestions.get(key))

    @on(OptionList.OptionHighlighted, "#installed")
    def _installed_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        self._show_detail(None)

    @on(OptionList.OptionSelected, "#installed")
    def _installed_selected(self, event: OptionList.OptionSelected) -> None:
        self._use((event.option.id or "").removeprefix("use:"))

    def action_use(self) -> None:
        installed = self.query_one("#installed", OptionList)
        if installed.highlighted is None:
            self.notify("Pick an installed model first.")
            return
        option = installed.get_option_at_index(installed.highlighted)
        self._use((option.id or "").removeprefix("use:"))

    def _use(self, name: str) -> None:
        from companion.core.llm import ModelUnavailable
        from companion.core.llm.models import choose_model

        try:
            ref = choose_model(name)
            self.app.settings = load_settings()
        except (ModelUnavailable, ConfigError) as error:
            self.notify(str(error), severity="warning", markup=False)
            return
        self.notify(f"Chat now uses {ref.name}.", markup=False)
        self.refresh_lists()

    def action_copy_pull(self) -> None:
        suggested = self.query_one("#suggested", OptionList)
        if suggested.highlighted is None:
            return
        option = suggested.get_option_at_index(suggested.highlighted)
        item = self._suggestions.get((option.id or "").removeprefix("pull:"))
        if item is not None and item.pull_command:
            self.app.copy_to_clipboard(item.pull_command)
            self.notify("Copied the pull command.")
