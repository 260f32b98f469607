"""Chat conversations and their messages, with model name, token counts and timings."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlite_utils import Database
from sqlite_utils.db import NotFoundError

from companion.core.clock import iso, utc_now
from companion.core.store._util import clean_text, dumps, last_id, loads, table


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    created_utc: str
    updated_utc: str
    model: str | None = None
    summary: str = ""
    summary_upto: int = 0

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "title": self.title,
            "created_utc": self.created_utc,
            "updated_utc": self.updated_utc,
            "model": self.model,
            "summary": self.summary,
            "summary_upto": self.summary_upto,
        }


@dataclass(frozen=True)
class Message:
    id: int
    conversation_id: int
    role: str
    content: str
    created_utc: str
    model: str | None = None
    status: str = "ok"
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    ttft_ms: float | None = None
    gen_ms: float | None = None
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "id": self.id,
            "conversation_id": self.conversation_id,
            "role": self.role,
            "content": self.content,
            "created_utc": self.created_utc,
            "model": self.model,
            "status": self.status,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "ttft_ms": self.ttft_ms,
            "gen_ms": self.gen_ms,
            "meta": self.meta,
        }


def _conv(row: dict[str, Any]) -> Conversation:
    return Conversation(
        id=int(row["id"]),
        title=str(row["title"]),
        created_utc=str(row["created_utc"]),
        updated_utc=str(row["updated_utc"]),
        model=row.get("model"),
        summary=str(row.get("summary") or ""),
        summary_upto=int(row.get("summary_upto") or 0),
    )


def _msg(row: dict[str, Any]) -> Message:
    return Message(
        id=int(row["id"]),
        conversation_id=int(row["conversation_id"]),
        role=str(row["role"]),
        content=str(row["content"]),
        created_utc=str(row["created_utc"]),
        model=row.get("model"),
        status=str(row.get("status") or "ok"),
        prompt_tokens=row.get("prompt_tokens"),
        completion_tokens=row.get("completion_tokens"),
        ttft_ms=row.get("ttft_ms"),
        gen_ms=row.get("gen_ms"),
        meta=dict(loads(row.get("meta"), {})),
    )


def create_conversation(
    db: Database,
    title: str = "New conversation",
    *,
    model: str | None = None,
    now: datetime | None = None,
) -> Conversation:
    moment = iso(now or utc_now())
    conversations = table(db, "conversations")
    conversations.insert(
        {
            "title": clean_text(title).strip() or "New conversation",
            "created_utc": moment,
            "updated_utc": moment,
            "model": model,
            "summary": "",
            "summary_upto": 0,
        }
    )
    return get_conversation(db, last_id(conversations))


def get_conversation(db: Database, conversation_id: int) -> Conversation:
    try:
        return _conv(table(db, "conversations").get(conversation_id))
    except NotFoundError:
        raise KeyError(f"There is no conversation {conversation_id}.") from None


def list_conversations(db: Database, *, limit: int | None = None) -> list[Conversation]:
    rows = table(db, "conversations").rows_where(order_by="updated_utc desc, id desc", limit=limit)
    return [_conv(row) for row in rows]


def rename_conversation(db: Database, conversation_id: int, title: str) -> Conversation:
    get_conversation(db, conversation_id)
    table(db, "conversations").update(
        conversation_id, {"title": clean_text(title).strip() or "Untitled"}
    )
    return get_conversation(db, conversation_id)


def set_summary(db: Database, conversation_id: int, summary: str, upto_message_id: int) -> None:
    table(db, "conversations").update(
        conversation_id, {"summary": summary, "summary_upto": upto_message_id}
    )


def delete_conversation(db: Database, conversation_id: int) -> None:
    """Delete a conversation and all its messages together."""
    get_conversation(db, conversation_id)
    with db.atomic():
        db.execute("delete from messages where conversation_id = ?", [conversation_id])
        table(db, "conversations").delete(conversation_id)


def add_message(
    db: Database,
    conversation_id: int,
    role: str,
    content: str,
    *,
    model: str | None = None,
    status: str = "ok",
    prompt_tokens: int | None = None,
    completion_tokens: int | None = None,
    ttft_ms: float | None = None,
    gen_ms: float | None = None,
    meta: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> Message:
    """Append a message and touch the conversation, in one transaction."""
    moment = iso(now or utc_now())
    messages = table(db, "messages")
    with db.atomic():
        messages.insert(
            {
                "conversation_id": conversation_id,
                "role": role,
                "content": clean_text(content),
                "created_utc": moment,
                "model": model,
                "status": status,
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "ttft_ms": ttft_ms,
                "gen_ms": gen_ms,
                "meta": dumps(meta or {}),
            }
        )
        message_id = last_id(messages)
        table(db, "conversations").update(conversation_id, {"updated_utc": moment})
    return get_message(db, message_id)


def get_message(db: Database, message_id: int) -> Message:
    try:
        return _msg(table(db, "messages").get(message_id))
    except NotFoundError:
        raise KeyError(f"There is no message {message_id}.") from None


def update_message(db: Database, message_id: int, **changes: Any) -> Message:
    if "meta" in changes and not isinstance(changes["meta"], str):
        changes["meta"] = dumps(changes["meta"])
    if "content" in changes:
        changes["content"] = clean_text(str(changes["content"]))
    table(db, "messages").update(message_id, changes)
    return get_message(db, message_id)


def delete_message(db: Database, message_id: int) -> None:
    table(db, "messages").delete(message_id)


def list_messages(db: Database, conversation_id: int) -> list[Message]:
    """Oldest first."""
    rows = table(db, "messages").rows_where("conversation_id = ?", [conversation_id], order_by="id")
    return [_msg(row) for row in rows]
