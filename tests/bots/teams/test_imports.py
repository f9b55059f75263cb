"""A bank statement sent as a file in a Teams 1:1 chat: the download URL Teams gives, the summary card, Import."""
from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import pytest
from aiohttp import web

from tests.bots.teams.conftest import ALICE, TeamsHarness
from tests.fakes.local_server import start

DAY = date.today().replace(day=1) - timedelta(days=20)
STATEMENT = ("Date,Description,Amount\n" + "\n".join(
    f"{DAY + timedelta(days=n):%d/%m/%Y},Shop {n},-{100 + n}" for n in range(7)) + "\n").encode()


@pytest.fixture
async def sharepoint() -> AsyncIterator[str]:
    """Where Teams' pre-authorised download URLs point (OneDrive / SharePoint)."""
    app = web.Application()
    app.router.add_get("/download/statement.csv", _file)
    runner, url = await start(app)
    yield url
    await runner.cleanup()


async def _file(_request: web.Request) -> web.Response:
    return web.Response(body=STATEMENT, content_type="application/octet-stream")


async def test_a_file_in_a_personal_chat_is_imported(teams: TeamsHarness, sharepoint: str) -> None:
    attachment = {"contentType": "application/vnd.microsoft.teams.file.download.info", "name": "statement.csv",
                  "contentUrl": f"{sharepoint}/personal/alice/statement.csv",
                  "content": {"downloadUrl": f"{sharepoint}/download/statement.csv", "uniqueId": "u1",
                              "fileType": "csv"}}
    activity = teams.activity("message", ALICE, {"id": "a:personal-alice", "conversationType": "personal"},
                              text="", attachments=[attachment])
    response = await teams.post(activity)
    assert response.status in (200, 201)
    card = teams.last_card("a:personal-alice")
    assert card["body"][0]["text"] == "Import · statement.csv"
    buttons = teams.buttons(card)
    assert list(buttons)[:3] == ["Import", "Review", "Cancel"]
    answer = await teams.execute(ALICE, buttons["Import"])
    assert "✓ Imported 7 entries from statement.csv" in str(answer["value"])
    assert await teams.entry_count() == 7
