"""Intent parsing with an OpenAI-compatible chat model: strict tool call, validated, cached, metered, quota'd."""
from __future__ import annotations

import asyncio
import hashlib
import json
import logging
import re
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from openai import AsyncOpenAI, OpenAIError
from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.intents import PARSER_INTENTS, Intent
from core.models import LlmCall
from core.nlu.chain import LlmUnavailable
from core.nlu.dates import local_today
from core.nlu.validate import InvalidParse, validated
from core.store import Store
from core.turn import Mention

log = logging.getLogger(__name__)
TOOL_NAME = "record_intent"
NULLABLE_STRING = {"type": ["string", "null"]}
PARAMETERS: dict[str, Any] = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "intent": {"type": "string", "enum": list(PARSER_INTENTS)},
        "confidence": {"type": "number", "description": "0 to 1"},
        "amount": {**NULLABLE_STRING, "description": "decimal as written, no grouping separators, e.g. 1250.50"},
        "currency": {**NULLABLE_STRING, "description": "ISO 4217 code, or null when the message names none"},
        "direction": {"type": ["string", "null"], "enum": ["expense", "income", None]},
        "description": NULLABLE_STRING,
        "category": NULLABLE_STRING,
        "date": {**NULLABLE_STRING, "description": "YYYY-MM-DD"},
        "mentions": {"type": "array", "items": {"type": "string"}, "description": "people @mentioned"},
        "query": {**NULLABLE_STRING, "description": "customer id or meter number, digits as written"},
        "by": {"type": ["string", "null"], "enum": ["customer", "meter", "auto", None]},
        "view": {"type": ["string", "null"], "enum": ["summary", "balance", "billing", "recharge", None]},
        "period_start": {**NULLABLE_STRING, "description": "YYYY-MM-DD"},
        "period_end": {**NULLABLE_STRING, "description": "YYYY-MM-DD"},
        "topic": NULLABLE_STRING,
    },
}
PARAMETERS["required"] = list(PARAMETERS["properties"])
TOOLS = [{"type": "function", "function": {
    "name": TOOL_NAME, "strict": True, "parameters": PARAMETERS,
    "description": "Record what the chat message asks for: its intent and the entities written in it."}}]
SYSTEM = ("You classify one chat message sent to an operations bot (shared expense ledger, utility customer "
          "lookups, batch monitoring). Call record_intent exactly once. Use only what the message says: never "
          "invent amounts, people or numbers. Today is {today} ({tz}); resolve relative dates against it. "
          "Intents: " + ", ".join(PARSER_INTENTS) + ".")


@dataclass(frozen=True, slots=True)
class Pricing:
    input_per_million: float = 0.15
    output_per_million: float = 0.60

    def micro_usd(self, prompt_tokens: int, completion_tokens: int) -> int:
        return round(prompt_tokens * self.input_per_million + completion_tokens * self.output_per_million)


class OpenAIParser:
    name = "openai"

    def __init__(self, client: AsyncOpenAI, *, model: str, store: Store,
                 sessions: async_sessionmaker[AsyncSession] | None, timeout: float = 8.0,
                 quota_per_hour: int = 50, cache_seconds: int = 86400, pricing: Pricing | None = None) -> None:
        self._client = client
        self._model = model
        self._store = store
        self._sessions = sessions
        self._timeout = timeout
        self._quota = quota_per_hour
        self._cache_seconds = cache_seconds
        self._pricing = pricing or Pricing()

    async def parse(self, text: str, *, mentions: list[Mention], now: datetime, tz: str,
                    user_key: str = "") -> Intent:
        """The model's validated parse; raises `LlmUnavailable` with the reason whenever rules should answer."""
        today = local_today(now, tz).isoformat()
        cache_key = "llm:cache:" + hashlib.sha256(f"{today}|{tz}|{_normalise(text)}".encode()).hexdigest()
        cached = await self._store.get(cache_key)
        if cached is not None:
            intent = validated(json.loads(cached), text)
            intent.reason = "LLM (cached answer)"
            await self._record(user_key, time.perf_counter(), (0, 0), "cached", None)  # free, but shown in AI usage
            return intent
        if await self._store.incr_window(f"llm:quota:{user_key}", 3600) > self._quota:
            raise LlmUnavailable(f"quota of {self._quota} calls/hour used up")
        raw = await self._call(text, today, tz, user_key)
        try:
            intent = validated(raw, text)
        except InvalidParse as why:
            raise LlmUnavailable(f"answer rejected: {why}") from None
        await self._store.set(cache_key, json.dumps(raw), self._cache_seconds)
        intent.reason = f"LLM ({self._model})"
        return intent

    async def _call(self, text: str, today: str, tz: str, user_key: str) -> dict[str, Any]:
        started = time.perf_counter()
        usage = (0, 0)
        request: dict[str, Any] = {
            "model": self._model, "temperature": 0, "tools": TOOLS,
            "tool_choice": {"type": "function", "function": {"name": TOOL_NAME}},
            # the model sees the user's own message and nothing else: no database or customer data
            "messages": [{"role": "system", "content": SYSTEM.format(today=today, tz=tz)},
                         {"role": "user", "content": text}]}
        try:
            response = await asyncio.wait_for(self._client.chat.completions.create(**request),
                                              timeout=self._timeout)
            if response.usage is not None:
                usage = (response.usage.prompt_tokens, response.usage.completion_tokens)
            calls = response.choices[0].message.tool_calls or [] if response.choices else []
            function = getattr(calls[0], "function", None) if calls else None
            if function is None or function.name != TOOL_NAME:
                raise ValueError("no record_intent tool call in the answer")
            raw = json.loads(function.arguments)
            if not isinstance(raw, dict):
                raise ValueError("tool arguments are not an object")
        except TimeoutError:
            await self._record(user_key, started, usage, "timeout", f"no answer in {self._timeout:g} s")
            raise LlmUnavailable("timed out") from None
        except OpenAIError as error:
            await self._record(user_key, started, usage, "error", f"{type(error).__name__}: {error}")
            raise LlmUnavailable(f"error: {type(error).__name__}") from None
        except (ValueError, IndexError, AttributeError) as error:
            await self._record(user_key, started, usage, "malformed", str(error))
            raise LlmUnavailable("malformed answer") from None
        await self._record(user_key, started, usage, "ok", None)
        return raw

    async def _record(self, user_key: str, started: float, usage: tuple[int, int], outcome: str,
                      error: str | None) -> None:
        latency = round((time.perf_counter() - started) * 1000)
        log.info("llm call: model=%s outcome=%s tokens=%d/%d latency=%d ms", self._model, outcome, usage[0],
                 usage[1], latency)
        if self._sessions is None:
            return
        try:
            async with self._sessions.begin() as session:
                await session.execute(insert(LlmCall).values(
                    at=datetime.now(UTC), user_key=user_key[:64], model=self._model[:64], prompt_tokens=usage[0],
                    completion_tokens=usage[1], cost_micro_usd=self._pricing.micro_usd(*usage), latency_ms=latency,
                    outcome=outcome, error=error[:500] if error else None))
        except Exception:
            log.warning("could not record an LLM call", exc_info=True)


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())
