"""Middlewares: dedup, rate limit, audit, friendly errors, dependency failures, route registration."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from core.context import Context
from core.errors import Unavailable
from core.models import AuditRecord
from core.router import DuplicateRoute, Router, RouteTable
from tests.harness import ChatHarness, database_down


async def test_redelivered_inbound_id_has_no_second_effect(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    first = await alice.say("autosave on", inbound_id="u-1")
    assert first.replies
    await alice.say("spent 450 tk on groceries", inbound_id="u-2")
    again = await alice.say("spent 450 tk on groceries", inbound_id="u-2")
    assert again.replies == []
    assert await chat.entry_count() == 1


class TestRateLimit:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        return {"rate_limit_per_minute": 3}

    async def test_fourth_message_in_a_minute_is_slowed_down(self, chat: ChatHarness) -> None:
        bob = chat.user("bob")
        for _ in range(3):
            assert "Hi bob" in (await bob.say("hi")).text
        assert "faster than I can keep up" in (await bob.say("hi")).text
        assert (await bob.say("hi")).replies == []  # told once per window
        assert "Hi carol" in (await chat.user("carol").say("hi")).text


async def test_every_turn_is_audited_with_parser_and_outcome(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("lunch 250", chat="team")
    await chat.user("mallory").press(preview, "Save", chat="team")
    async with chat.runtime.database.sessions() as session:
        rows = list(await session.scalars(select(AuditRecord).order_by(AuditRecord.id)))
    assert [(r.intent, r.outcome) for r in rows] == [("record_transaction", "ok"), ("press", "denied")]
    assert rows[0].chat == "group:team" and rows[0].channel == "console"
    assert rows[0].detail["parser"] == "rules"


async def test_unexpected_error_becomes_apology_with_reference(chat: ChatHarness, monkeypatch: Any,
                                                                caplog: pytest.LogCaptureFixture) -> None:
    async def broken(*args: Any, **kwargs: Any) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(chat.runtime.services.reports, "balances", broken)
    said = await chat.user("alice").say("balances")
    assert "something went wrong" in said.text and "reference:" in said.text
    reference = said.text.rsplit(" ", 1)[-1]
    assert any(reference in r.getMessage() and r.exc_info for r in caplog.records)


async def test_database_down_raises_unavailable_and_writes_nothing(chat: ChatHarness) -> None:
    alice = chat.user("alice")
    preview = await alice.say("lunch 250")
    async with database_down(chat.runtime):
        with pytest.raises(Unavailable):
            await alice.press(preview, "Save")
    assert await chat.entry_count() == 0
    saved = await alice.press(preview, "Save")  # after recovery the same press works
    assert "✓ Saved" in saved.text


def test_duplicate_routes_fail_at_startup() -> None:
    one, two = Router("one"), Router("two")

    @one.intent("balances")
    async def first(ctx: Context) -> None: ...

    @two.intent("balances")
    async def second(ctx: Context) -> None: ...

    with pytest.raises(DuplicateRoute, match="balances"):
        RouteTable([one, two])
    with pytest.raises(DuplicateRoute):
        one.intent("balances")(first)
