"""What happened lately, for the admin dashboard: turns per channel and intent today, and the live feed of turns,
admin actions and alert changes."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.db import engine_of
from core.models import Alert, AlertEvent, AuditRecord, User


@dataclass(frozen=True, slots=True)
class TurnCount:
    channel: str
    intent: str
    outcome: str
    count: int


class Activity:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def turns_since(self, since: datetime, limit: int = 200) -> list[TurnCount]:
        """Audited turns and admin actions since `since`, counted by channel, intent and outcome, most first."""
        count = func.count().label("n")
        query = (select(AuditRecord.channel, AuditRecord.intent, AuditRecord.outcome, count)
                 .where(AuditRecord.at >= since)
                 .group_by(AuditRecord.channel, AuditRecord.intent, AuditRecord.outcome)
                 .order_by(count.desc()).limit(limit))
        async with engine_of(self._sessions).connect() as conn:
            return [TurnCount(r.channel, r.intent, r.outcome, int(r.n)) for r in await conn.execute(query)]


@dataclass(frozen=True, slots=True)
class FeedItem:
    at: datetime
    kind: str  # turn, admin or alert
    text: str


@dataclass(frozen=True, slots=True)
class FeedMark:
    """Where a reader of the feed is: the last audit row and alert event it has seen."""

    audit_id: int = 0
    event_id: int = 0


class Feed:
    """The live activity feed, read from the audit log and the alert history: every replica's turns and every
    alert change appear, in the order they were recorded, without a message bus between processes."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def recent(self, limit: int = 20) -> tuple[list[FeedItem], FeedMark]:
        """The newest `limit` items, and the mark to follow the feed from."""
        async with engine_of(self._sessions).connect() as conn:
            turns = list(await conn.execute(self._turns().order_by(AuditRecord.id.desc()).limit(limit)))
            events = list(await conn.execute(self._events().order_by(AlertEvent.id.desc()).limit(limit)))
        items = _items(turns, events)
        return items[-limit:], FeedMark(turns[0].id if turns else 0, events[0].id if events else 0)

    async def mark(self) -> FeedMark:
        """Where the feed stands now: a stream opened now shows what happens from here on."""
        async with engine_of(self._sessions).connect() as conn:
            return FeedMark(int(await conn.scalar(select(func.max(AuditRecord.id))) or 0),
                            int(await conn.scalar(select(func.max(AlertEvent.id))) or 0))

    async def since(self, mark: FeedMark) -> tuple[list[FeedItem], FeedMark]:
        async with engine_of(self._sessions).connect() as conn:
            return await self._read(conn, mark)

    async def _read(self, conn: AsyncConnection, mark: FeedMark) -> tuple[list[FeedItem], FeedMark]:
        turns = list(await conn.execute(self._turns().where(AuditRecord.id > mark.audit_id)
                                        .order_by(AuditRecord.id).limit(200)))
        events = list(await conn.execute(self._events().where(AlertEvent.id > mark.event_id)
                                         .order_by(AlertEvent.id).limit(200)))
        return _items(turns, events), FeedMark(turns[-1].id if turns else mark.audit_id,
                                               events[-1].id if events else mark.event_id)

    @staticmethod
    def _turns() -> Any:
        return select(AuditRecord.id, AuditRecord.at, AuditRecord.channel, AuditRecord.intent, AuditRecord.outcome,
                      User.name).outerjoin(User, User.id == AuditRecord.user_id)

    @staticmethod
    def _events() -> Any:
        return select(AlertEvent.id, AlertEvent.at, AlertEvent.action, AlertEvent.actor, AlertEvent.alert_id,
                      Alert.title).join(Alert, Alert.id == AlertEvent.alert_id)


def _items(turns: list[Any], events: list[Any]) -> list[FeedItem]:
    """Turns and alert events as feed lines, oldest first."""
    items = [FeedItem(r.at, "admin" if r.channel == "admin" else "turn",
                      f"{r.channel} · {r.name or 'someone'} · {r.intent} → {r.outcome}") for r in turns]
    items += [FeedItem(r.at, "alert", f"alert #{r.alert_id} {r.action} by {r.actor}: {r.title}") for r in events]
    items.sort(key=lambda item: item.at)
    return items

