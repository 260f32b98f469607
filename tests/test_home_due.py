"""Home's "Coming up" opens what each typed due item leads to (no reading of display text)."""

from __future__ import annotations

from datetime import timedelta

from textual.widgets import OptionList, TextArea

from companion.core.flows.drafts import DraftKey
from companion.core.flows.questionnaire import submit_questionnaire
from companion.core.store import drafts, journal, open_db
from companion.ui.tui.screens.entry_editor import EntryEditorScreen
from companion.ui.tui.screens.questionnaire import QuestionnaireScreen
from tests.tui_helpers import FIXED_NOW, make_app


async def test_a_questionnaire_due_again_opens_that_questionnaire() -> None:
    db = open_db()
    submit_questionnaire(db, "gad7", [0] * 7, now=FIXED_NOW - timedelta(days=20))
    submit_questionnaire(db, "phq9", [0] * 9, now=FIXED_NOW - timedelta(days=30))
    db.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        due = app.screen.query_one("#due", OptionList)
        assert "PHQ-9" in str(due.get_option_at_index(0).prompt)
        due.focus()
        await pilot.press("down", "enter")  # the second: the GAD-7, 20 days ago
        await pilot.pause()
        assert isinstance(app.screen, QuestionnaireScreen)
        assert app.screen.spec.key == "gad7"


async def test_unsaved_changes_to_an_entry_reopen_that_entry_with_them() -> None:
    db = open_db()
    entry = journal.add_entry(db, "the first version")
    drafts.save_draft(db, str(DraftKey.journal(entry.id)), "the first version, changed")
    db.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        due = app.screen.query_one("#due", OptionList)
        assert f"journal entry {entry.id}" in str(due.get_option_at_index(0).prompt)
        due.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, EntryEditorScreen)
        assert app.screen.query_one(TextArea).text == "the first version, changed"
