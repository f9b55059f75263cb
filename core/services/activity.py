"""What happened lately, for the admin dashboard: turns per channel and intent, and the parsers that read them."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.db import engine_of
from core.models import AuditRecord


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
