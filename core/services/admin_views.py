"""What the admin page lists: people and their chat identities, the audit log with filters, outbox messages that
failed (and retrying them). Read-mostly queries, paginated on the server."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.db import engine_of
from core.models import AuditRecord, DeadTarget, Identity, OutboxMessage, User
from core.outbound import reached_at

PAGE = 50


@dataclass(frozen=True, slots=True)
class Person:
    id: int
    name: str
    display_name: str
    role: str
    has_password: bool
    totp_enabled: bool
    identities: tuple[str, ...]  # "telegram: @alice", "teams: Alice Rahman"


@dataclass(frozen=True, slots=True)
class AuditRow:
    at: datetime
    user: str | None
    channel: str
    chat: str
    intent: str
    outcome: str
    detail: dict[str, Any]


@dataclass(frozen=True, slots=True)
class AuditFilter:
    user: str = ""
    intent: str = ""
    outcome: str = ""
    day: date | None = None


@dataclass(frozen=True, slots=True)
class OutboxRow:
    id: int
    channel: str
    target: str
    kind: str
    status: str
    attempts: int
    last_error: str | None
    created_at: datetime


class AdminViews:
    def __init__(self, sessions: async_sessionmaker[AsyncSession]) -> None:
        self._sessions = sessions

    async def people(self) -> list[Person]:
        async with engine_of(self._sessions).connect() as conn:
            users = list(await conn.execute(select(User.id, User.name, User.display_name, User.role,
                                                   User.password_hash, User.totp_enabled)
                                            .where(User.provisional.is_(False)).order_by(User.name)))
            links: dict[int, list[str]] = {}
            for row in await conn.execute(select(Identity.user_id, Identity.channel, Identity.username,
                                                 Identity.display_name).order_by(Identity.channel)):
                links.setdefault(row.user_id, []).append(
                    f"{row.channel}: {'@' + row.username if row.username else row.display_name}")
        return [Person(u.id, u.name, u.display_name, u.role, bool(u.password_hash), bool(u.totp_enabled),
                       tuple(links.get(u.id, ()))) for u in users]

    async def audit(self, wanted: AuditFilter, page: int, zone: Any) -> tuple[list[AuditRow], bool]:
        """One page of the audit log, newest first, and whether there is a next page. The day is in `zone`."""
        query = (select(AuditRecord, User.name).outerjoin(User, User.id == AuditRecord.user_id)
                 .order_by(AuditRecord.id.desc()))
        if wanted.user:
            query = query.where(User.name == wanted.user)
        if wanted.intent:
            query = query.where(AuditRecord.intent == wanted.intent)
        if wanted.outcome:
            query = query.where(AuditRecord.outcome == wanted.outcome)
        if wanted.day is not None:
            start = datetime.combine(wanted.day, time(), zone).astimezone(UTC)
            query = query.where(AuditRecord.at >= start, AuditRecord.at < start + timedelta(days=1))
        async with self._sessions() as session:
            rows = list(await session.execute(query.offset(max(page - 1, 0) * PAGE).limit(PAGE + 1)))
        found = [AuditRow(r.at, name, r.channel, r.chat, r.intent, r.outcome, dict(r.detail or {}))
                 for r, name in rows[:PAGE]]
        return found, len(rows) > PAGE

    async def troubled_outbox(self, limit: int = 200) -> list[OutboxRow]:
        """Messages that failed, died or keep being retried (newest first)."""
        query = (select(OutboxMessage).where(
            OutboxMessage.status.in_(("failed", "dead")) | (OutboxMessage.attempts > 1))
            .where(OutboxMessage.status != "sent").order_by(OutboxMessage.id.desc()).limit(limit))
        async with self._sessions() as session:
            return [OutboxRow(m.id, m.channel, m.target, m.kind, m.status, m.attempts, m.last_error, m.created_at)
                    for m in await session.scalars(query)]

    async def retry_outbox(self, row_id: int) -> bool:
        """A failed or dead message is due again now, with its attempts counted afresh; for a dead one, its chat
        is no longer marked dead (the admin says it can be written to again)."""
        async with self._sessions.begin() as session:
            row = await session.get(OutboxMessage, row_id)
            if row is None or row.status not in ("failed", "dead"):
                return False
            if row.status == "dead":
                await session.execute(delete(DeadTarget).where(
                    DeadTarget.channel == row.channel, DeadTarget.target == reached_at(row.target, row.payload)))
            row.status, row.attempts, row.claimed_until = "pending", 0, None
            row.next_attempt_at = datetime.now(UTC)
            return True

    async def outbox_counts(self) -> dict[str, int]:
        async with self._sessions() as session:
            rows = await session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))
            return {str(status): int(n) for status, n in rows}
