"""The turn journal: one run of an update at a time, its mark and replies committed together, once."""
from __future__ import annotations

import asyncio
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import DBAPIError

from app.runtime import Runtime
from core.errors import Unavailable
from core.models import HandledTurn, OutboxMessage
from core.outages import is_outage
from core.services.turns import Outgoing, StillRunning, TurnJournal
from tests.harness import ChatHarness


async def outbox_rows(runtime: Runtime) -> int:
    async with runtime.database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(OutboxMessage)) or 0)


async def test_two_runs_of_one_update_commit_one_set_of_replies(runtime: Runtime) -> None:
    journal = runtime.services.turns
    replies = [Outgoing("telegram", "42", {"kind": "text", "text": "hello"})]
    first, second = await asyncio.gather(journal.complete("telegram", "7", "t1", "telegram:42", replies),
                                         journal.complete("telegram", "7", "t2", "telegram:42", replies))
    assert sorted([first is None, second is None]) == [False, True]
    assert await outbox_rows(runtime) == 1
    assert not await journal.begin("telegram", "7", "t3", "telegram:42")  # handled: a redelivery is skipped


async def test_a_running_update_holds_off_its_redelivery(runtime: Runtime) -> None:
    journal = runtime.services.turns
    journal._wait = 0.2  # type: ignore[attr-defined]
    assert await journal.begin("telegram", "8", "t1", "telegram:42")
    with pytest.raises(StillRunning):
        await journal.begin("telegram", "8", "t2", "telegram:42")
    await journal.abandon("telegram", "8", "t1", "telegram:42")  # the first run failed: the next one may run it
    assert await journal.begin("telegram", "8", "t3", "telegram:42")


async def test_a_chat_runs_one_update_at_a_time_in_order(runtime: Runtime) -> None:
    journal = runtime.services.turns
    order: list[str] = []
    assert await journal.begin("telegram", "10", "t10", "telegram:42")

    async def second() -> None:
        assert await journal.begin("telegram", "11", "t11", "telegram:42")
        order.append("11 runs")
        await journal.complete("telegram", "11", "t11", "telegram:42", [])

    waiting = asyncio.create_task(second())
    assert await journal.begin("telegram", "20", "t20", "telegram:99")  # another chat is not held up
    await asyncio.sleep(0.1)
    order.append("10 done")
    await journal.complete("telegram", "10", "t10", "telegram:42", [])
    await waiting
    assert order == ["10 done", "11 runs"]


async def test_old_marks_are_forgotten(runtime: Runtime) -> None:
    journal = runtime.services.turns
    await journal.complete("telegram", "9", "t1", "telegram:42", [])
    assert await journal.forget_older_than(3600) == 0
    await asyncio.sleep(0.01)
    assert await journal.forget_older_than(0) == 1
    async with runtime.database.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(HandledTurn)) == 0


class LostConnection(Exception):
    sqlstate = "08006"


def test_outages_are_told_apart_from_bugs() -> None:
    assert is_outage(DBAPIError("SELECT 1", {}, LostConnection("connection lost")))
    assert is_outage(DBAPIError("SELECT 1", {}, Exception("x"), connection_invalidated=True))
    assert is_outage(ConnectionRefusedError())
    assert not is_outage(DBAPIError("INSERT", {}, Exception("duplicate key")))
    assert not is_outage(ValueError("bug"))


async def test_a_dropped_connection_while_auditing_is_try_later(chat: ChatHarness,
                                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    async def dropped(**kwargs: Any) -> None:
        raise DBAPIError("INSERT INTO audit_log", {}, LostConnection("server closed the connection"))

    monkeypatch.setattr(chat.runtime.services.audit, "record", dropped)
    with pytest.raises(Unavailable):
        await chat.user("alice").say("balances", inbound_id="u-77")


class Crash(BaseException):
    """Stands for kill -9 right after the update's writes, before its handled mark: nothing of ours runs."""


async def crash_after_effects(chat: ChatHarness, monkeypatch: pytest.MonkeyPatch, who: str, text: str,
                              inbound: str) -> None:
    async def crash(*args: Any, **kwargs: Any) -> None:
        raise Crash

    journal = chat.runtime.services.turns
    with monkeypatch.context() as patch:
        patch.setattr(journal, "complete", crash)
        patch.setattr(journal, "abandon", crash)
        with pytest.raises(Crash):
            await chat.user(who).say(text, inbound_id=inbound)
    await asyncio.sleep(0.25)  # the dead run's lease runs out


class TestRerunAfterCrash:
    @pytest.fixture
    def settings_overrides(self) -> dict[str, Any]:
        return {"inbound_lease_seconds": 0.2}

    async def test_an_autosaved_entry_is_not_saved_twice_by_the_rerun(self, chat: ChatHarness,
                                                                           monkeypatch: pytest.MonkeyPatch) -> None:
        await chat.user("alice").say("autosave on")
        await crash_after_effects(chat, monkeypatch, "alice", "spent 450 tk on groceries", "u-1")
        assert await chat.entry_count() == 1
        rerun = await chat.user("alice").say("spent 450 tk on groceries", inbound_id="u-1")
        assert "Saved" in rerun.text
        assert await chat.entry_count() == 1


    async def test_an_undo_is_not_repeated_by_the_rerun(self, chat: ChatHarness,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
        alice = chat.user("alice")
        for text in ("lunch 100", "lunch 200"):
            await alice.press(await alice.say(text), "Save")
        await crash_after_effects(chat, monkeypatch, "alice", "undo", "u-2")
        assert await chat.entry_count() == 1
        rerun = await alice.say("undo", inbound_id="u-2")
        assert "200" in rerun.text
        assert await chat.entry_count() == 1  # lunch 100 is still there


async def test_a_reply_too_slow_to_send_before_its_claim_ends_is_left_to_the_worker(runtime: Runtime) -> None:
    journal = TurnJournal(runtime.database.sessions, runtime.store, lease_seconds=5, remember_seconds=60,
                          reply_claim_seconds=2.5)  # 0.5 s to send before the 2 s margin
    queued = await journal.queue([Outgoing("console", "dm:alice", {"kind": "text", "text": "one"}),
                                  Outgoing("console", "dm:alice", {"kind": "text", "text": "two"})])
    sent: list[str] = []

    async def slow(target: str, payload: dict[str, Any]) -> None:
        await asyncio.sleep(1)
        sent.append(payload["text"])

    assert await runtime.services.outbox.deliver_now(queued, slow) == 0
    assert sent == []  # cut off before the worker could also send it
    async with runtime.database.sessions() as session:
        statuses = list(await session.scalars(select(OutboxMessage.status).order_by(OutboxMessage.id)))
    assert statuses == ["pending", "pending"]  # due for the worker now, in order
