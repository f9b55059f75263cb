"""Customer lookups in Telegram: the card's buttons change the same message, at the fake Bot API."""
from __future__ import annotations

from integrations.ccb.seed import account_id, meter_no
from tests.bots.telegram.conftest import ALICE, BOB, GROUP, TelegramHarness


async def operator(telegram: TelegramHarness, name: str = "alice") -> None:
    """First contact creates the platform user; an admin then makes them an operator."""
    await telegram.send_text(ALICE, "hi")
    await telegram.runtime.services.identity.grant(name, "operator")


async def test_lookup_card_buttons_edit_the_same_message(telegram: TelegramHarness, ccb: str) -> None:
    telegram.api.per_chat_per_second = 10  # four answers in a second; the flood limit has tests of its own
    await operator(telegram)
    await telegram.send_text(ALICE, f"customer {account_id(3)}")
    card = telegram.api.last("sendMessage").params
    assert card["text"].startswith(f"<b>Customer {account_id(3)}</b>")
    assert f"Meter: <b>{meter_no(3)}</b>" in card["text"] and "Balance: <b>" in card["text"]
    buttons = telegram.last_keyboard()
    assert list(buttons) == ["Balance", "Monthly billing", "Recharge history", "Search another"]
    sent = len(telegram.api.of("sendMessage"))

    await telegram.press(ALICE, buttons["Monthly billing"], message_id=7001)
    edit = telegram.api.last("editMessageText").params
    assert edit["message_id"] in (7001, "7001") and "Consumption:" in edit["text"] and "kWh" in edit["text"]
    assert list(telegram.last_keyboard("editMessageText")) == ["Info", "Balance", "Recharge history",
                                                               "Search another"]
    await telegram.press(ALICE, telegram.last_keyboard("editMessageText")["Recharge history"], message_id=7001)
    assert "Total of " in telegram.api.last("editMessageText").params["text"]
    assert len(telegram.api.of("sendMessage")) == sent, "every view replaced the card instead of adding one"
    assert len(telegram.api.of("answerCallbackQuery")) == 2


async def test_lookup_in_a_group_is_masked_and_a_member_is_refused(telegram: TelegramHarness, ccb: str) -> None:
    await operator(telegram)
    bot = telegram.api.bot_username
    await telegram.send_text(ALICE, f"@{bot} customer {account_id(4)}", chat=GROUP)
    card = telegram.api.last("sendMessage").params["text"]
    assert "Address: <b>hidden in group chats</b>" in card
    assert "*" in card.split("Name: ", 1)[1].split("\n", 1)[0], "the name is masked"

    await telegram.send_text(BOB, f"customer {account_id(4)}")
    refusal = telegram.api.last("sendMessage").params["text"]
    assert "customer lookups are for operators" in refusal and account_id(4) not in refusal
