"""`POST /api/alerts` over real HTTP: keys, limits and malformed bodies get the status the contract names."""
from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from app.runtime import Runtime
from tests.fakes.local_server import start
from web.app import create_app

ALERT = {"topic": "payments", "title": "Gateway timeouts", "text": "p95 over 5 s", "severity": "critical",
         "key": "gw", "facts": [["p95", "5.2 s"], ["region", 2]]}


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"alerts_per_key_per_minute": 5}


@pytest.fixture
async def api(runtime: Runtime) -> AsyncIterator[tuple[aiohttp.ClientSession, str]]:
    runner, url = await start(create_app(runtime.services, runtime.database))
    async with aiohttp.ClientSession() as http:
        yield http, f"{url}/api/alerts"
    await runner.cleanup()


async def post(api: tuple[aiohttp.ClientSession, str], body: Any, key: str | None, *,
               raw: bytes | None = None) -> tuple[int, dict[str, Any]]:
    http, url = api
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    async with http.post(url, json=None if raw is not None else body, data=raw, headers=headers) as response:
        return response.status, await response.json()


async def test_a_key_raises_alerts_and_the_same_key_updates_the_open_one(
        runtime: Runtime, api: tuple[aiohttp.ClientSession, str]) -> None:
    key = await runtime.services.api_keys.create("payments-gw")
    status, first = await post(api, ALERT, key)
    assert status == 202 and first["new"] is True
    status, again = await post(api, ALERT | {"text": "p95 over 7 s"}, key)
    assert status == 202 and again == {"alert_id": first["alert_id"], "new": False, "state": "open", "count": 2}
    stored = await runtime.services.alerts.get(first["alert_id"])
    assert stored is not None and stored.text == "p95 over 7 s" and stored.source == "api:payments-gw"
    assert ("region", "2") in stored.facts
    listed = {k.name: k for k in await runtime.services.api_keys.all()}
    assert listed["payments-gw"].last_used_at is not None


async def test_without_a_valid_key_nothing_is_raised(runtime: Runtime,
                                                     api: tuple[aiohttp.ClientSession, str]) -> None:
    key = await runtime.services.api_keys.create("old")
    assert (await post(api, ALERT, None))[0] == 401
    assert (await post(api, ALERT, "sbk_00000000_" + "x" * 32))[0] == 401
    assert (await post(api, ALERT, key[:-1] + ("A" if key[-1] != "A" else "B")))[0] == 401
    assert await runtime.services.api_keys.revoke("old")
    status, body = await post(api, ALERT, key)
    assert status == 401 and "revoked" in body["error"]
    assert await runtime.services.alerts.live() == []


async def test_oversized_malformed_and_too_many_requests_are_refused(
        runtime: Runtime, api: tuple[aiohttp.ClientSession, str]) -> None:
    key = await runtime.services.api_keys.create("noisy")
    status, body = await post(api, ALERT | {"text": "x" * 29_000}, key)
    assert status == 413
    status, body = await post(api, None, key, raw=b'{"topic": "payments", "title": ')
    assert status == 400 and "not JSON" in body["error"]
    status, body = await post(api, {"topic": "payments", "text": "no title"}, key)
    assert status == 400 and "'title' is required" in body["error"]
    statuses = [(await post(api, ALERT | {"key": f"k{n}"}, key))[0] for n in range(4)]
    assert statuses == [202, 202, 202, 429], "5 a minute per key, the two malformed bodies counted"
    other = await runtime.services.api_keys.create("quiet")
    assert (await post(api, ALERT, other))[0] == 202, "the limit is per key"
