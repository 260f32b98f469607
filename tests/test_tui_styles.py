"""The app's styles: theme.tcss's variables follow the theme, and every screen's selectors are
scoped to that screen (a screen's .tcss stays loaded once it has been shown, so an unscoped
``#id`` would reach any other screen that reuses the id)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.app import App

import companion.ui.tui
from companion.ui.tui.theme import with_theme_variables
from tests.tui_helpers import make_app

TUI = Path(companion.ui.tui.__file__).parent


def _selectors(css: str) -> list[str]:
    """The selectors of every rule in ``css`` (comments and variable lines dropped)."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    css = re.sub(r"^\s*\$[\w-]+\s*:.*?;", "", css, flags=re.M)
    found: list[str] = []
    for head in re.findall(r"([^{}]+)\{", css):
        found += [part.strip() for part in head.split(",") if part.strip()]
    return found


def test_theme_variables_resolve_against_the_current_theme() -> None:
    base = {"primary-darken-1": "#112233", "accent": "#445566", "text-accent": "#778899"}
    base |= {"primary": "#000001", "warning": "#000002", "surface": "#000003"}
    base |= {"text-muted": "#000004", "error": "#000005", "primary-darken-2": "#000006"}
    resolved = with_theme_variables(base)
    assert resolved["panel-border"] == "round #112233"
    assert resolved["panel-border-focus"] == "round #445566"
    assert resolved["dialog-border"] == "thick #000001"
    assert resolved["primary"] == "#000001"  # Textual's own are kept
    with pytest.raises(KeyError):
        with_theme_variables({})  # a reference to a variable nobody defines fails loudly


async def test_a_theme_switch_changes_the_panel_border() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "textual-dark"
        await pilot.pause()
        dark = app.get_css_variables()["panel-border"]
        app.theme = "textual-light"
        await pilot.pause()
        light = app.get_css_variables()["panel-border"]
    assert dark.startswith("round ") and light.startswith("round ") and dark != light


def test_app_tcss_has_no_ids() -> None:
    selectors = _selectors((TUI / "app.tcss").read_text(encoding="utf-8"))
    assert selectors and not [s for s in selectors if "#" in s]


@pytest.mark.parametrize(
    "path",
    sorted([*TUI.glob("screens/*.tcss"), *TUI.glob("modals/*.tcss")]),
    ids=lambda p: f"{p.parent.name}/{p.name}",
)
def test_every_screen_selector_starts_with_a_screen_class(path: Path) -> None:
    unscoped = [
        s for s in _selectors(path.read_text(encoding="utf-8")) if not re.match(r"\w+Screen\b", s)
    ]
    assert not unscoped, f"{path.name}: {unscoped}"


def test_plain_textual_apps_can_still_host_the_reusable_widgets() -> None:
    """Widgets keep DEFAULT_CSS only on Textual's own variables, so a bare App can show them."""
    own = set(with_theme_variables(App().get_css_variables())) - set(App().get_css_variables())
    for path in TUI.glob("widgets/*.py"):
        text = path.read_text(encoding="utf-8")
        used = set(re.findall(r"\$([\w-]+)", text))
        assert not used & own, f"{path.name} uses app variables {used & own}"
