"""Teams Workflows (incoming) webhooks: named secret URLs that receive Adaptive Cards, paced and retried."""
from __future__ import annotations

import asyncio
import json
import logging
import random
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from typing import Any
from urllib.parse import urlsplit

import aiohttp

from bots.teams.cards import MAX_BYTES, adaptive_card
from core.outbound import OutboundMessage
from core.ratelimit import SlidingWindow
from core.replies import Card
from core.services.outbox import RetryLater, TargetGone, Undeliverable

log = logging.getLogger(__name__)
NAMES = ("DEFAULT", "BATCH_MONITORING", "ALERTS")
PER_URL_PER_SECOND = 4
THROTTLED_MARKER = "HTTP error 429"  # connectors answer 200 with this in the body instead of a 429


def redacted(url: str) -> str:
    """A webhook URL is a secret: only its host is ever shown."""
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}/…[redacted]"


def message_for(card: Card | dict[str, Any]) -> dict[str, Any]:
    content = adaptive_card(card) if isinstance(card, Card) else card
    return {"type": "message", "attachments": [
        {"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None, "content": content}]}


class WorkflowsWebhooks:
    """Posts cards to named webhooks: at most 4 requests a second per URL, retried with jittered backoff."""

    channel = "teams_webhook"

    def __init__(self, urls: dict[str, str], *, attempts: int = 4, timeout: float = 10.0,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self._urls = {name.upper(): url for name, url in urls.items() if url}
        self._attempts = attempts
        self._timeout = aiohttp.ClientTimeout(total=timeout)
        self._sent = SlidingWindow(PER_URL_PER_SECOND, 1.0, clock)
        self._locks: dict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    @property
    def names(self) -> list[str]:
        return sorted(self._urls)

    async def _slot(self, name: str) -> None:
        async with self._locks[name]:
            waiting = self._sent.wait(name)  # only this lock's holder sends to `name`: one wait frees a slot
            if waiting > 0:
                await asyncio.sleep(waiting + 0.001)
            self._sent.record(name)

    async def post(self, name: str, card: Card | dict[str, Any]) -> None:
        """Deliver now (retrying transient failures); raises like a `Notifier` when it cannot."""
        url = self._urls.get(name.upper())
        if url is None:
            raise TargetGone(f"no webhook named {name!r} is configured")
        body = json.dumps(message_for(card), ensure_ascii=False).encode()
        if len(body) > MAX_BYTES + 1024:
            raise Undeliverable(f"card is {len(body)} bytes; Teams accepts about {MAX_BYTES}")
        last = ""
        for attempt in range(self._attempts):
            await self._slot(name.upper())
            try:
                async with aiohttp.ClientSession(timeout=self._timeout) as http, http.post(
                        url, data=body, headers={"Content-Type": "application/json"}) as response:
                    text = await response.text()
                    if response.status < 300 and THROTTLED_MARKER not in text:
                        return
                    if response.status in (400, 413):
                        raise Undeliverable(f"{response.status} from {redacted(url)}: {text[:200]}")
                    if response.status in (401, 403, 404, 410):
                        raise TargetGone(f"{response.status} from {redacted(url)}")
                    last = f"{response.status} ({'throttled' if THROTTLED_MARKER in text else text[:100]})"
            except (aiohttp.ClientError, TimeoutError) as error:
                last = type(error).__name__
            log.warning("webhook %s (%s) failed: %s; attempt %d", name, redacted(url), last, attempt + 1)
            await asyncio.sleep(random.uniform(0, min(8.0, 0.5 * 2 ** attempt)))
        raise RetryLater(f"webhook {name} kept failing: {last}")

    async def send(self, target: str, payload: dict[str, Any]) -> str | None:
        """The outbox face: `target` is the webhook name, `payload` an `OutboundMessage` (shown as a card, without
        buttons: a Workflows card cannot call the bot back)."""
        message = OutboundMessage.from_payload(payload)
        await self.post(target, replace(message, actions=()).as_card())
        return None

    async def edit(self, target: str, receipt: str | None, payload: dict[str, Any]) -> None:
        """A posted card cannot be changed: the change goes out as a short follow-up (nothing when there is none)."""
        message = OutboundMessage.from_payload(payload)
        if message.followup:
            await self.post(target, Card(message.followup, style=message.style))
