"""A process that dies mid-update loses nothing: the redelivery runs it from scratch, or finds it handled with
its replies queued; a store or database outage is a 503 before anything is acknowledged."""
from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import update

from core.models import OutboxMessage
from core.services.turns import TurnJournal
from core.store import RedisStore
from scheduler.worker import deliver_once
from tests.bots.telegram.conftest import ALICE, TelegramHarness, _ids


class Crash(BaseException):
    """Stands for kill -9: raised where the process would vanish, and nothing of ours runs after it."""


@pytest.fixture
def settings_overrides() -> dict[str, Any]:
    return {"inbound_lease_seconds": 0.3}


def die_in(monkeypatch: pytest.MonkeyPatch, target: object, name: str) -> None:
    async def crash(*args: Any, **kwargs: Any) -> None:
        raise Crash

    monkeypatch.setattr(target, name, crash)


def texts(telegram: TelegramHarness) -> list[str]:
    return [c.params["text"] for c in telegram.api.of("sendMessage")]


async def let_claims_run_out(telegram: TelegramHarness) -> None:
    async with telegram.runtime.database.sessions.begin() as session:
        await session.execute(update(OutboxMessage).where(OutboxMessage.status == "sending").values(
            claimed_until=datetime.now(UTC) - timedelta(seconds=1)))


async def test_crash_before_the_handled_mark_reruns_the_update(telegram: TelegramHarness,
                                                               monkeypatch: pytest.MonkeyPatch) -> None:
    journal = telegram.runtime.services.turns
    update_ = telegram.message_update(ALICE, "spent 450 tk on groceries")
    with monkeypatch.context() as patch:
        die_in(patch, journal, "complete")
        die_in(patch, journal, "abandon")  # a killed process releases nothing: its lease stays behind
        await _crash_through_app(telegram, update_)
    assert texts(telegram) == []
    response = await _redeliver_until_accepted(telegram, update_)
    assert response == 200
    assert sum("Expense" in t or "450" in t for t in texts(telegram)) == 1
    await telegram.press(ALICE, telegram.last_keyboard()["Save"])
    assert await telegram.entry_count() == 1


async def test_crash_after_the_mark_before_sending_delivers_the_queued_replies(
        telegram: TelegramHarness, monkeypatch: pytest.MonkeyPatch) -> None:
    await telegram.send_text(ALICE, "spent 120 tk on lunch")
    save = telegram.last_keyboard()["Save"]
    press = _press_update(save)
    with monkeypatch.context() as patch:
        die_in(patch, telegram.runtime.services.outbox, "deliver_now")
        await _crash_through_app(telegram, press)
    assert await telegram.entry_count() == 1  # committed with its replies
    assert not any("✓ Saved" in t for t in _all_texts(telegram))
    assert await _redeliver_until_accepted(telegram, press) == 200  # found handled: no second effect
    assert await telegram.entry_count() == 1
    await let_claims_run_out(telegram)
    await deliver_once(telegram.runtime.services.outbox, telegram.runtime.notifiers)
    assert sum("✓ Saved" in t for t in _all_texts(telegram)) == 1
    assert len(telegram.api.of("answerCallbackQuery")) == 1


async def test_a_forgotten_store_still_knows_handled_updates(telegram: TelegramHarness) -> None:
    update_ = telegram.message_update(ALICE, "spent 77 tk on tea")
    assert (await telegram.post(update_)).status == 200
    await telegram.runtime.store.delete(f"inbound:telegram:{update_['update_id']}")  # a Redis restart
    assert (await telegram.post(update_)).status == 200
    assert sum("77" in t for t in texts(telegram)) == 1


async def test_store_outage_is_503_and_the_redelivery_works(telegram: TelegramHarness, backend: str) -> None:
    if backend != "postgres":
        pytest.skip("the in-process store cannot go down")
    services = telegram.runtime.services
    healthy = services.store
    down = RedisStore("redis://127.0.0.1:1/0")
    services.store, services.turns = down, _journal(telegram, down)
    services.buttons._store = down  # type: ignore[attr-defined]
    update_ = telegram.message_update(ALICE, "spent 300 tk on fuel")
    response = await telegram.post(update_)
    assert response.status == 503
    async with telegram.http.get(f"{telegram.url}/healthz") as health:
        assert health.status == 503 and (await health.json())["store"].startswith("down")
    await down.close()
    services.store, services.turns = healthy, _journal(telegram, healthy)
    services.buttons._store = healthy  # type: ignore[attr-defined]
    assert (await telegram.post(update_)).status == 200
    assert sum("300" in t for t in texts(telegram)) == 1


def _journal(telegram: TelegramHarness, store: Any) -> TurnJournal:
    settings = telegram.runtime.settings
    return TurnJournal(telegram.runtime.database.sessions, store, lease_seconds=settings.inbound_lease_seconds,
                       remember_seconds=settings.dedup_ttl_seconds)


def _all_texts(telegram: TelegramHarness) -> list[str]:
    return [c.params.get("text", "") for c in telegram.api.calls if c.method in ("sendMessage", "editMessageText")]


def _press_update(data: str) -> dict[str, Any]:
    chat = {"id": ALICE.id, "type": "private", "first_name": ALICE.first_name}
    message = {"message_id": 1, "date": 1_790_000_000, "chat": chat,
               "from": {"id": 123456, "is_bot": True, "first_name": "Switchboard"}, "text": "preview"}
    return {"update_id": next(_ids), "callback_query": {
        "id": str(next(_ids)), "from": ALICE.as_dict(), "chat_instance": "ci", "data": data, "message": message}}


async def _crash_through_app(telegram: TelegramHarness, update_: dict[str, Any]) -> None:
    """Run the update in the channel as the webhook would, until the simulated kill."""
    with pytest.raises(Crash):
        await telegram.channel.handle_update(update_)


async def _redeliver_until_accepted(telegram: TelegramHarness, update_: dict[str, Any]) -> int:
    """Telegram redelivers an update until it gets a 2xx; bounded here."""
    for _ in range(40):
        response = await telegram.post(update_)
        if response.status < 300:
            return response.status
        assert response.status == 503
        await asyncio.sleep(0.1)
    return response.status
