"""A bank statement sent as a Telegram document: getFile, the download, the summary card, Import, the entries."""
from __future__ import annotations

import itertools
from datetime import date, timedelta
from typing import Any

from tests.bots.telegram.conftest import ALICE, TelegramHarness

_ids = itertools.count(9_000_000)
DAY = date.today().replace(day=1) - timedelta(days=20)
STATEMENT = ("Date,Description,Amount\n" + "\n".join(
    f"{DAY + timedelta(days=n):%d/%m/%Y},Shop {n},-{100 + n}" for n in range(12)) + "\n").encode()


def document_update(telegram: TelegramHarness, content: bytes, name: str) -> dict[str, Any]:
    document = telegram.api.add_file(content, name)
    chat = {"id": ALICE.id, "type": "private", "first_name": ALICE.first_name}
    return {"update_id": next(_ids), "message": {"message_id": next(_ids), "date": 1_790_000_000, "chat": chat,
                                                 "from": ALICE.as_dict(), "document": document}}


async def test_a_statement_sent_as_a_document_is_imported(telegram: TelegramHarness) -> None:
    response = await telegram.post(document_update(telegram, STATEMENT, "statement.csv"))
    assert response.status == 200
    assert [c.params["file_id"] for c in telegram.api.of("getFile")] == ["file1"]
    assert telegram.api.downloads == ["documents/file1.bin"]
    card = telegram.api.last("sendMessage").params["text"]
    assert "<b>Import · statement.csv</b>" in card and "Rows: <b>12</b>" in card
    assert await telegram.entry_count() == 0
    keys = telegram.last_keyboard()
    await telegram.press(ALICE, keys["Import"])
    assert "✓ Imported 12 entries from statement.csv" in telegram.api.last("editMessageText").params["text"]
    assert await telegram.entry_count() == 12
    await telegram.press(ALICE, keys["Import"])  # pressed again: nothing more
    assert await telegram.entry_count() == 12


async def test_a_document_too_large_is_not_downloaded(telegram: TelegramHarness) -> None:
    update = document_update(telegram, b"x" * 10, "huge.csv")
    update["message"]["document"]["file_size"] = 60_000_000
    await telegram.post(update)
    assert telegram.api.of("getFile") == [] and telegram.api.downloads == []
    assert "huge.csv is 60.0 MB" in telegram.api.last("sendMessage").params["text"]
