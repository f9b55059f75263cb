"""Proactive Teams messages for the outbox: stored conversation references, Teams' rate limits, retries."""
from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from typing import Any

from botbuilder.core import TurnContext
from botbuilder.integration.aiohttp import CloudAdapter
from botbuilder.schema import ChannelAccount, ConversationParameters, ConversationReference

from bots.teams.mapping import CHANNEL
from bots.teams.render import outbound_activity
from core.outbound import OutboundMessage, reached_at, user_of
from core.ratelimit import Beat, SlidingWindow
from core.services.conversations import ConversationRefs, StoredConversation
from core.services.outbox import RetryLater, TargetGone, Undeliverable

RETRYABLE = {429, 412, 502, 504, 500, 503}
# Teams: per bot per conversation at most 7 sends a second and 60 per 30 s; 50 requests/s per tenant is our own
# ceiling under the documented 30-50 per app per tenant.
WINDOWS = ((1.0, 7), (30.0, 60))
TENANT_PER_SECOND = 47  # under 50; sends to a tenant are evenly spaced, so arrival jitter does not bunch them


class Pacer:
    """Teams' limits per conversation (both windows) and per tenant. A conversation that is at its limit is
    retried later (`conversation_wait`); a tenant's sends are spaced 1/TENANT_PER_SECOND apart, waited out in turn
    (`slot`). Evenly spaced rather than a second's worth at once: bursts that reached Teams a few milliseconds
    late ran into the next burst and were answered 429."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._conversation = [SlidingWindow(limit, span, clock) for span, limit in WINDOWS]
        self._tenant = Beat(TENANT_PER_SECOND, clock)
        self._turns: dict[str, asyncio.Lock] = {}

    def wait(self, conversation: str, tenant: str) -> float:
        return max(self.tenant_wait(tenant), self.conversation_wait(conversation))

    def conversation_wait(self, conversation: str) -> float:
        return max(window.wait(conversation) for window in self._conversation)

    def tenant_wait(self, tenant: str) -> float:
        return self._tenant.wait(tenant)

    def record(self, conversation: str, tenant: str) -> None:
        for window in self._conversation:
            window.record(conversation)
        self._tenant.record(tenant)

    async def slot(self, conversation: str, tenant: str) -> None:
        """Wait for the tenant's next send and claim it, with the conversation's (callers check
        `conversation_wait` first). One waiter at a time per tenant."""
        async with self._turns.setdefault(tenant, asyncio.Lock()):
            waiting = self.tenant_wait(tenant)
            if waiting > 0:
                await asyncio.sleep(waiting)
            self.record(conversation, tenant)


class TeamsNotifier:
    """Sends outbox messages through stored conversation references: into a conversation, or to a person (their
    private chat with the bot, or a 1:1 chat opened through a conversation they share with it)."""

    channel = CHANNEL

    def __init__(self, adapter: CloudAdapter, conversations: ConversationRefs, app_id: str | None) -> None:
        self._adapter = adapter
        self._conversations = conversations
        self._app_id = app_id
        self.pacer = Pacer()

    async def send(self, target: str, payload: dict[str, Any]) -> str | None:
        """`target` is a conversation id, or a person (`user_target`) reached as the payload says. Returns the
        activity id of the message in a conversation (a 1:1 chat opened for a person gives none)."""
        message = OutboundMessage.from_payload(payload)
        user = user_of(target)
        opening = user is not None and message.private_chat is None  # a 1:1 chat opened through a shared one
        shared = message.conversation or message.extra.get("via")  # "via": rows queued before `conversation`
        through = shared if opening else reached_at(target, payload)
        stored = await self._reference(through)
        paced = target if opening else stored.conversation_id
        await self._pace(paced, stored.tenant_id)
        reference = ConversationReference().deserialize(stored.reference)
        reference.service_url = stored.service_url
        activity = outbound_activity(message)
        sent: list[str | None] = []

        async def deliver(turn_context: TurnContext) -> None:
            response = await turn_context.send_activity(activity)
            sent.append(response.id if response is not None else None)

        async with _failures():
            if opening:
                parameters = ConversationParameters(
                    is_group=False, bot=reference.bot, members=[ChannelAccount(id=user)], tenant_id=stored.tenant_id,
                    channel_data={"tenant": {"id": stored.tenant_id}})
                await self._adapter.create_conversation(self._app_id, deliver, parameters, "msteams",
                                                        stored.service_url)
                return None
            await self._adapter.continue_conversation(reference, deliver, self._app_id)
        return sent[0] if sent else None

    async def edit(self, target: str, receipt: str | None, payload: dict[str, Any]) -> None:
        """Replace the card delivered as activity `receipt` in conversation `target` (the update-activity call)."""
        if receipt is None:
            raise Undeliverable("no activity id to update")
        stored = await self._reference(target)
        await self._pace(stored.conversation_id, stored.tenant_id)
        reference = ConversationReference().deserialize(stored.reference)
        reference.service_url = stored.service_url
        activity = outbound_activity(OutboundMessage.from_payload(payload))
        activity.id = receipt

        async def update(turn_context: TurnContext) -> None:
            await turn_context.update_activity(activity)

        async with _failures():
            await self._adapter.continue_conversation(reference, update, self._app_id)

    async def _reference(self, conversation: str | None) -> StoredConversation:
        stored = await self._conversations.find(self.channel, conversation) if conversation else None
        if stored is None:
            raise TargetGone("no stored conversation reference (the bot was never installed there)")
        return stored

    async def _pace(self, conversation: str, tenant_id: str | None) -> None:
        wait = self.pacer.conversation_wait(conversation)
        if wait > 0:
            raise RetryLater("paced under Teams' limits", after=wait, paced=True)
        await self.pacer.slot(conversation, tenant_id or "-")


@asynccontextmanager
async def _failures() -> AsyncIterator[None]:
    """Connector errors as the outbox's outcomes: gone (403/404), try again (429, 5xx, network), refused."""
    try:
        yield
    except Exception as error:
        status = _status(error)
        if status == 403 or status == 404:
            raise TargetGone(f"{status}: the bot cannot write to this conversation") from None
        if status in RETRYABLE or status is None:
            raise RetryLater(f"{status or type(error).__name__}: {error}") from None
        raise Undeliverable(f"{status}: {error}") from None


def _status(error: Exception) -> int | None:
    response = getattr(error, "response", None)
    for name in ("status_code", "status"):
        value = getattr(response, name, None)
        if isinstance(value, int):
            return value
    return None
