"""With MICROSOFT_APP_ID set, Bot Framework authentication is enforced: no valid token, no processing."""
from __future__ import annotations

from pydantic import SecretStr

from app.runtime import Runtime
from bots.teams.channel import TeamsChannel
from tests.bots.teams.conftest import ALICE, TeamsHarness, conversation, serve
from tests.fakes.bot_connector import FakeBotConnector


async def test_request_without_valid_token_is_rejected(runtime: Runtime, connector: FakeBotConnector) -> None:
    settings = runtime.settings.model_copy(update={
        "microsoft_app_id": "00000000-0000-0000-0000-000000000001",
        "microsoft_app_password": SecretStr("not-a-real-secret"), "microsoft_app_type": "MultiTenant"})
    channel = TeamsChannel(settings, runtime.dispatcher, runtime.services)
    runner, url = await serve(runtime, channel)
    harness = TeamsHarness(connector, url, runtime, channel)
    try:
        no_token = await harness.say(ALICE, "spent 450 tk on groceries")
        forged = await harness.post(harness.activity("message", ALICE, conversation(), text="lunch 100"),
                                    headers={"Authorization": "Bearer eyJhbGciOiJub25lIn0.eyJhdWQiOiJ4In0."})
        assert no_token.status == 401 and forged.status == 401
        assert connector.received == []
        assert await harness.entry_count() == 0
    finally:
        await harness.http.close()
        await runner.cleanup()


async def test_tenant_allow_list(runtime: Runtime, connector: FakeBotConnector) -> None:
    settings = runtime.settings.model_copy(update={"microsoft_allowed_tenants": ["some-other-tenant"]})
    channel = TeamsChannel(settings, runtime.dispatcher, runtime.services)
    runner, url = await serve(runtime, channel)
    harness = TeamsHarness(connector, url, runtime, channel)
    try:
        response = await harness.say(ALICE, "balances")
        assert response.status == 403 and connector.received == []
    finally:
        await harness.http.close()
        await runner.cleanup()
