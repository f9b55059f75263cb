"""/healthz and /metrics over real HTTP."""
from __future__ import annotations

from collections.abc import AsyncIterator

import aiohttp
import pytest
from aiohttp import web

from app.runtime import Runtime
from tests.harness import ChatHarness, database_down
from web.app import create_app


@pytest.fixture
async def base_url(runtime: Runtime) -> AsyncIterator[str]:
    runner = web.AppRunner(create_app(runtime.services, runtime.database, {"console": "ready"}))
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = runner.addresses[0][1]
    yield f"http://127.0.0.1:{port}"
    await runner.cleanup()


async def test_healthz_reports_database_and_store(base_url: str) -> None:
    async with aiohttp.ClientSession() as http, http.get(f"{base_url}/healthz") as response:
        body = await response.json()
    assert response.status == 200
    assert body["database"] == "ok" and body["store"] == "ok" and body["status"] == "ok"
    assert body["outbox_depth"] == 0


async def test_healthz_is_503_when_the_database_is_down(base_url: str, runtime: Runtime) -> None:
    async with (database_down(runtime), aiohttp.ClientSession() as http,
                http.get(f"{base_url}/healthz") as response):
        body = await response.json()
    assert response.status == 503 and body["database"].startswith("down")


async def test_metrics_count_turns_by_channel_intent_and_outcome(base_url: str, chat: ChatHarness) -> None:
    await chat.user("alice").say("balances")
    async with aiohttp.ClientSession() as http, http.get(f"{base_url}/metrics") as response:
        text = await response.text()
    assert response.status == 200
    assert 'switchboard_turns_total{channel="console",intent="balances",outcome="ok"}' in text
    assert "switchboard_handler_seconds_bucket" in text
    assert "switchboard_outbox_depth" in text
