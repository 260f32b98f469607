"""Everyday rough edges (issue 15): settings that persist and describe themselves, the journal's
search, edit and delete, drafts that can be discarded and are never empty, exercise history."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.widgets import OptionList, Static, TextArea

from companion.core.config import field_docs, load_settings
from companion.core.store import drafts, journal
from companion.core.store import exercise_records as records
from companion.ui.tui.modals.confirm import ConfirmScreen
from companion.ui.tui.screens.chat import ChatScreen
from companion.ui.tui.screens.entry_editor import EntryEditorScreen
from companion.ui.tui.screens.entry_view import EntryViewScreen
from companion.ui.tui.screens.exercise_history import ExerciseHistoryScreen
from companion.ui.tui.screens.exercise_run import ExerciseRunScreen
from tests.test_cli_foundation import run
from tests.tui_helpers import make_app


async def _settle(pilot: Any, times: int = 4) -> None:
    for _ in range(times):
        await pilot.pause()


async def test_theme_switch_is_saved_keeping_comments(companion_home: Path) -> None:
    companion_home.mkdir(parents=True, exist_ok=True)
    config = companion_home / "config.toml"
    config.write_text('# my settings\ntheme = "dark"  # for the evening\nn_ctx = 2048\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        app.action_toggle_dark_theme()
        await _settle(pilot)
        assert app.theme == "textual-light"
    text = config.read_text()
    assert "# my settings" in text and "n_ctx = 2048" in text
    assert load_settings().theme == "light"


def test_config_describes_every_setting_with_its_own_words() -> None:
    docs = field_docs()
    assert docs["theme"] == 'Colour theme of the TUI: "dark" or "light".'
    assert docs["backups_keep"].startswith("How many daily backups")
    code, out, _ = run("config")
    assert code == 0
    lines = out.splitlines()
    for name, doc in docs.items():
        index = next(i for i, line in enumerate(lines) if line.startswith(f"{name} = "))
        assert lines[index + 1].strip() == doc[: len(lines[index + 1].strip())]


def test_doctor_says_when_there_is_no_config_file() -> None:
    _, out, _ = run("doctor")
    assert "no config file, defaults in use" in out


async def test_journal_search_down_edit_returns_to_entry_and_delete_names_it() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        entry = journal.add_entry(app.db, "Walked by the river [b]today[/b]")
        app.action_open("journal")
        await _settle(pilot)
        await pilot.press("slash", *"river")
        await pilot.pause(0.3)
        await _settle(pilot)
        await pilot.press("down")
        await _settle(pilot)
        assert isinstance(app.focused, OptionList)
        await pilot.press("e")
        await _settle(pilot)
        assert isinstance(app.screen, EntryEditorScreen)
        await pilot.press(*" again", "ctrl+s")
        await _settle(pilot)
        assert isinstance(app.screen, EntryViewScreen)
        body = app.screen.query_one("#entry-body", TextArea).text
        assert body == "Walked by the river [b]today[/b] again"
        await pilot.press("d")
        await _settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        question = str(app.screen.question)
        assert "Walked by the river [b]today[/b]" in question and entry.local_date in question


async def test_discard_draft_is_reachable_and_empty_drafts_are_not_kept() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open("new_entry")
        await _settle(pilot)
        await pilot.press(*"half a thought")
        await pilot.pause(0.6)
        assert drafts.load_draft(app.db, "journal:new") == "half a thought"
        footer = " ".join(str(w.render()) for w in app.screen.query("FooterKey"))
        assert "Discard draft" in footer
        await pilot.press("f8")
        await _settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("y")
        await _settle(pilot)
        assert drafts.load_draft(app.db, "journal:new") is None
        app.action_open("new_entry")
        await _settle(pilot)
        await pilot.press("x", "backspace")
        await pilot.pause(0.6)
        assert drafts.load_draft(app.db, "journal:new") is None


async def test_an_untouched_exercise_leaves_no_draft_and_history_shows_records() -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.start_exercise("thought_record")
        await _settle(pilot)
        await pilot.press("enter")  # past the introduction, then leave without answering
        await _settle(pilot)
        await pilot.press("escape")
        await _settle(pilot)
        assert records.list_exercises(app.db) == []
        app.start_exercise("three_good_things")
        await _settle(pilot)
        await pilot.press("enter", *"sunshine", "enter", *"tea", "enter", *"a call", "ctrl+n")
        await _settle(pilot)
        await pilot.press("escape")
        await _settle(pilot)
        app.action_open("exercises")
        await _settle(pilot)
        await pilot.press("h")
        await _settle(pilot)
        assert isinstance(app.screen, ExerciseHistoryScreen)
        listing = app.screen.query_one("#history-list", OptionList)
        assert listing.option_count == 1
        assert "Three good things" in str(listing.get_option_at_index(0).prompt)
        assert "sunshine" in str(app.screen.query_one("#history-answers", Static).render())
        await pilot.press("enter")
        await _settle(pilot)
        assert isinstance(app.screen, ExerciseRunScreen)


async def test_thought_record_emotions_on_one_line_are_two_emotions() -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.start_exercise("thought_record")
        await _settle(pilot)
        await pilot.press("enter", *"At work", "ctrl+n", *"anxious 80, ashamed=60", "ctrl+n")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, ExerciseRunScreen) and screen.session is not None
        assert screen.session.data["emotions"] == [
            {"name": "anxious", "rating": 80},
            {"name": "ashamed", "rating": 60},
        ]


async def test_prefilled_text_keeps_the_cursor_at_the_end() -> None:
    """Worry time hands a worry to problem solving: typing goes after it, not in front."""
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        app.push_screen(
            ExerciseRunScreen(
                exercise_type="problem_solving", prefill={"problem": "The rent is going up"}
            )
        )
        await _settle(pilot)
        await pilot.press("enter", *" next month")
        await _settle(pilot)
        area = app.screen.query_one("#step-text", TextArea)
        assert area.text == "The rent is going up next month"


def _fake_xclip(tmp_path: Path, monkeypatch: Any) -> Path:
    """An 'xclip' on PATH that keeps what it was given, as the real one would."""
    kept = tmp_path / "clipboard.txt"
    tool = tmp_path / "bin" / "xclip"
    tool.parent.mkdir()
    tool.write_text(f"#!/bin/sh\ncat > {kept}\n")
    tool.chmod(0o755)
    monkeypatch.setenv("PATH", f"{tool.parent}:/usr/bin:/bin")
    monkeypatch.setenv("DISPLAY", ":0")
    monkeypatch.delenv("WAYLAND_DISPLAY", raising=False)
    return kept


async def _copy_newest(app: Any, pilot: Any, key: str = "enter") -> list[str]:
    from companion.core.store.conversations import add_message, create_conversation

    notes: list[str] = []
    app.notify = lambda message, **kw: notes.append(str(message))
    conversation = create_conversation(app.db, "Copying")
    add_message(app.db, conversation.id, "assistant", "the newest reply")
    app.push_screen(ChatScreen(conversation_id=conversation.id))
    await _settle(pilot)
    await pilot.press("ctrl+o")
    await _settle(pilot)
    await pilot.press(key)
    await _settle(pilot)
    return notes


async def test_copy_says_which_clipboard_it_used(tmp_path: Path, monkeypatch: Any) -> None:
    kept = _fake_xclip(tmp_path, monkeypatch)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        notes = await _copy_newest(app, pilot)
        assert kept.read_text() == "the newest reply"
        assert "Copied to the clipboard (xclip)." in notes


async def test_copy_without_a_clipboard_tool_is_honest_and_offers_a_file(
    monkeypatch: Any,
) -> None:
    monkeypatch.setenv("PATH", "/nonexistent")
    sent: list[str] = []
    app = make_app()
    app.copy_to_clipboard = sent.append  # type: ignore[method-assign,assignment]
    async with app.run_test(size=(100, 30)) as pilot:
        notes = await _copy_newest(app, pilot)
        assert sent == ["the newest reply"]
        assert any("OSC 52" in n and "may not support it" in n for n in notes)
        assert not any(n.startswith("Copied to the clipboard") for n in notes)
        await pilot.press("ctrl+o")
        await _settle(pilot)
        await pilot.press("s")
        await _settle(pilot)
        saved = [n for n in notes if n.startswith("Saved the message to ")]
        assert saved and Path(saved[0].removeprefix("Saved the message to ")).read_text() == (
            "the newest reply"
        )


def test_journal_list_never_drops_ids_or_dates() -> None:
    import os
    import subprocess
    import sys

    from companion.core.store import open_db

    db = open_db()
    long_line = "a very long first line " * 20
    for text in (long_line, "short", "[b]markup[/b] " * 30):
        journal.add_entry(db, text)
    db.close()
    for columns in ("120", "80", "40"):
        env = {**os.environ, "COLUMNS": columns}
        out = subprocess.run(
            [sys.executable, "-m", "companion", "journal", "list"],
            capture_output=True,
            text=True,
            env=env,
            check=True,
        ).stdout.splitlines()
        assert out[0].split() == ["ID", "Date", "First", "line"]
        ids = [line.split()[0] for line in out[1:]]
        assert ids == ["3", "2", "1"], out
        assert all(len(line) <= int(columns) for line in out)
        assert all(line.split()[1].count("-") == 2 for line in out[1:])
        assert out[1].endswith("…") and "[b]markup[/b]" in out[1]


def test_chat_context_and_insights_tell_the_same_mood_story(db: Any) -> None:
    from datetime import UTC, datetime, timedelta

    from companion.core.flows.chat_context import mood_trend
    from companion.core.insights.sentences import mood_sentences
    from companion.core.store.checkins import add_checkin

    noon = datetime.now(UTC).replace(hour=12, minute=0, second=0, microsecond=0)
    for days_ago, mood in ((10, 8), (9, 8), (8, 7), (3, 5), (2, 4), (1, 5), (0, 4)):
        add_checkin(db, mood, now=noon - timedelta(days=days_ago))
    today = noon.astimezone().date()
    chat = mood_trend(db, today)
    insight = mood_sentences(db, today)[0]
    assert "4.5 out of 10" in chat and "down from 7.7 the week before" in chat
    assert "4.5 out of 10" in insight and "down from 7.7 the week before" in insight
    assert "steady" not in chat


async def test_a_new_conversation_does_not_show_the_last_ones_context_count() -> None:
    from companion.core.config import Settings

    app = make_app(settings=Settings(n_ctx=1024))
    async with app.run_test(size=(100, 30)) as pilot:
        app.action_open("chat")
        screen = app.screen
        for _ in range(1000):
            await pilot.pause(0.02)
            if getattr(screen, "engine_name", None) or getattr(screen, "engine_error", None):
                break
        assert screen.engine_name  # type: ignore[attr-defined]
        screen._context_used = 733  # type: ignore[attr-defined]  # as after a long turn
        screen._set_status()  # type: ignore[attr-defined]
        assert "context 733/1024" in str(screen.query_one("#chat-status", Static).render())
        await pilot.press("ctrl+n")
        await _settle(pilot)
        assert "733" not in str(screen.query_one("#chat-status", Static).render())


def test_moderate_and_severe_scores_get_different_advice() -> None:
    from companion.core.insights import questionnaires as q

    mild = q.explain(q.score("phq9", [1, 1, 1, 1, 0, 0, 0, 0, 0]))
    moderate = q.explain(q.score("phq9", [2, 2, 2, 2, 1, 1, 1, 1, 0]))
    severe = q.explain(q.score("phq9", [3, 3, 3, 3, 3, 2, 2, 2, 0]))
    assert q.SEE_A_PROFESSIONAL not in mild and q.SEE_A_PROFESSIONAL_SOON not in mild
    assert q.SEE_A_PROFESSIONAL in moderate and q.SEE_A_PROFESSIONAL_SOON not in moderate
    assert q.SEE_A_PROFESSIONAL_SOON in severe and q.SEE_A_PROFESSIONAL not in severe


def test_the_report_names_a_positive_question_9(db: Any) -> None:
    from datetime import UTC, date, datetime

    from companion.core.insights import report as rep
    from companion.core.insights.questionnaires import record_result, score

    when = datetime(2026, 11, 2, 12, tzinfo=UTC)
    record_result(db, score("phq9", [0, 0, 0, 0, 0, 0, 0, 0, 1]), now=when)
    record_result(db, score("phq9", [1, 0, 0, 0, 0, 0, 0, 0, 0]), now=when)
    data = rep.build_report(db, date(2026, 10, 24), date(2026, 11, 22), [])
    text = rep.render_markdown(data)
    assert text.count("PHQ-9 question 9") == 1
    assert '"Several days"' in text and "better off dead" in text
    page = rep.render_html(data)
    assert "PHQ-9 question 9" in page and "Several days" in page


async def test_a_short_reply_leaves_no_band_of_blank_rows() -> None:
    from companion.core.config import Settings
    from companion.core.store.conversations import add_message, create_conversation

    app = make_app(settings=Settings(n_ctx=1024, temperature=0.0, max_reply_tokens=8))
    async with app.run_test(size=(80, 24)) as pilot:
        conversation = create_conversation(app.db, "Earlier")
        for number in range(6):
            add_message(app.db, conversation.id, "user", f"earlier message {number}")
            add_message(app.db, conversation.id, "assistant", f"earlier reply {number}")
        app.action_open("chat")
        screen: Any = app.screen
        for _ in range(1000):
            await pilot.pause(0.02)
            if screen.engine_name or screen.engine_error:
                break
        await pilot.press(*"Hi", "enter")
        for _ in range(3000):
            await pilot.pause(0.02)
            if not screen.busy:
                break
        await _settle(pilot)
        log = screen.log_view
        reply = log.children[-1]
        assert reply.styles.min_height is None
        # the reply ends at the bottom of the log, with earlier messages filling the view
        assert log.scroll_y == log.max_scroll_y > 0
        assert reply.region.bottom >= log.region.bottom - 1
