"""The flows both front ends call, headless: each takes the store and what the person gave,
does every step the product promises in one place, and returns a typed, frozen result that the
TUI and the CLI only render.

- ``journal.save_entry``: the safety flow on the text first, then the entry is saved.
- ``checkin.parse_checkin`` / ``checkin.record_checkin``: one emotions parser, the safety flow
  on the note, the check-in saved.
- ``questionnaire.submit_questionnaire``: PHQ-9 / GAD-7 scored and saved, item 9 handled.
- ``exercise_help.suggest_for_step``: what to suggest for an exercise step, safety first.
- ``drafts.DraftKey``: the typed key of every draft and what it opens.
- ``due.due_items``: what Home lists as coming up, typed (kind, route, title, sentence).
- ``warm.warm_up``: loads the safety check ahead of the first save, off the UI thread.

Nothing here imports Textual, Typer or Rich's console; the submodules are imported on their own
(this package imports none of them), so the quick commands pay only for what they use.
"""
