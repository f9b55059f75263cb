"""Private and group conversations through the webhook, asserted at the fake Bot API."""
from __future__ import annotations

from tests.bots.telegram.conftest import ALICE, BOB, GROUP, MALLORY, TelegramHarness


async def test_private_record_preview_save_and_undo(telegram: TelegramHarness) -> None:
    response = await telegram.send_text(ALICE, "spent 450 tk on fish & chips <3 mum")
    assert response.status == 200
    preview = telegram.api.last("sendMessage").params
    assert preview["parse_mode"] == "HTML"
    assert preview["text"].startswith("<b>Expense · ৳450.00</b>")
    assert "fish &amp; chips &lt;" in preview["text"]  # user text is escaped
    buttons = telegram.last_keyboard()
    assert list(buttons) == ["Save", "Change category", "Cancel"]
    assert all(len(data.encode()) <= 64 for data in buttons.values())
    assert await telegram.entry_count() == 0

    await telegram.press(ALICE, buttons["Save"], message_id=4242)
    edit = telegram.api.last("editMessageText").params
    assert edit["message_id"] in (4242, "4242") and "✓ Saved expense ৳450.00" in edit["text"]
    assert telegram.api.last("answerCallbackQuery").params.get("show_alert") in (None, False, "false")
    assert await telegram.entry_count() == 1

    await telegram.send_text(ALICE, "/undo")
    assert "Removed your last entry" in telegram.api.last("sendMessage").params["text"]
    assert await telegram.entry_count() == 0


async def test_group_split_balances_and_settle(telegram: TelegramHarness) -> None:
    await telegram.send_text(BOB, "/start", chat=GROUP)
    await telegram.send_text(ALICE, "split 900 taxi with @bob @switchboard_bot", chat=GROUP)
    preview = telegram.api.last("sendMessage").params
    assert preview["chat_id"] in (-1001, "-1001") and "bob's share" in preview["text"]
    await telegram.press(ALICE, telegram.last_keyboard()["Save"], chat=GROUP)
    await telegram.send_text(BOB, "/balances@switchboard_bot", chat=GROUP)
    assert "bob owes alice ৳450.00" in telegram.api.last("sendMessage").params["text"]
    await telegram.send_text(BOB, "@switchboard_bot settle up with @alice", chat=GROUP)
    await telegram.press(BOB, telegram.last_keyboard()["Save"], chat=GROUP)
    await telegram.send_text(ALICE, "/balances", chat=GROUP)
    assert "Everyone is settled up" in telegram.api.last("sendMessage").params["text"]


async def test_group_messages_not_addressed_to_the_bot_are_ignored(telegram: TelegramHarness) -> None:
    before = len(telegram.api.of("sendMessage"))
    response = await telegram.send_text(ALICE, "spent 450 on lunch, anyone want to join?", chat=GROUP)
    assert response.status == 200
    assert len(telegram.api.of("sendMessage")) == before


async def test_text_mention_of_someone_without_username(telegram: TelegramHarness) -> None:
    text = "@switchboard_bot split 600 pizza with Nadia"
    entity = {"type": "text_mention", "offset": text.index("Nadia"), "length": 5,
              "user": {"id": 777, "is_bot": False, "first_name": "Nadia"}}
    await telegram.send_text(ALICE, text, chat=GROUP, entities=[entity])
    preview = telegram.api.last("sendMessage").params["text"]
    assert "nadia's share: <b>৳300.00</b>" in preview and "What: <b>pizza</b>" in preview
    await telegram.press(ALICE, telegram.last_keyboard()["Save"], chat=GROUP)
    update = telegram.message_update(ALICE, "/balances", chat=GROUP)
    update["message"]["from"] = {"id": 777, "is_bot": False, "first_name": "Nadia"}  # she writes for the first time
    await telegram.post(update)
    assert "nadia owes alice ৳300.00" in telegram.api.last("sendMessage").params["text"]


async def test_forged_and_foreign_buttons_alert_and_do_nothing(telegram: TelegramHarness) -> None:
    await telegram.send_text(ALICE, "@switchboard_bot lunch 250", chat=GROUP)
    save = telegram.last_keyboard()["Save"]
    await telegram.press(MALLORY, save, chat=GROUP)
    answer = telegram.api.last("answerCallbackQuery").params
    assert answer["show_alert"] in (True, "true") and "Only the person who asked" in answer["text"]
    await telegram.press(ALICE, "forged-callback-data", chat=GROUP)
    answer = telegram.api.last("answerCallbackQuery").params
    assert answer["show_alert"] in (True, "true") and "not valid" in answer["text"]
    assert await telegram.entry_count() == 0
    assert telegram.api.of("editMessageText") == []


async def test_long_reply_is_split_on_lines(telegram: TelegramHarness) -> None:
    from bots.console import turn_for
    from bots.telegram.mapping import Inbound
    from core.replies import Text

    lines = "\n".join(f"line {i} " + "x" * 90 for i in range(120))
    inbound = Inbound(turn_for("alice", None))
    inbound.turn.address = type(inbound.turn.address)("telegram", "111")
    await telegram.channel.deliver(inbound, [Text(lines)])
    sent = [c.params["text"] for c in telegram.api.of("sendMessage")]
    assert len(sent) >= 3 and all(len(t) <= 4096 for t in sent)
    assert "\n".join(sent) == lines


async def test_export_goes_out_as_a_document(telegram: TelegramHarness) -> None:
    await telegram.send_text(ALICE, "lunch 250")
    await telegram.press(ALICE, telegram.last_keyboard()["Save"])
    await telegram.send_text(ALICE, "export as excel")
    call = telegram.api.last("sendDocument")
    assert call.params["chat_id"] in (111, "111") and "1 entries" in call.params["caption"]
    document = call.params["document"]
    assert document.filename.endswith(".xlsx") and document.content[:2] == b"PK"
