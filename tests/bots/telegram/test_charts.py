"""A summary in Telegram: the card as a message, then the chart through sendPhoto, within the Bot API's limits."""
from __future__ import annotations

from tests.bots.telegram.conftest import ALICE, TelegramHarness
from tests.fakes.telegram_api import UploadedFile, _png_size


async def test_summary_sends_the_card_and_the_chart_as_a_photo(telegram: TelegramHarness) -> None:
    await telegram.send_text(ALICE, "lunch 250")
    await telegram.press(ALICE, telegram.last_keyboard()["Save"])
    await telegram.send_text(ALICE, "summary")
    # a fourth message to the chat within a second may get a 429: the delivery worker sends it after the pause
    await telegram.runtime.services.outbox.drain(telegram.runtime.notifiers, within=20)
    assert "৳250.00" in telegram.api.last("sendMessage").params["text"]
    call = telegram.api.last("sendPhoto")
    assert call.params["chat_id"] in (111, "111") and call.params["caption"].startswith("Spending · ")
    photo = call.params["photo"]
    assert isinstance(photo, UploadedFile) and photo.filename.endswith(".png")
    assert _png_size(photo.content) == (800, 700)
    sent = [c.method for c in telegram.api.calls if c.method in ("sendMessage", "sendPhoto") and c.status == 200]
    assert sent[-2:] == ["sendMessage", "sendPhoto"], "the card first, then the chart"


async def test_export_as_pdf_goes_out_as_a_document(telegram: TelegramHarness) -> None:
    await telegram.send_text(ALICE, "lunch 250")
    await telegram.press(ALICE, telegram.last_keyboard()["Save"])
    await telegram.send_text(ALICE, "export this month as pdf")
    await telegram.runtime.services.outbox.drain(telegram.runtime.notifiers, within=20)
    document = telegram.api.last("sendDocument").params["document"]
    assert document.filename.endswith(".pdf") and document.content[:5] == b"%PDF-"
