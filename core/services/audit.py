"""Audit log: who did what, where, and how it ended; one row per turn."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.db import engine_of
from core.models import AuditRecord


class AuditLog:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions


    async def record(self, *, turn_id: str, user_id: int | None, channel: str, chat: str, intent: str,
                     outcome: str, detail: dict[str, Any]) -> None:
        async with engine_of(self._sessions).begin() as conn:
            await conn.execute(insert(AuditRecord).values(
                at=datetime.now(UTC), turn_id=turn_id, user_id=user_id, channel=channel, chat=chat, intent=intent,
                outcome=outcome, detail=detail))

