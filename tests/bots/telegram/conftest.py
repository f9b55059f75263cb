"""Telegram over real HTTP: our webhook in an aiohttp server, python-telegram-bot talking to the fake Bot API."""
from __future__ import annotations

import itertools
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import aiohttp
import pytest
from pydantic import SecretStr

from app.runtime import Runtime
from bots.telegram.channel import TelegramChannel, make_bot
from tests.fakes.local_server import start
from tests.fakes.telegram_api import FakeTelegramAPI
from tests.harness import CountsEntries
from web.app import create_app

SECRET = "s3cret-webhook-token"
_ids = itertools.count(1)


@dataclass(frozen=True)
class TgUser:
    id: int
    first_name: str
    username: str | None = None

    def as_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"id": self.id, "is_bot": False, "first_name": self.first_name}
        if self.username:
            data["username"] = self.username
        return data


ALICE = TgUser(111, "Alice", "alice")
BOB = TgUser(222, "Bob", "bob")
MALLORY = TgUser(666, "Mallory", "mallory")
GROUP = {"id": -1001, "type": "supergroup", "title": "Trip"}


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def handle_entities(text: str) -> list[dict[str, Any]]:
    """The `mention` entities Telegram adds for every @handle (offsets in UTF-16 code units)."""
    return [{"type": "mention", "offset": utf16_len(text[:m.start()]), "length": utf16_len(m.group())}
            for m in re.finditer(r"(?<![\w@/])@\w{3,32}", text)]


class TelegramHarness(CountsEntries):
    def __init__(self, api: FakeTelegramAPI, url: str, runtime: Runtime, channel: TelegramChannel) -> None:
        self.api = api
        self.url = url
        self.runtime = runtime
        self.channel = channel
        self.http = aiohttp.ClientSession()

    def message_update(self, user: TgUser, text: str, chat: dict[str, Any] | None = None,
                       entities: list[dict[str, Any]] | None = None, update_id: int | None = None) -> dict[str, Any]:
        chat = chat or {"id": user.id, "type": "private", "first_name": user.first_name}
        message: dict[str, Any] = {"message_id": next(_ids), "date": 1_790_000_000, "chat": chat,
                                   "from": user.as_dict(), "text": text}
        entities = (entities or []) + handle_entities(text)
        if text.startswith("/"):
            entities.append({"type": "bot_command", "offset": 0, "length": len(text.split()[0])})
        if entities:
            message["entities"] = entities
        return {"update_id": update_id or next(_ids), "message": message}

    async def post(self, update: dict[str, Any], secret: str | None = SECRET) -> aiohttp.ClientResponse:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        async with self.http.post(f"{self.url}/telegram/webhook", json=update, headers=headers) as response:
            await response.read()
            return response

    async def send_text(self, user: TgUser, text: str, chat: dict[str, Any] | None = None,
                        **kwargs: Any) -> aiohttp.ClientResponse:
        return await self.post(self.message_update(user, text, chat, **kwargs))

    def last_keyboard(self, method: str = "sendMessage") -> dict[str, str]:
        """Label → callback_data of the newest message with buttons."""
        for call in reversed(self.api.of(method)):
            markup = call.params.get("reply_markup")
            if markup:
                return {b["text"]: b["callback_data"] for row in markup["inline_keyboard"] for b in row}
        raise AssertionError("no keyboard was sent")

    async def press(self, user: TgUser, data: str, chat: dict[str, Any] | None = None,
                    message_id: int = 1) -> aiohttp.ClientResponse:
        chat = chat or {"id": user.id, "type": "private", "first_name": user.first_name}
        message = {"message_id": message_id, "date": 1_790_000_000, "chat": chat,
                   "from": {"id": 123456, "is_bot": True, "first_name": "Switchboard"}, "text": "preview"}
        update = {"update_id": next(_ids), "callback_query": {
            "id": str(next(_ids)), "from": user.as_dict(), "chat_instance": "ci", "data": data, "message": message}}
        return await self.post(update)


@pytest.fixture
async def telegram_api() -> AsyncIterator[FakeTelegramAPI]:
    api = FakeTelegramAPI()
    await api.start()
    yield api
    await api.stop()


@pytest.fixture
async def telegram(runtime: Runtime, telegram_api: FakeTelegramAPI) -> AsyncIterator[TelegramHarness]:
    settings = runtime.settings.model_copy(update={
        "telegram_bot_token": SecretStr(telegram_api.token), "telegram_webhook_secret": SecretStr(SECRET),
        "telegram_api_base_url": telegram_api.url, "telegram_webhook_url": "https://bot.example.com/telegram/webhook",
        "bot_names": [telegram_api.bot_username]})
    channel = TelegramChannel(settings, runtime.dispatcher, runtime.services, make_bot(settings))
    await channel.start()
    runtime.notifiers["telegram"] = channel.notifier
    runner, url = await start(create_app(runtime.services, runtime.database, {"telegram": "ready"}, [channel.routes]))
    harness = TelegramHarness(telegram_api, url, runtime, channel)
    yield harness
    await harness.http.close()
    await runner.cleanup()
    await channel.stop()
    assert telegram_api.violations == [], "calls that break the Bot API spec"
