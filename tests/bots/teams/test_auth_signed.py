"""A well-formed but unverifiable token is refused too (the signing keys cannot be trusted or fetched)."""
from __future__ import annotations

import base64
import json
import time

from pydantic import SecretStr

from app.runtime import Runtime
from bots.teams.channel import TeamsChannel
from tests.bots.teams.conftest import ALICE, TeamsHarness, conversation, serve
from tests.fakes.bot_connector import FakeBotConnector


def b64(data: dict) -> str:  # type: ignore[type-arg]
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


async def test_unverifiable_jwt_is_401(runtime: Runtime, connector: FakeBotConnector) -> None:
    app_id = "00000000-0000-0000-0000-000000000001"
    settings = runtime.settings.model_copy(update={
        "microsoft_app_id": app_id, "microsoft_app_password": SecretStr("x"), "microsoft_app_type": "MultiTenant"})
    channel = TeamsChannel(settings, runtime.dispatcher, runtime.services)
    runner, url = await serve(runtime, channel)
    harness = TeamsHarness(connector, url, runtime, channel)
    token = ".".join([b64({"alg": "RS256", "kid": "k1", "typ": "JWT"}),
                      b64({"iss": "https://api.botframework.com", "aud": app_id, "exp": int(time.time()) + 600}),
                      "c2lnbmF0dXJl"])
    try:
        started = time.monotonic()
        response = await harness.post(harness.activity("message", ALICE, conversation(), text="lunch 100"),
                                      headers={"Authorization": f"Bearer {token}"})
        assert response.status == 401
        assert time.monotonic() - started < 30
        assert connector.received == [] and await harness.ledger_count() == 0
    finally:
        await harness.http.close()
        await runner.cleanup()
