"""Subscriptions: which conversations receive a topic, and fan-out of a topic's messages through the outbox."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import cast

from sqlalchemy import Table, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.db import engine_of
from core.errors import BadInput
from core.intents import BUILT_IN_TOPICS
from core.models import Subscription
from core.outbound import OutboundMessage
from core.services.outbox import Outbox

TOPIC_RE = re.compile(r"^[a-z][a-z0-9_.-]{0,63}$")
_subscriptions = cast(Table, Subscription.__table__)


@dataclass(frozen=True, slots=True)
class Subscriber:
    id: int
    channel: str
    target: str
    topic: str


def checked_topic(topic: str) -> str:
    name = topic.strip().lower()
    if not TOPIC_RE.match(name):
        raise BadInput(f"{topic!r} is not a topic name. Topics: {', '.join(BUILT_IN_TOPICS)}, or a pushed topic "
                       "(lower-case letters, digits, . _ -).")
    return name


class Subscriptions:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], outbox: Outbox) -> None:
        self._sessions = sessions
        self._outbox = outbox

    async def add(self, channel: str, target: str, topic: str, *, by: str) -> tuple[Subscriber, bool]:
        """Subscribe; the subscription and True when it is new, False when it was there already."""
        name = checked_topic(topic)
        try:
            async with self._sessions.begin() as session:
                row = Subscription(channel=channel, target=target, topic=name, created_by=by[:128],
                                   created_at=datetime.now(UTC))
                session.add(row)
            return Subscriber(row.id, channel, target, name), True
        except IntegrityError:
            async with self._sessions() as session:
                found = await session.scalar(select(Subscription).where(
                    Subscription.channel == channel, Subscription.target == target, Subscription.topic == name))
                assert found is not None
                return Subscriber(found.id, channel, target, name), False

    async def remove(self, channel: str, target: str, topic: str | None = None) -> list[str]:
        """Unsubscribe a conversation from one topic (or all); the topics it left."""
        async with self._sessions.begin() as session:
            query = delete(Subscription).where(Subscription.channel == channel, Subscription.target == target)
            if topic is not None:
                query = query.where(Subscription.topic == checked_topic(topic))
            removed = await session.execute(query.returning(Subscription.topic))
            return sorted(str(t) for t in removed.scalars())

    async def remove_id(self, subscription_id: int) -> bool:
        async with self._sessions.begin() as session:
            result = await session.execute(delete(Subscription).where(Subscription.id == subscription_id)
                                           .returning(Subscription.id))
            return result.first() is not None

    async def all(self, topic: str | None = None) -> list[Subscriber]:
        async with self._sessions() as session:
            query = select(Subscription).order_by(Subscription.topic, Subscription.id)
            if topic is not None:
                query = query.where(Subscription.topic == topic)
            return [Subscriber(s.id, s.channel, s.target, s.topic) for s in await session.scalars(query)]

    async def of(self, channel: str, target: str) -> list[str]:
        async with self._sessions() as session:
            rows = await session.scalars(select(Subscription.topic).where(
                Subscription.channel == channel, Subscription.target == target).order_by(Subscription.topic))
            return list(rows)

    async def publish(self, conn: AsyncConnection, topic: str, messages: list[OutboundMessage], *,
                      dedup_prefix: str | None = None, ref: str | None = None) -> int:
        """Queue `messages` for every subscriber of `topic` inside the caller's transaction, so they exist
        exactly when what they report does; how many rows were queued. `ref` names the copies for later edits."""
        subscribers = (select(_subscriptions.c.channel, _subscriptions.c.target)
                       .where(_subscriptions.c.topic == topic).order_by(_subscriptions.c.id))
        queued = 0
        for index, message in enumerate(messages):  # the database fans each one out to every subscriber
            queued += await self._outbox.enqueue_to(
                conn, subscribers, kind=topic, payload=message.to_payload(),
                dedup_prefix=f"{dedup_prefix}:{index}" if dedup_prefix else None, ref=ref)
        return queued

    async def publish_now(self, topic: str, messages: list[OutboundMessage]) -> int:
        """`publish` in a transaction of its own."""
        async with engine_of(self._sessions).begin() as conn:
            return await self.publish(conn, topic, messages)



