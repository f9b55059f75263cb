"""A fake OpenAI-compatible server: /v1/chat/completions with scripted tool calls, errors, 429s and stalls."""
from __future__ import annotations

import asyncio
import json
import time
from collections import deque
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from tests.fakes.local_server import start


@dataclass
class Scripted:
    """One planned answer: a tool call with `arguments`, a raw `content` string, an HTTP error, or a stall."""

    arguments: dict[str, Any] | None = None
    raw_arguments: str | None = None
    status: int = 200
    delay: float = 0.0


@dataclass
class FakeOpenAI:
    api_key: str = "sk-test-fake"
    plan: deque[Scripted] = field(default_factory=deque)
    requests: list[dict[str, Any]] = field(default_factory=list)
    url: str = ""
    _runner: web.AppRunner | None = None

    def answer(self, **arguments: Any) -> None:
        defaults: dict[str, Any] = {k: None for k in (
            "amount", "currency", "direction", "description", "category", "date", "query", "by", "view",
            "period_start", "period_end", "topic")}
        self.plan.append(Scripted(arguments={**defaults, "mentions": [], "confidence": 0.9, **arguments}))

    def malformed(self, raw: str = '{"intent": "record_transaction", "amount": ') -> None:
        self.plan.append(Scripted(raw_arguments=raw))

    def fail(self, status: int) -> None:
        self.plan.append(Scripted(status=status))

    def stall(self, seconds: float) -> None:
        self.plan.append(Scripted(delay=seconds))

    async def start(self) -> str:
        app = web.Application()
        app.router.add_post("/v1/chat/completions", self._completions)
        self._runner, base = await start(app)
        self.url = f"{base}/v1"
        return self.url

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    async def _completions(self, request: web.Request) -> web.Response:
        if request.headers.get("Authorization") != f"Bearer {self.api_key}":
            return _error(401, "invalid_api_key", "Incorrect API key provided.")
        body = await request.json()
        self.requests.append(body)
        problem = _check_request(body)
        if problem:
            return _error(400, "invalid_request_error", problem)
        step = self.plan.popleft() if self.plan else Scripted(arguments=None, status=500)
        if step.delay:
            await asyncio.sleep(step.delay)
        if step.status == 429:
            return _error(429, "rate_limit_exceeded", "Rate limit reached for requests", {"retry-after": "20"})
        if step.status != 200:
            return _error(step.status, "server_error", "The server had an error while processing your request.")
        arguments = step.raw_arguments if step.raw_arguments is not None else json.dumps(step.arguments)
        return web.json_response({
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": body["model"],
            "choices": [{"index": 0, "finish_reason": "tool_calls", "logprobs": None, "message": {
                "role": "assistant", "content": None, "refusal": None,
                "tool_calls": [{"id": "call_1", "type": "function",
                                "function": {"name": "record_intent", "arguments": arguments}}]}}],
            "usage": {"prompt_tokens": 412, "completion_tokens": 58, "total_tokens": 470}})


def _check_request(body: dict[str, Any]) -> str | None:
    """What the real API would refuse: no model, no messages, a strict tool schema that is not strict."""
    if not body.get("model") or not isinstance(body.get("messages"), list) or not body["messages"]:
        return "model and messages are required"
    for tool in body.get("tools", []):
        function = tool.get("function", {})
        params = function.get("parameters", {})
        if function.get("strict") and (params.get("additionalProperties") is not False
                                       or set(params.get("required", [])) != set(params.get("properties", {}))):
            return "strict schemas need additionalProperties false and every property required"
    return None


def _error(status: int, code: str, message: str, headers: dict[str, str] | None = None) -> web.Response:
    return web.json_response({"error": {"message": message, "type": code, "param": None, "code": code}},
                             status=status, headers=headers)
