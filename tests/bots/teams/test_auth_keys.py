"""Bot Framework signing keys: a key endpoint that never answers freezes nothing, and tokens still verify.

botframework reads the OpenID metadata URL of channel tokens from `ChannelValidation.open_id_metadata_endpoint`
(a public class attribute meant for overriding it); these tests point it at a local endpoint."""
from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Iterator

import pytest
from botframework.connector.auth import (
    AuthenticationConstants,
    ChannelValidation,
    GovernmentConstants,
    JwtTokenExtractor,
)
from pydantic import SecretStr

from app.runtime import Runtime
from bots.teams.channel import TeamsChannel
from bots.teams.signing_keys import OpenIdKeys, install
from tests.bots.teams.conftest import ALICE, TeamsHarness, conversation, serve
from tests.bots.teams.keys import APP_ID, KeyEndpoint, SigningKey, SilentEndpoint
from tests.fakes.bot_connector import FakeBotConnector

BOUND = 1.5  # MICROSOFT_KEYS_TIMEOUT_SECONDS where the key endpoint never answers
PATIENT = 15.0  # where it answers: a loaded CI machine must not turn a slow fetch into a 503
MICROSOFT = SigningKey("bf-key-1")


@pytest.fixture(autouse=True)
def fresh_key_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    """The key cache is process-wide and remembers a failed fetch per URL for a while: a later test's endpoint
    on a reused port must not inherit an earlier test's failure (or keys)."""
    monkeypatch.setattr(JwtTokenExtractor, "metadataCache", {})


@pytest.fixture
def keys_timeout() -> float:
    return PATIENT


@pytest.fixture
def silent(monkeypatch: pytest.MonkeyPatch) -> Iterator[SilentEndpoint]:
    with SilentEndpoint() as endpoint:
        monkeypatch.setattr(ChannelValidation, "open_id_metadata_endpoint", endpoint.url)
        yield endpoint


@pytest.fixture
async def keys(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[KeyEndpoint]:
    endpoint = KeyEndpoint(MICROSOFT)
    monkeypatch.setattr(ChannelValidation, "open_id_metadata_endpoint", await endpoint.start())
    yield endpoint
    await endpoint.stop()


@pytest.fixture
async def secured(runtime: Runtime, connector: FakeBotConnector, keys_timeout: float) -> AsyncIterator[TeamsHarness]:
    """Teams with MICROSOFT_APP_ID set: every request must carry a valid Bot Framework token."""
    settings = runtime.settings.model_copy(update={
        "microsoft_app_id": APP_ID, "microsoft_app_password": SecretStr("not-a-real-secret"),
        "microsoft_app_type": "MultiTenant", "microsoft_keys_timeout_seconds": keys_timeout})
    channel = TeamsChannel(settings, runtime.dispatcher, runtime.services)
    runner, url = await serve(runtime, channel)
    harness = TeamsHarness(connector, url, runtime, channel)
    yield harness
    await harness.http.close()
    await runner.cleanup()


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize("keys_timeout", [BOUND])
async def test_a_key_endpoint_that_never_answers_freezes_nothing(secured: TeamsHarness, silent: SilentEndpoint,
                                                                 connector: FakeBotConnector) -> None:
    forger = SigningKey(MICROSOFT.kid)  # Microsoft's key id, somebody else's key
    forged = secured.activity("message", ALICE, conversation(), text="spent 450 tk on groceries")
    token = forger.token(connector.url)
    started = time.monotonic()
    pending = asyncio.create_task(secured.post(forged, headers=bearer(token)))
    health: list[tuple[int, float]] = []  # /healthz while the forged request waits: status, seconds
    while not pending.done():
        asked = time.monotonic()
        async with secured.http.get(f"{secured.url}/healthz") as answer:
            health.append((answer.status, round(time.monotonic() - asked, 2)))
        await asyncio.sleep(0.05)
    assert silent.accepted == 1, "the forged request made the server ask for the keys"
    assert len(health) > 3 and all(status == 200 and took < 0.5 for status, took in health), health

    response = await pending
    assert response.status == 503 and time.monotonic() - started < BOUND + 1
    again = time.monotonic()
    second = await secured.post(secured.activity("message", ALICE, conversation(), text="lunch 100"),
                                headers=bearer(token))
    assert second.status == 503 and time.monotonic() - again < 0.5, "a failed fetch is remembered for a while"
    assert silent.accepted == 1
    assert connector.received == [] and await secured.entry_count() == 0


async def test_a_token_signed_with_microsofts_key_is_let_through(secured: TeamsHarness, keys: KeyEndpoint,
                                                                 connector: FakeBotConnector) -> None:
    press = {"action": {"type": "Action.Execute", "verb": "press", "data": {"key": "not-a-key.0"}}}
    invoke = secured.activity("invoke", ALICE, conversation(), name="adaptiveCard/action", value=press)
    response = await secured.post(invoke, headers=bearer(MICROSOFT.token(connector.url)))
    assert response.status == 200, response.body  # type: ignore[attr-defined]
    assert b"not valid" in response.body  # type: ignore[attr-defined]
    await secured.post(invoke, headers=bearer(MICROSOFT.token(connector.url)))
    assert keys.fetches == 1, "the keys are cached"


@pytest.mark.parametrize("forgery", ["other key", "unknown kid", "not a signature", "expired", "other app",
                                     "other service url"])
async def test_forged_tokens_are_401(secured: TeamsHarness, keys: KeyEndpoint, connector: FakeBotConnector,
                                     forgery: str) -> None:
    token = {
        "other key": lambda: SigningKey(MICROSOFT.kid).token(connector.url),
        "unknown kid": lambda: SigningKey("made-up").token(connector.url),
        "not a signature": lambda: MICROSOFT.token(connector.url).rsplit(".", 1)[0] + ".c2lnbmF0dXJl",
        "expired": lambda: MICROSOFT.token(connector.url, exp=int(time.time()) - 3600),
        "other app": lambda: MICROSOFT.token(connector.url, aud="11111111-1111-1111-1111-111111111111"),
        "other service url": lambda: MICROSOFT.token("https://evil.example/"),
    }[forgery]()
    response = await secured.post(secured.activity("message", ALICE, conversation(), text="lunch 100"),
                                  headers=bearer(token))
    assert response.status == 401
    assert connector.received == [] and await secured.entry_count() == 0


def test_botframework_never_fetches_keys_itself() -> None:
    """Channel, emulator, skill and government tokens all take their keys from the non-blocking cache."""
    install(timeout=5.0)
    for url in (AuthenticationConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL,
                AuthenticationConstants.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL,
                GovernmentConstants.TO_BOT_FROM_CHANNEL_OPENID_METADATA_URL,
                GovernmentConstants.TO_BOT_FROM_EMULATOR_OPENID_METADATA_URL, "https://any.example/metadata"):
        assert isinstance(JwtTokenExtractor.get_open_id_metadata(url), OpenIdKeys)
