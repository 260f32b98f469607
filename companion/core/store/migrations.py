"""The schema, as a sequence of sqlite-utils migrations applied on open.

Each function is one change, with a comment saying why. Never edit a migration that has shipped:
add a new one. m003 bundles four changes (two new tables, a column with its index, two indexes)
against that rule; it stays as it is, because people's databases have applied it and a changed
migration would leave theirs different from a new one. Every migration after it changes the
schema of one table at most (its indexes, triggers and search index count with it), or only
rows: tests/test_store_migrations.py checks this. Timestamps are ISO 8601 UTC text ("2026-11-22T02:11:32.123456+00:00"); each
dated row also keeps the person's local calendar date ("2026-11-22") so days are counted the
way the person lived them, whatever the time zone later. Structured fields are JSON text.
"""

from __future__ import annotations

from sqlite_utils import Database, Migrations

from companion.core.store._util import dumps, loads, table

migrations = Migrations("companion")


@migrations()
def m001_core_tables(db: Database) -> None:
    # The first schema: journal, mood check-ins, exercise records, questionnaires,
    # conversations with their messages, the safety plan, and key/value settings.
    table(db, "journal_entries").create(
        {
            "id": int,
            "created_utc": str,
            "updated_utc": str,
            "local_date": str,
            "body": str,
            "tags": str,  # JSON list of strings
        },
        pk="id",
        not_null={"created_utc", "updated_utc", "local_date", "body"},
        defaults={"tags": "[]"},
    )
    table(db, "journal_entries").create_index(["local_date"])
    table(db, "checkins").create(
        {
            "id": int,
            "created_utc": str,
            "local_date": str,
            "mood": int,  # 0-10
            "emotions": str,  # JSON object {name: intensity 0-100}
            "note": str,
        },
        pk="id",
        not_null={"created_utc", "local_date", "mood"},
        defaults={"emotions": "{}", "note": ""},
    )
    table(db, "checkins").create_index(["local_date"])
    table(db, "exercises").create(
        {
            "id": int,
            "type": str,  # definition name, e.g. "thought_record"
            "status": str,  # "draft" | "complete"
            "data": str,  # JSON object: step id -> answer
            "step": int,  # index of the step the person is on (drafts)
            "started_utc": str,
            "updated_utc": str,
            "completed_utc": str,
            "local_date": str,
            "search_text": str,  # the free text of the answers, for full-text search
        },
        pk="id",
        not_null={"type", "status", "started_utc", "updated_utc", "local_date"},
        defaults={"data": "{}", "step": 0, "search_text": ""},
    )
    table(db, "exercises").create_index(["type", "status"])
    table(db, "assessments").create(
        {
            "id": int,
            "instrument": str,  # "phq9" | "gad7"
            "answers": str,  # JSON list of ints
            "total": int,
            "band": str,
            "created_utc": str,
            "local_date": str,
        },
        pk="id",
        not_null={"instrument", "answers", "total", "band", "created_utc", "local_date"},
    )
    table(db, "conversations").create(
        {
            "id": int,
            "title": str,
            "created_utc": str,
            "updated_utc": str,
            "model": str,
            "summary": str,  # model-written summary of older turns
            "summary_upto": int,  # id of the last message the summary covers
        },
        pk="id",
        not_null={"title", "created_utc", "updated_utc"},
        defaults={"summary": "", "summary_upto": 0},
    )
    table(db, "messages").create(
        {
            "id": int,
            "conversation_id": int,
            "role": str,  # "user" | "assistant" | "system"
            "content": str,
            "created_utc": str,
            "model": str,
            "status": str,  # "ok" | "stopped" | "replaced" | "error"
            "prompt_tokens": int,
            "completion_tokens": int,
            "ttft_ms": float,
            "gen_ms": float,
            "meta": str,  # JSON object: safety level, guard reason, ...
        },
        pk="id",
        not_null={"conversation_id", "role", "content", "created_utc"},
        defaults={"status": "ok", "meta": "{}"},
        foreign_keys=[("conversation_id", "conversations", "id")],
    )
    table(db, "messages").create_index(["conversation_id", "id"])
    table(db, "safety_plan").create(
        {"section": str, "items": str, "updated_utc": str},  # items: JSON list of strings
        pk="section",
        not_null={"items", "updated_utc"},
    )
    table(db, "settings").create({"key": str, "value": str}, pk="key")  # value: JSON


@migrations()
def m002_full_text_search(db: Database) -> None:
    # Full-text search over journal bodies, exercise text and chat messages. sqlite-utils
    # creates FTS5 tables with triggers, so inserts, edits and deletes keep the index in step.
    table(db, "journal_entries").enable_fts(
        ["body", "tags"], create_triggers=True, tokenize="porter"
    )
    table(db, "exercises").enable_fts(["search_text"], create_triggers=True, tokenize="porter")
    table(db, "messages").enable_fts(["content"], create_triggers=True, tokenize="porter")


@migrations()
def m003_drafts_and_safety_events(db: Database) -> None:
    # Editor drafts saved as the person types (a draft survives a kill), and a record of safety
    # events: the level, when and where, never the text again.
    table(db, "drafts").create(
        {"key": str, "body": str, "updated_utc": str},
        pk="key",
        not_null={"body", "updated_utc"},
    )
    table(db, "safety_events").create(
        {
            "id": int,
            "created_utc": str,
            "level": str,  # "concern" | "crisis"
            "source": str,  # "chat" | "journal" | "exercise" | "assessment" | ...
            "reasons": str,  # JSON list of short reason codes
        },
        pk="id",
        not_null={"created_utc", "level", "source"},
        defaults={"reasons": "[]"},
    )
    # Exercises with a follow-up (behavioural experiments) carry the date it is due.
    table(db, "exercises").add_column("follow_up_date", str)
    table(db, "exercises").create_index(["follow_up_date"])
    # Lists are newest first: index the timestamps they sort on.
    table(db, "journal_entries").create_index(["created_utc"])
    table(db, "checkins").create_index(["created_utc"])


@migrations()
def m004_tags_from_text(db: Database) -> None:
    # Tags written in an entry's text (#work, @sam, as in jrnl) now count as its tags, kept
    # lower case without the sign in the `tags` JSON list with any given explicitly; new saves
    # read them (store/tags.py). This reads them from the entries written before, and brings
    # explicit tags to the same form ("#Work" -> "work").
    from companion.core.store.tags import merge_tags

    rows = db.execute("select id, body, tags from journal_entries").fetchall()
    for entry_id, body, tags in rows:
        explicit = loads(tags, [])
        merged = merge_tags(
            body or "", [str(t) for t in explicit] if isinstance(explicit, list) else []
        )
        if merged != explicit:
            db.execute(
                "update journal_entries set tags = ? where id = ?", [dumps(merged), entry_id]
            )
