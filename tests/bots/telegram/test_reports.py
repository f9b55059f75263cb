"""Monitoring reports and alerts reach subscribed Telegram chats through the outbox, as HTML within the limits."""
from __future__ import annotations

from tests.bots.telegram.conftest import TelegramHarness
from tests.ops import monitoring_of


async def test_a_subscribed_group_gets_the_batch_report(telegram: TelegramHarness, ccb: str) -> None:
    services = telegram.runtime.services
    await services.subscriptions.add("telegram", "-1001", "batch", by="test")
    async with monitoring_of(telegram.runtime) as monitoring:
        await monitoring.check_batches()
    await services.outbox.drain(telegram.runtime.notifiers, within=20)
    sent = [c.params for c in telegram.api.of("sendMessage") if str(c.params["chat_id"]) == "-1001"]
    assert sent and "<b>" in sent[0]["text"] and "Batch monitoring report" in sent[0]["text"]
    assert "Pending IMD" in sent[0]["text"]
