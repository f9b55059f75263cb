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


async def _latest(conn: AsyncConnection, table: Any) -> int:
    return int(await conn.scalar(select(func.max(table.id))) or 0)


class Feed:
    """The live activity feed, read from the audit log and the alert history: every replica's turns and every
    alert change appear, in the order they were recorded, without a message bus between processes."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def recent(self, limit: int = 20) -> tuple[list[FeedItem], FeedMark]:
        async with engine_of(self._sessions).connect() as conn:
            mark = FeedMark(await _latest(conn, AuditRecord), await _latest(conn, AlertEvent))
            items, _ = await self._read(conn, FeedMark(max(0, mark.audit_id - limit), max(0, mark.event_id - limit)))
        return items[-limit:], mark

    async def since(self, mark: FeedMark) -> tuple[list[FeedItem], FeedMark]:
        async with engine_of(self._sessions).connect() as conn:
            return await self._read(conn, mark)

    async def _read(self, conn: AsyncConnection, mark: FeedMark) -> tuple[list[FeedItem], FeedMark]:
        turns = list(await conn.execute(
            select(AuditRecord.id, AuditRecord.at, AuditRecord.channel, AuditRecord.intent, AuditRecord.outcome,
                   User.name).outerjoin(User, User.id == AuditRecord.user_id)
            .where(AuditRecord.id > mark.audit_id).order_by(AuditRecord.id).limit(200)))
        events = list(await conn.execute(
            select(AlertEvent.id, AlertEvent.at, AlertEvent.action, AlertEvent.actor, AlertEvent.alert_id,
                   Alert.title).join(Alert, Alert.id == AlertEvent.alert_id)
            .where(AlertEvent.id > mark.event_id).order_by(AlertEvent.id).limit(200)))
        items = [FeedItem(r.at, "admin" if r.channel == "admin" else "turn",
                          f"{r.channel} · {r.name or 'someone'} · {r.intent} → {r.outcome}") for r in turns]
        items += [FeedItem(r.at, "alert", f"alert #{r.alert_id} {r.action} by {r.actor}: {r.title}") for r in events]
        items.sort(key=lambda item: item.at)
        return items, FeedMark(turns[-1].id if turns else mark.audit_id, events[-1].id if events else mark.event_id)
