"""Proactive Teams messages for the outbox: stored conversation references, Teams' rate limits, retries."""
from __future__ import annotations

import time
from collections import defaultdict, deque
from typing import TYPE_CHECKING, Any

from botbuilder.core import MessageFactory, TurnContext
from botbuilder.schema import Attachment, ChannelAccount, ConversationParameters, ConversationReference
from sqlalchemy import select

from core.models import ConversationRef
from core.outbound import OutboundMessage
from core.services.outbox import RetryLater, TargetGone, Undeliverable

if TYPE_CHECKING:
    from bots.teams.channel import TeamsChannel

RETRYABLE = {429, 412, 502, 504, 500, 503}
# Teams: per bot per conversation at most 7 sends a second and 60 per 30 s; 50 requests/s per tenant is our own
# ceiling under the documented 30-50 per app per tenant.
WINDOWS = ((1.0, 7), (30.0, 60))
TENANT_PER_SECOND = 45  # under 50, so that timing jitter between us and Teams does not cost 429s


class Pacer:
    def __init__(self) -> None:
        self._conversation: dict[str, deque[float]] = defaultdict(deque)
        self._tenant: dict[str, deque[float]] = defaultdict(deque)

    def wait(self, conversation: str, tenant: str) -> float:
        now = time.monotonic()
        history = self._conversation[conversation]
        waits = [0.0]
        for span, limit in WINDOWS:
            recent = [t for t in history if now - t < span]
            if len(recent) >= limit:
                waits.append(span - (now - recent[-limit]))
        tenant_recent = [t for t in self._tenant[tenant] if now - t < 1.0]
        if len(tenant_recent) >= TENANT_PER_SECOND:
            waits.append(1.0 - (now - tenant_recent[-TENANT_PER_SECOND]))
        return max(waits)

    def record(self, conversation: str, tenant: str) -> None:
        now = time.monotonic()
        history = self._conversation[conversation]
        history.append(now)
        while history and now - history[0] >= WINDOWS[-1][0]:
            history.popleft()
        tenant_history = self._tenant[tenant]
        tenant_history.append(now)
        while tenant_history and now - tenant_history[0] >= 1.0:
            tenant_history.popleft()


class TeamsNotifier:
    channel = "teams"

    def __init__(self, teams: TeamsChannel) -> None:
        self.teams = teams
        self.pacer = Pacer()

    async def send(self, target: str, payload: dict[str, Any]) -> None:
        """`target` is a conversation id, or `user:<id>` to open a 1:1 chat through the conversation `via`."""
        user = target.removeprefix("user:") if target.startswith("user:") else None
        async with self.teams.services.sessions() as session:
            row = await session.scalar(select(ConversationRef).where(
                ConversationRef.channel == self.channel,
                ConversationRef.conversation_id == (payload.get("via") if user else target)))
        if row is None:
            raise TargetGone("no stored conversation reference (the bot was never installed there)")
        tenant = row.tenant_id or "-"
        wait = self.pacer.wait(target, tenant)
        if wait > 0:
            raise RetryLater("paced under Teams' limits", after=wait, paced=True)
        reference = ConversationReference().deserialize(row.reference)
        reference.service_url = row.service_url
        activity = _activity(payload)

        async def deliver(turn_context: TurnContext) -> None:
            await turn_context.send_activity(activity)

        self.pacer.record(target, tenant)
        try:
            if user:
                parameters = ConversationParameters(
                    is_group=False, bot=reference.bot, members=[ChannelAccount(id=user)], tenant_id=row.tenant_id,
                    channel_data={"tenant": {"id": row.tenant_id}})
                await self.teams.adapter.create_conversation(
                    self.teams.settings.microsoft_app_id, deliver, parameters, "msteams", row.service_url)
            else:
                await self.teams.adapter.continue_conversation(reference, deliver,
                                                               self.teams.settings.microsoft_app_id)
        except Exception as error:
            status = _status(error)
            if status == 403 or status == 404:
                raise TargetGone(f"{status}: the bot cannot write to this conversation") from None
            if status in RETRYABLE or status is None:
                raise RetryLater(f"{status or type(error).__name__}: {error}") from None
            raise Undeliverable(f"{status}: {error}") from None


def _activity(payload: dict[str, Any]) -> Any:
    from bots.teams.cards import adaptive_card, plain

    message = OutboundMessage.from_payload(payload)
    if message.kind == "card":
        return MessageFactory.attachment(Attachment(content_type="application/vnd.microsoft.card.adaptive",
                                                    content=adaptive_card(message.as_card())))
    return MessageFactory.text(plain(message.text))


def _status(error: Exception) -> int | None:
    response = getattr(error, "response", None)
    for name in ("status_code", "status"):
        value = getattr(response, name, None)
        if isinstance(value, int):
            return value
    return None
