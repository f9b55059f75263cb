"""People in a group split hear about it in their private chat with the bot, when they have one."""
from __future__ import annotations

from sqlalchemy import select

from core.models import OutboxMessage
from tests.bots.telegram.conftest import ALICE, BOB, GROUP, TelegramHarness


async def _split_with_bob_and_nadia(telegram: TelegramHarness) -> None:
    text = "@switchboard_bot split 900 taxi with @bob Nadia"
    nadia = {"type": "text_mention", "offset": text.index("Nadia"), "length": 5,
             "user": {"id": 777, "is_bot": False, "first_name": "Nadia"}}  # known by id, never wrote to the bot
    await telegram.send_text(ALICE, text, chat=GROUP, entities=[nadia])
    await telegram.press(ALICE, telegram.last_keyboard()["Save"], chat=GROUP)


async def test_a_split_is_told_in_the_private_chat_of_those_who_have_one(telegram: TelegramHarness) -> None:
    await telegram.send_text(BOB, "/start")  # bob has a private chat with the bot; nadia has none
    await _split_with_bob_and_nadia(telegram)
    async with telegram.runtime.database.sessions() as session:
        assert [row.target for row in await session.scalars(select(OutboxMessage).where(
            OutboxMessage.kind == "split_notice"))] == [f"user:{BOB.id}"]
    report = await telegram.runtime.services.outbox.deliver_due({"telegram": telegram.channel.notifier})
    assert report.sent == 1
    notice = telegram.api.last("sendMessage").params
    assert str(notice["chat_id"]) == str(BOB.id)
    assert notice["text"] == "alice added you to taxi: your share is 300.00 BDT."


async def test_a_blocked_private_chat_gets_no_split_notice(telegram: TelegramHarness) -> None:
    await telegram.send_text(BOB, "/start")
    await telegram.runtime.services.outbox.mark_dead("telegram", str(BOB.id), "403: bot was blocked by the user")
    await _split_with_bob_and_nadia(telegram)
    sent = len(telegram.api.of("sendMessage"))
    report = await telegram.runtime.services.outbox.deliver_due({"telegram": telegram.channel.notifier})
    assert (report.sent, report.dead) == (0, 1)
    assert len(telegram.api.of("sendMessage")) == sent
