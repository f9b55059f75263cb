"""Audit log: who did what, where, and how it ended; one row per turn."""
from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table

from core.group_commit import GroupInserter
from core.models import AuditRecord

AUDIT_TABLE = cast(Table, AuditRecord.__table__)


class AuditLog:
    def __init__(self, writer: GroupInserter) -> None:
        self._writer = writer

    async def record(self, *, turn_id: str, user_id: int | None, channel: str, chat: str, intent: str,
                     outcome: str, detail: dict[str, Any]) -> None:
        """Returns once the row is committed; rows of concurrent turns share one transaction."""
        await self._writer.insert(AUDIT_TABLE, {
            "at": datetime.now(UTC), "turn_id": turn_id, "user_id": user_id, "channel": channel, "chat": chat,
            "intent": intent, "outcome": outcome, "detail": detail})
