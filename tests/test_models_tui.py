"""The Models screen: reached from Home (o) and the command palette; installed models with the
one in use marked and `u` to switch; suggestions that fit this machine's memory, the embedded
one marked small, too-big ones left out; and what it looks like at 80x24 (memory fixed)."""

from __future__ import annotations

import pytest

from companion.core import paths
from companion.core.config import load_settings
from companion.core.llm.recommend import GB, Memory, read_memory, suggestions
from companion.ui.tui.screens.home import HomeScreen
from companion.ui.tui.screens.models import ModelsScreen
from tests.gguf_helpers import gguf_bytes
from tests.tui_helpers import make_app

CHAT_GGUF = gguf_bytes(
    {
        "general.architecture": "llama",
        "general.name": "tiny chat",
        "tokenizer.chat_template": "{% for m in messages %}{{ m['content'] }}{% endfor %}",
    }
)


@pytest.fixture
def four_gb(monkeypatch: pytest.MonkeyPatch) -> None:
    import companion.ui.tui.screens.models as screen

    monkeypatch.setattr(screen, "read_memory", lambda: Memory(4 * GB, int(2.5 * GB)))


def install(name: str) -> None:
    folder = paths.ensure_private_dir(paths.models_dir())
    (folder / f"{name}.gguf").write_bytes(CHAT_GGUF)


def labels(app: object, list_id: str) -> list[str]:
    from textual.widgets import OptionList

    listing = app.screen.query_one(list_id, OptionList)  # type: ignore[attr-defined]
    return [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]


def test_memory_is_read_from_proc_meminfo(tmp_path: object) -> None:
    from pathlib import Path

    meminfo = Path(str(tmp_path)) / "meminfo"
    meminfo.write_text("MemTotal:        8000000 kB\nMemFree: 1 kB\nMemAvailable:    3000000 kB\n")
    assert read_memory(meminfo) == Memory(8_000_000 * 1024, 3_000_000 * 1024)
    assert read_memory(Path(str(tmp_path)) / "missing").total is not None  # os.sysconf


def test_fit_follows_total_and_available_memory() -> None:
    by_name = {s.name: s for s in suggestions()}
    phi, smol = by_name["Phi-3.5-mini-instruct"], by_name["SmolLM2-135M-Instruct"]
    assert smol.small and not phi.small and smol.pull_command == ""
    assert phi.fit(Memory(4 * GB, 3 * GB)) == "too big"
    assert phi.fit(Memory(16 * GB, 1 * GB)) == "tight"
    assert phi.fit(Memory(16 * GB, 8 * GB)) == "fits"
    assert phi.fit(Memory(None, None)) == "fits"
    for item in suggestions():
        assert item.licence and item.file_gb > 0 and item.min_ram_gb >= item.file_gb
        assert item.embedded or (item.repo.count("/") == 1 and item.file.endswith(".gguf"))


async def test_home_o_opens_models_and_u_switches_the_model(four_gb: None) -> None:
    install("tiny-chat")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("o")
        assert isinstance(app.screen, ModelsScreen)
        assert labels(app, "#installed") == [
            "* smollm2-135m  (embedded)",
            "  tiny-chat  (models dir (file))",
        ]
        suggested = labels(app, "#suggested")
        assert (
            suggested[0].startswith("SmolLM2-135M-Instruct") and "small, built in" in suggested[0]
        )
        assert not any("Phi-3.5" in line for line in suggested)  # 6 GB: too big for 4 GB
        await pilot.press("down", "u")
        assert load_settings().model == "tiny-chat" and app.settings.model == "tiny-chat"
        assert labels(app, "#installed")[1].startswith("* tiny-chat")
        await pilot.press("escape")
        assert isinstance(app.screen, HomeScreen)


async def test_the_palette_offers_the_models_screen(four_gb: None) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("ctrl+p")
        await pilot.press(*"Models")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ModelsScreen)


def test_models_screen(snap_compare, four_gb: None) -> None:  # type: ignore[no-untyped-def]
    install("tiny-chat")
    assert snap_compare(make_app(), press=["o", "tab", "down", "down"], terminal_size=(80, 24))
