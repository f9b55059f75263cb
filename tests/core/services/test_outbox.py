"""The durable outbox: retries with backoff, dead targets, and rows claimed by a worker that died."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy import select, update

from app.runtime import Runtime
from core.models import OutboxMessage
from core.services.outbox import RetryLater, TargetGone


class FlakyNotifier:
    channel = "console"

    def __init__(self, *errors: Exception) -> None:
        self.errors = list(errors)
        self.sent: list[str] = []

    async def send(self, target: str, payload: dict[str, Any]) -> None:
        if self.errors:
            raise self.errors.pop(0)
        self.sent.append(payload["text"])


async def _row(runtime: Runtime) -> OutboxMessage:
    async with runtime.database.sessions() as session:
        row = await session.scalar(select(OutboxMessage))
        assert row is not None
        return row


async def _make_due(runtime: Runtime) -> None:
    async with runtime.database.sessions.begin() as session:
        await session.execute(update(OutboxMessage).values(next_attempt_at=datetime.now(UTC)))


async def test_retry_after_is_honoured_then_delivered(runtime: Runtime) -> None:
    outbox = runtime.services.outbox
    assert await outbox.post(channel="console", target="dm:bob", kind="t", payload={"text": "hi"}, dedup_key="x")
    assert not await outbox.post(channel="console", target="dm:bob", kind="t", payload={"text": "hi"},
                                 dedup_key="x")
    notifier = FlakyNotifier(RetryLater("429", after=30), RetryLater("502"))
    first = await outbox.deliver_due({"console": notifier})
    assert first.retried == 1
    row = await _row(runtime)
    assert row.status == "pending" and row.attempts == 1 and row.last_error == "429"
    assert row.next_attempt_at > datetime.now(UTC) + timedelta(seconds=25)
    assert (await outbox.deliver_due({"console": notifier})).retried == 0  # not due yet
    await _make_due(runtime)
    await outbox.deliver_due({"console": notifier})
    await _make_due(runtime)
    assert (await outbox.deliver_due({"console": notifier})).sent == 1
    assert notifier.sent == ["hi"]
    assert (await _row(runtime)).attempts == 3


async def test_gone_target_is_marked_dead_and_skipped(runtime: Runtime) -> None:
    outbox = runtime.services.outbox
    await outbox.post(channel="console", target="dm:gone", kind="t", payload={"text": "1"})
    notifier = FlakyNotifier(TargetGone("403 bot was blocked by the user"))
    assert (await outbox.deliver_due({"console": notifier})).dead == 1
    await outbox.post(channel="console", target="dm:gone", kind="t", payload={"text": "2"})
    assert (await outbox.deliver_due({"console": notifier})).dead == 1
    assert notifier.sent == []
    assert await outbox.is_dead("console", "dm:gone")


async def test_row_claimed_by_a_dead_worker_is_delivered_later(runtime: Runtime) -> None:
    outbox = runtime.services.outbox
    await outbox.post(channel="console", target="dm:bob", kind="t", payload={"text": "late"})
    claimed = await outbox.claim({"console"})  # this worker "dies" before sending
    assert len(claimed) == 1
    notifier = FlakyNotifier()
    assert (await outbox.deliver_due({"console": notifier})).sent == 0
    async with runtime.database.sessions.begin() as session:
        await session.execute(update(OutboxMessage).values(claimed_until=datetime.now(UTC) - timedelta(seconds=1)))
    assert (await outbox.deliver_due({"console": notifier})).sent == 1
    assert notifier.sent == ["late"]


async def test_gives_up_after_max_attempts(runtime: Runtime) -> None:
    outbox = runtime.services.outbox
    await outbox.post(channel="console", target="dm:bob", kind="t", payload={"text": "x"})
    notifier = FlakyNotifier(*[RetryLater("500")] * 20)
    for _ in range(runtime.settings.outbox_max_attempts):
        await outbox.deliver_due({"console": notifier})
        await _make_due(runtime)
    row = await _row(runtime)
    assert row.status == "failed" and row.attempts == runtime.settings.outbox_max_attempts
