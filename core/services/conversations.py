"""Stored conversation references: where a channel that answers through a service (Teams) reaches a conversation."""
from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.models import ConversationRef
from core.services.outbox import Outbox


@dataclass(frozen=True, slots=True)
class StoredConversation:
    """What a proactive message needs to reach a conversation: the service to call and the channel's reference."""

    channel: str
    conversation_id: str
    service_url: str
    tenant_id: str | None
    reference: dict[str, Any]


class ConversationRefs:
    """Stores each conversation's latest reference as activities arrive, hands it to the channel's notifier, and
    keeps whether the bot may still write there (removed from it: dead; installed again: alive)."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], outbox: Outbox,
                 clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
        self._sessions = sessions
        self._outbox = outbox
        self._clock = clock

    async def remember(self, channel: str, conversation_id: str, *, service_url: str, tenant_id: str | None,
                       reference: dict[str, Any]) -> None:
        """Store the reference, always with the latest service URL; a tenant once known is kept."""
        async with self._sessions.begin() as session:
            row = await session.scalar(select(ConversationRef).where(
                ConversationRef.channel == channel, ConversationRef.conversation_id == conversation_id))
            if row is None:
                session.add(ConversationRef(channel=channel, conversation_id=conversation_id, service_url=service_url,
                                            tenant_id=tenant_id, reference=reference, updated_at=self._clock()))
            elif row.service_url != service_url or row.reference != reference:
                row.service_url, row.reference, row.updated_at = service_url, reference, self._clock()
                row.tenant_id = tenant_id or row.tenant_id

    async def find(self, channel: str, conversation_id: str) -> StoredConversation | None:
        async with self._sessions() as session:
            row = await session.scalar(select(ConversationRef).where(
                ConversationRef.channel == channel, ConversationRef.conversation_id == conversation_id))
        if row is None:
            return None
        return StoredConversation(row.channel, row.conversation_id, row.service_url, row.tenant_id, row.reference)

    async def mark_dead(self, channel: str, conversation_id: str, reason: str) -> None:
        """The bot was removed: nothing more is sent there until it is installed again."""
        await self._outbox.mark_dead(channel, conversation_id, reason)

    async def mark_alive(self, channel: str, conversation_id: str) -> None:
        """The bot was (re)installed: the conversation may be written to again."""
        await self._outbox.mark_alive(channel, conversation_id)


async def reaches_members(conn: AsyncConnection, channel: str, conversation_id: str) -> bool:
    """Whether the bot can open a private chat with anyone in this conversation: it keeps a reference to it."""
    found = await conn.scalar(select(ConversationRef.id).where(
        ConversationRef.channel == channel, ConversationRef.conversation_id == conversation_id))
    return found is not None
