"""Webhook security, redelivery, database outages, start-up calls, polling and notifier delivery."""
from __future__ import annotations

import asyncio
import json

import pytest
from pydantic import SecretStr
from sqlalchemy import select

from app.runtime import Runtime
from bots.telegram.channel import TelegramChannel, make_bot
from core.models import OutboxMessage
from tests.bots.telegram.conftest import ALICE, SECRET, TelegramHarness
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.harness import database_down


async def test_startup_sets_webhook_with_secret_and_commands(telegram: TelegramHarness) -> None:
    hook = telegram.api.last("setWebhook").params
    assert hook["url"] == "https://bot.example.com/telegram/webhook"
    assert hook["secret_token"] == SECRET
    assert hook["allowed_updates"] == ["message", "callback_query"] and int(hook["max_connections"]) == 40
    commands = [c["command"] for c in telegram.api.last("setMyCommands").params["commands"]]
    assert {"help", "balances", "list", "undo", "link"} <= set(commands)


@pytest.mark.parametrize("secret", [None, "wrong", SECRET + "x", ""])
async def test_wrong_or_missing_secret_is_refused_with_no_effect(telegram: TelegramHarness, secret: str | None) -> None:
    sent_before = len(telegram.api.calls)
    response = await telegram.post(telegram.message_update(ALICE, "spent 450 tk on groceries"), secret=secret)
    assert response.status == 401
    assert len(telegram.api.calls) == sent_before


async def test_malformed_body_is_400(telegram: TelegramHarness) -> None:
    async with telegram.http.post(f"{telegram.url}/telegram/webhook", data=b"{not json",
                                  headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
        assert response.status == 400
    async with telegram.http.post(f"{telegram.url}/telegram/webhook", json={"message": "no id"},
                                  headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
        assert response.status == 400


async def test_the_same_update_twice_has_one_effect(telegram: TelegramHarness) -> None:
    await telegram.send_text(ALICE, "autosave on")
    update = telegram.message_update(ALICE, "spent 450 tk on groceries")
    first, second = await asyncio.gather(telegram.post(update), telegram.post(update))
    assert first.status == second.status == 200
    assert await telegram.entry_count() == 1
    assert sum("✓ Saved" in c.params["text"] for c in telegram.api.of("sendMessage")) == 1


async def test_database_down_answers_503_then_recovers(telegram: TelegramHarness) -> None:
    telegram.runtime.services.identity.forget_cached()
    update = telegram.message_update(ALICE, "spent 450 tk on groceries")
    async with database_down(telegram.runtime):
        response = await telegram.post(update)
    assert response.status == 503
    assert telegram.api.of("sendMessage") == []
    again = await telegram.post(update)  # Telegram redelivers the same update
    assert again.status == 200
    assert "Expense · ৳450.00" in telegram.api.last("sendMessage").params["text"]


async def test_reply_that_telegram_refuses_is_kept_in_the_outbox(telegram: TelegramHarness) -> None:
    telegram.api.fail_next("sendMessage", 502)
    response = await telegram.send_text(ALICE, "balances")
    assert response.status == 200
    async with telegram.runtime.database.sessions() as session:
        rows = list(await session.scalars(select(OutboxMessage)))
    assert [(r.channel, r.target, r.status) for r in rows] == [("telegram", "111", "pending")]
    report = await telegram.runtime.services.outbox.deliver_due({"telegram": telegram.channel.notifier})
    assert report.sent == 1 and "settled up" in telegram.api.last("sendMessage").params["text"]


async def test_polling_acknowledges_offsets(runtime: Runtime, telegram_api: FakeTelegramAPI) -> None:
    settings = runtime.settings.model_copy(update={
        "telegram_bot_token": SecretStr(telegram_api.token), "telegram_api_base_url": telegram_api.url,
        "telegram_mode": "polling"})
    channel = TelegramChannel(settings, runtime.dispatcher, runtime.services, make_bot(settings))
    for update_id, text in ((501, "hi"), (502, "balances")):
        telegram_api.push_update({"update_id": update_id, "message": {
            "message_id": update_id, "date": 1_790_000_000, "chat": {"id": 111, "type": "private"},
            "from": {"id": 111, "is_bot": False, "first_name": "Alice"}, "text": text}})
    await channel.start()
    for _ in range(100):
        if len(telegram_api.of("sendMessage")) >= 2 and len(telegram_api.of("getUpdates")) >= 2:
            break
        await asyncio.sleep(0.05)
    await channel.stop()
    assert telegram_api.of("deleteWebhook")
    texts = [c.params["text"] for c in telegram_api.of("sendMessage")]
    assert texts[0].startswith("Hi Alice") and "settled up" in texts[1]
    offsets = [int(c.params.get("offset") or 0) for c in telegram_api.of("getUpdates")]
    assert offsets[0] == 0 and 503 in offsets[1:]
    assert telegram_api.updates == []  # acknowledged updates are not handed out again


async def test_notifier_through_429_and_403(telegram: TelegramHarness) -> None:
    outbox = telegram.runtime.services.outbox
    notifier = telegram.channel.notifier
    await outbox.post(channel="telegram", target="111", kind="alert", payload={"kind": "text", "text": "one"})
    await outbox.post(channel="telegram", target="222", kind="alert", payload={"kind": "text", "text": "two"})
    telegram.api.fail_next("sendMessage", 429, "Too Many Requests: retry after 1", retry_after=1)
    telegram.api.block_chat(222)
    first = await outbox.deliver_due({"telegram": notifier})
    assert (first.sent, first.retried, first.dead) == (0, 1, 1)
    assert notifier.pacer.wait_for_chat("111") > 0.5  # only that chat is paused
    await asyncio.sleep(1.1)
    from datetime import UTC, datetime

    from sqlalchemy import update

    async with telegram.runtime.database.sessions.begin() as session:
        await session.execute(update(OutboxMessage).values(next_attempt_at=datetime.now(UTC)))
    second = await outbox.deliver_due({"telegram": notifier})
    assert second.sent == 1
    assert [c.params["text"] for c in telegram.api.of("sendMessage")] == ["one"]
    assert await outbox.is_dead("telegram", "222")


async def test_deeply_nested_body_is_400_and_the_server_keeps_answering(telegram: TelegramHarness) -> None:
    body = b'{"update_id": 1, "x": ' + b'{"a": ' * 1000 + b"1" + b"}" * 1000 + b"}"
    async with telegram.http.post(f"{telegram.url}/telegram/webhook", data=body,
                                  headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
        assert response.status == 400
    assert (await telegram.send_text(ALICE, "help")).status == 200


async def test_a_lone_surrogate_is_kept_harmless(telegram: TelegramHarness) -> None:
    update = telegram.message_update(ALICE, "spent 450 tk on groceries")
    body = json.dumps(update).replace("groceries", "groc\\ud800eries").encode()
    async with telegram.http.post(f"{telegram.url}/telegram/webhook", data=body,
                                  headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as response:
        assert response.status == 200
    preview = telegram.api.last("sendMessage").params["text"]
    assert "450" in preview and "\ufffd" in preview
