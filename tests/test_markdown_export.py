"""A conversation or an exercise as Markdown: user text literal, 0600, never over a file, and
from the app with a key and a palette entry."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlite_utils import Database
from textual.widgets import Input

from companion.core.exercises import load_definitions
from companion.core.exercises.markdown import exercise_markdown
from companion.core.store import exercise_records as records
from companion.core.store.conversations import add_message, create_conversation
from companion.core.store.markdown_export import (
    MarkdownExportError,
    conversation_markdown,
    default_path,
    escape_inline,
    literal_block,
    save_markdown,
)
from companion.ui.tui.modals.save_markdown import SaveMarkdownScreen
from companion.ui.tui.screens.chat import ChatScreen
from tests.tui_helpers import make_app

NOW = datetime(2026, 3, 14, 9, 30, tzinfo=UTC)


@given(st.text())
def test_a_literal_block_holds_any_text_exactly(text: str) -> None:
    block = literal_block(text)
    fence = block.split("text\n", 1)[0]
    body = block[len(fence) + len("text\n") : -len(fence) - 1]
    assert set(fence) == {"`"} and len(fence) >= 3
    assert fence not in body  # nothing inside can close the block
    assert "\x1b" not in body and "\x00" not in body


def test_escape_inline() -> None:
    assert escape_inline("My *big* [day] #1\nnext") == r"My \*big\* \[day\] \#1 next"


def test_conversation_markdown_keeps_user_text_literal(db: Database) -> None:
    conversation = create_conversation(db, "Exam *nerves*", now=NOW)
    add_message(db, conversation.id, "user", "I wrote **this** and ``` and \x1b[31m", now=NOW)
    add_message(db, conversation.id, "assistant", "That sounds hard.", status="stopped", now=NOW)
    text = conversation_markdown(db, conversation.id, now=NOW)
    assert text.startswith(r"# Exam \*nerves\*")
    assert "````text\nI wrote **this** and ``` and \\x1b[31m\n````" in text
    assert re.search(r"## companion \(the local model\), .* \(stopped before it finished\)", text)
    assert "not a person and not a therapist" in text
    with pytest.raises(KeyError):
        conversation_markdown(db, 999)


def test_exercise_markdown_lists_every_answer(db: Database) -> None:
    definitions = load_definitions()
    record = records.start_exercise(db, "thought_record", now=NOW)
    data = {
        "situation": "Presentation <b>at</b> work",
        "emotions": [{"name": "anxious", "rating": 80}],
        "thoughts": ["I'll freeze"],
    }
    record = records.save_draft(db, record.id, data, 3, now=NOW)
    text = exercise_markdown(record, definitions["thought_record"], now=NOW)
    assert text.startswith("# Thought record, ")
    assert "not finished yet" in text
    assert "```text\nPresentation <b>at</b> work\n```" in text
    assert "```text\n- anxious: 80/100\n```" in text


def test_save_is_private_and_never_overwrites(companion_home: Path) -> None:
    path = default_path("companion-chat-1", now=NOW)
    assert path.parent == companion_home / "exports" and path.name.endswith(".md")
    saved = save_markdown("# hi\n", path)
    assert saved.read_text() == "# hi\n" and saved.stat().st_mode & 0o777 == 0o600
    with pytest.raises(MarkdownExportError, match="already exists"):
        save_markdown("other", saved)
    assert default_path("companion-chat-1", now=NOW) != saved
    chosen = save_markdown("x", companion_home / "mine")  # .md is added
    assert chosen.name == "mine.md"


def test_save_in_an_existing_folder_keeps_its_mode(tmp_path: Path) -> None:
    folder = tmp_path / "Documents"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    save_markdown("x", folder / "a.md")
    assert folder.stat().st_mode & 0o777 == 0o755


async def test_chat_f5_saves_the_conversation() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        conversation = create_conversation(app.db, "Saved chat")
        add_message(app.db, conversation.id, "user", "[bold]literal[/bold]")
        app.action_open("chat")
        await pilot.pause(0.5)
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, SaveMarkdownScreen)
        suggested = Path(app.screen.query_one("#save-md-path", Input).value)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChatScreen)
        assert "```text\n[bold]literal[/bold]\n```" in suggested.read_text()
        assert suggested.stat().st_mode & 0o777 == 0o600
        await pilot.press("f5")
        await pilot.pause()
        await pilot.press("enter")  # a new default name, since the first is taken
        await pilot.pause()
        assert len(list(suggested.parent.glob("companion-chat-*.md"))) == 2


async def test_exercise_palette_entry_saves_the_answers() -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        record = records.start_exercise(app.db, "thought_record")
        records.save_draft(app.db, record.id, {"situation": "A hard *day*"}, 1)
        app.start_exercise(record_id=record.id)
        await pilot.pause(0.5)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"save exercise as markdown")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert isinstance(app.screen, SaveMarkdownScreen)
        box = app.screen.query_one("#save-md-path", Input)
        target = Path(box.value).with_name("chosen.md")
        box.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert "```text\nA hard *day*\n```" in target.read_text()
