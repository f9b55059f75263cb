"""A fake Bot Connector (REST API v3): records activities, validates them against the Activity schema,
and can answer 429, 403 and 5xx like the real service."""
from __future__ import annotations

import itertools
import json
import time
from collections import defaultdict, deque
from dataclasses import dataclass, field
from typing import Any

import jsonschema
from aiohttp import web

from tests.data import BOTFRAMEWORK_SCHEMA
from tests.fakes.local_server import start

SCHEMA = BOTFRAMEWORK_SCHEMA


@dataclass
class Received:
    method: str
    conversation: str
    activity: dict[str, Any]
    reply_to: str | None = None


@dataclass
class FakeBotConnector:
    enforce_limits: bool = False  # Teams: 7/s and 60/30 s per conversation, 50/s per app and tenant
    received: list[Received] = field(default_factory=list)
    throttled: int = 0
    created: list[str] = field(default_factory=list)
    violations: list[str] = field(default_factory=list)
    url: str = ""
    _failures: dict[str, deque[int]] = field(default_factory=lambda: defaultdict(deque))
    _ids: Any = field(default_factory=lambda: itertools.count(1))
    _validator: jsonschema.Draft7Validator | None = None
    _runner: web.AppRunner | None = None
    _recent: dict[str, deque[float]] = field(default_factory=lambda: defaultdict(deque))
    _global: deque[float] = field(default_factory=deque)

    def _over_limit(self, conversation: str) -> bool:
        now = time.monotonic()
        history = self._recent[conversation]
        while history and now - history[0] >= 30:
            history.popleft()
        while self._global and now - self._global[0] >= 1:
            self._global.popleft()
        last_second = sum(1 for t in history if now - t < 1)
        if last_second >= 7 or len(history) >= 60 or len(self._global) >= 50:
            return True
        history.append(now)
        self._global.append(now)
        return False

    def fail_next(self, conversation: str, status: int, times: int = 1) -> None:
        self._failures[conversation].extend([status] * times)

    def sent_to(self, conversation: str) -> list[dict[str, Any]]:
        return [r.activity for r in self.received if r.conversation == conversation and r.method != "ERR"]

    async def start(self) -> str:
        schema = json.loads(SCHEMA.read_text())
        activity_schema = {"$ref": "#/definitions/Activity", "definitions": schema["definitions"]}
        self._validator = jsonschema.Draft7Validator(activity_schema)
        app = web.Application()
        app.router.add_post("/v3/conversations", self._create)
        app.router.add_post("/v3/conversations/{conversation}/activities", self._send)
        app.router.add_post("/v3/conversations/{conversation}/activities/{activity}", self._send)
        app.router.add_put("/v3/conversations/{conversation}/activities/{activity}", self._update)
        self._runner, base = await start(app)
        self.url = f"{base}/"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _create(self, request: web.Request) -> web.Response:
        """Create (or, for a 1:1 that exists, return) a conversation with the members asked for."""
        params = await request.json()
        members = [m.get("id") for m in params.get("members") or []]
        if not members or params.get("isGroup"):
            return web.json_response({"error": {"code": "BadArgument", "message": "one member"}}, status=400)
        conversation = f"a:1to1-{members[0]}"
        self.created.append(conversation)
        activity = params.get("activity")
        if activity:
            self.received.append(Received("POST", conversation, activity))
        return web.json_response({"id": conversation, "serviceUrl": self.url, "activityId": None})

    async def _send(self, request: web.Request) -> web.Response:
        return await self._accept(request, "POST")

    async def _update(self, request: web.Request) -> web.Response:
        return await self._accept(request, "PUT")

    async def _accept(self, request: web.Request, method: str) -> web.Response:
        conversation = request.match_info["conversation"]
        failures = self._failures.get(conversation)
        if failures:
            status = failures.popleft()
            self.received.append(Received("ERR", conversation, {}))
            headers = {"Retry-After": "1"} if status == 429 else None
            return web.json_response({"error": {"code": "Throttled" if status == 429 else "Error",
                                                "message": f"fake {status}"}}, status=status, headers=headers)
        if self.enforce_limits and self._over_limit(conversation):
            self.throttled += 1
            self.received.append(Received("ERR", conversation, {}))
            return web.json_response({"error": {"code": "Throttled", "message": "Too many requests"}}, status=429,
                                     headers={"Retry-After": "1"})
        activity = await request.json()
        assert self._validator is not None
        for error in self._validator.iter_errors(activity):
            self.violations.append(f"{list(error.path)}: {error.message}")
        if activity.get("type") not in ("message", "typing", "invokeResponse", "event"):
            self.violations.append(f"unexpected activity type {activity.get('type')!r}")
        self.received.append(Received(method, conversation, activity, request.match_info.get("activity")))
        return web.json_response({"id": request.match_info.get("activity") or f"act-{next(self._ids)}"})
