"""The chat screen with a model server: replies stream in as with the in-process engine, and a
server that hangs up mid-reply leaves the partial reply stored and one sentence in the log."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from companion.core.config import Settings
from companion.core.store.conversations import list_conversations, list_messages
from companion.ui.cli import app as cli
from companion.ui.tui.widgets.chat_message import NoticeMessage
from tests.server_helpers import Script, scripted_server
from tests.test_chat_tui import _open_chat, _wait_idle
from tests.tui_helpers import make_app

pytestmark = pytest.mark.allow_hosts(["127.0.0.1"])


async def test_a_server_hanging_up_mid_reply_is_one_sentence_and_keeps_the_text() -> None:
    script = Script(["Let's ", "take it ", "slowly. ", "What happened?"], hang_up_after=3)
    with scripted_server(script) as url:
        added = CliRunner().invoke(cli, ["model", "add", "--server", url, "--name", "den"])
        assert added.exit_code == 0, added.stderr
        app = make_app(settings=Settings(model="den", n_ctx=2048, max_reply_tokens=64))
        async with app.run_test(size=(100, 30)) as pilot:
            screen = await _open_chat(pilot, app)
            assert screen.engine_name == "den"
            await pilot.press(*"Work was [b]hard[/b] today", "enter")
            await _wait_idle(pilot, screen)
            conversation = list_conversations(app.db)[0]
            user, reply = list_messages(app.db, conversation.id)
            assert user.content == "Work was [b]hard[/b] today"
            assert reply.content == "Let's take it slowly." and reply.status == "stopped"
            notices = [n.text for n in screen.query(NoticeMessage)]
            status = str(screen.query_one("#chat-status").render())
            assert "stopped answering mid-reply" in status
            assert any("the partial reply is kept" in text for text in notices), notices
            # the server is back: the reply streams in, and the context figure says it is an
            # estimate (this server sends no usage figures)
            script.hang_up_after = None
            await pilot.press(*"Thanks", "enter")
            await _wait_idle(pilot, screen)
            assert list_messages(app.db, conversation.id)[-1].content == (
                "Let's take it slowly. What happened?"
            )
            assert "context ~" in str(screen.query_one("#chat-status").render())
