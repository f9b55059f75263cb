"""Teams over real HTTP: activities posted to /api/messages, Connector calls asserted at the fake connector."""
from __future__ import annotations

import itertools
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest
from aiohttp import web

from app.runtime import Runtime
from bots.teams.channel import TeamsChannel
from tests.fakes.bot_connector import FakeBotConnector
from tests.fakes.local_server import start
from tests.harness import CountsEntries
from web.app import create_app

BOT = {"id": "28:switchboard-bot", "name": "Switchboard"}
ALICE = {"id": "29:alice", "name": "Alice Rahman", "aadObjectId": "aad-alice"}
BOB = {"id": "29:bob", "name": "Bob Khan", "aadObjectId": "aad-bob"}
MALLORY = {"id": "29:mallory", "name": "Mallory", "aadObjectId": "aad-mallory"}
TENANT = "tenant-1"
_ids = itertools.count(1)


def conversation(kind: str = "personal", cid: str | None = None) -> dict[str, Any]:
    cid = cid or {"personal": "a:personal-alice", "groupChat": "19:group@thread.v2",
                  "channel": "19:channel@thread.skype"}[kind]
    return {"id": cid, "conversationType": kind, "tenantId": TENANT, "isGroup": kind != "personal"}


class TeamsHarness(CountsEntries):
    def __init__(self, connector: FakeBotConnector, url: str, runtime: Runtime, channel: TeamsChannel) -> None:
        self.connector = connector
        self.url = url
        self.runtime = runtime
        self.channel = channel
        self.http = aiohttp.ClientSession()

    def activity(self, kind: str, user: dict[str, Any], conv: dict[str, Any], **extra: Any) -> dict[str, Any]:
        return {"type": kind, "id": f"act-in-{next(_ids)}", "timestamp": "2026-11-22T06:00:00.000Z",
                "serviceUrl": self.connector.url, "channelId": "msteams", "from": user, "conversation": conv,
                "recipient": BOT, "channelData": {"tenant": {"id": TENANT}}, **extra}

    async def post(self, activity: dict[str, Any], headers: dict[str, str] | None = None) -> aiohttp.ClientResponse:
        async with self.http.post(f"{self.url}/api/messages", json=activity, headers=headers or {}) as response:
            response.body = await response.read()  # type: ignore[attr-defined]
            return response

    async def say(self, user: dict[str, Any], text: str, conv: dict[str, Any] | None = None,
                  mentions: list[dict[str, Any]] | None = None) -> aiohttp.ClientResponse:
        entities = [{"type": "mention", "mentioned": m, "text": f"<at>{m['name']}</at>"} for m in mentions or []]
        return await self.post(self.activity("message", user, conv or conversation(), text=text, entities=entities))

    async def execute(self, user: dict[str, Any], key: str | None, conv: dict[str, Any] | None = None,
                      reply_to: str = "card-1", data: dict[str, Any] | None = None) -> dict[str, Any]:
        """Press an Action.Execute: Teams sends its `data` (by default the button key) in an invoke."""
        value = {"action": {"type": "Action.Execute", "verb": "press", "data": {"key": key} if data is None else data},
                 "trigger": "manual"}
        response = await self.post(self.activity("invoke", user, conv or conversation(), name="adaptiveCard/action",
                                                  value=value, replyToId=reply_to))
        assert response.status == 200, response.body  # type: ignore[attr-defined]
        return dict(json.loads(response.body))  # type: ignore[attr-defined]

    async def choose(self, user: dict[str, Any], card: dict[str, Any], title: str,
                     conv: dict[str, Any] | None = None, value: str | None = None) -> dict[str, Any]:
        """Pick `title` in the card's dropdown and press the Execute beside it. Like Teams, the action's data is
        sent merged with the values of the card's inputs (`value` replaces the chosen one, as a forger would)."""
        body = card["body"]
        for place, item in enumerate(body):
            options = {c["title"]: c["value"] for c in item.get("choices", [])}
            if item["type"] == "Input.ChoiceSet" and title in options:
                execute = body[place + 1]["actions"][0]
                chosen = options[title] if value is None else value
                return await self.execute(user, None, conv, data={**execute.get("data", {}), item["id"]: chosen})
        raise AssertionError(f"no choice {title!r} on the card")

    def last_card(self, conversation_id: str) -> dict[str, Any]:
        for activity in reversed(self.connector.sent_to(conversation_id)):
            for attachment in activity.get("attachments") or []:
                if attachment.get("contentType") == "application/vnd.microsoft.card.adaptive":
                    return dict(attachment["content"])
        raise AssertionError("no card was sent")

    @staticmethod
    def buttons(card: dict[str, Any]) -> dict[str, str]:
        """The card's buttons: title → key."""
        return {a["title"]: a["data"]["key"] for item in card["body"] if item["type"] == "ActionSet"
                for a in item["actions"] if "key" in a.get("data", {})}

    @staticmethod
    def choices(card: dict[str, Any]) -> dict[str, str]:
        """The options of the card's dropdowns (Input.ChoiceSet): title → value."""
        return {c["title"]: c["value"] for item in card["body"] if item["type"] == "Input.ChoiceSet"
                for c in item["choices"]}

    @staticmethod
    def actions(card: dict[str, Any]) -> list[dict[str, Any]]:
        return [a for item in card["body"] if item["type"] == "ActionSet" for a in item["actions"]]

    def texts(self, conversation_id: str) -> list[str]:
        return [a.get("text") or "" for a in self.connector.sent_to(conversation_id)]


async def serve(runtime: Runtime, channel: TeamsChannel) -> tuple[web.AppRunner, str]:
    return await start(create_app(runtime.services, runtime.database, {"teams": "ready"}, [channel.routes]))


@pytest.fixture
async def connector() -> AsyncIterator[FakeBotConnector]:
    fake = FakeBotConnector()
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def teams(runtime: Runtime, connector: FakeBotConnector) -> AsyncIterator[TeamsHarness]:
    channel = TeamsChannel(runtime.settings, runtime.dispatcher, runtime.services)
    runtime.notifiers["teams"] = channel.notifier
    runner, url = await serve(runtime, channel)
    harness = TeamsHarness(connector, url, runtime, channel)
    yield harness
    await harness.http.close()
    await runner.cleanup()
    assert connector.violations == [], "activities that break the Activity schema"
