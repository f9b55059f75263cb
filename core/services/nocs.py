"""NOCS balance: the heavy hourly aggregation on CC&B, cached whole in our database and answered from there."""
from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal

from sqlalchemy import delete, insert, select, text
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.models import NocsBalanceRow
from core.money import from_minor, to_minor
from core.services.operations import NocsFigures, OperationsSource

log = logging.getLogger(__name__)
REFRESH_LOCK = 0x5B0A_7C1E_0002  # two refreshes must not interleave their delete and insert


@dataclass(frozen=True, slots=True)
class NocsSnapshot:
    """The cache as of its last refresh: one row per NOCS area, in the CC&B currency."""

    refreshed_at: datetime
    currency: str
    areas: list[NocsFigures]

    def total(self) -> NocsFigures:
        def add(name: str) -> Decimal:
            return sum((getattr(area, name) for area in self.areas), Decimal(0))

        return NocsFigures("All NOCS", sum(a.customers for a in self.areas), sum(a.credit_count for a in self.areas),
                           add("credit"), sum(a.due_count for a in self.areas), add("due"), add("net"))

    def find(self, name: str) -> NocsFigures | None:
        """The area named `name`, ignoring case and spaces; CC&B codes may be cut short ("SHAHEB BAZ")."""
        wanted = _key(name)
        if not wanted:
            return None
        exact = [a for a in self.areas if _key(a.nocs) == wanted]
        if exact:
            return exact[0]
        close = [a for a in self.areas if _key(a.nocs).startswith(wanted) or wanted.startswith(_key(a.nocs))]
        return close[0] if len(close) == 1 else None


def _key(name: str) -> str:
    return "".join(name.split()).casefold()


class NocsBalances:
    def __init__(self, source: OperationsSource, sessions: async_sessionmaker[AsyncSession], *,
                 currency: str) -> None:
        self._source = source
        self._sessions = sessions
        self.currency = currency

    async def refresh_nocs_cache(self, now: datetime | None = None) -> NocsSnapshot | None:
        """The hourly job: run the aggregation on CC&B (outside any transaction of ours: it may take minutes),
        then replace the cache in one transaction, so a reader sees the old rows or the new ones, never none.
        An empty aggregation keeps the old cache: CC&B without any NOCS area is a fault, not a fact."""
        areas = await self._source.nocs_balances()
        at = (now or datetime.now(UTC)).astimezone(UTC)
        if not areas:
            log.warning("the NOCS balance aggregation returned no rows; the cache keeps its previous figures")
            return await self.snapshot()
        currency = self.currency
        async with self._sessions.begin() as session:
            if session.get_bind().dialect.name == "postgresql":
                await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REFRESH_LOCK})
            # DELETE, not TRUNCATE: TRUNCATE is not MVCC-safe (a reader's older snapshot would find the table
            # empty) and it locks readers out until the commit
            await session.execute(delete(NocsBalanceRow))
            await session.execute(insert(NocsBalanceRow), [
                {"nocs": a.nocs[:64], "customers": a.customers, "credit_count": a.credit_count,
                 "credit_minor": to_minor(a.credit, currency), "due_count": a.due_count,
                 "due_minor": to_minor(a.due, currency), "net_minor": to_minor(a.net, currency),
                 "currency": currency, "refreshed_at": at} for a in areas])
        log.info("NOCS balance cache refreshed: %d areas", len(areas))
        return NocsSnapshot(at, currency, list(areas))

    async def snapshot(self) -> NocsSnapshot | None:
        """The cached figures, or None before the first refresh."""
        async with self._sessions() as session:
            rows = (await session.scalars(select(NocsBalanceRow).order_by(NocsBalanceRow.nocs))).all()
        if not rows:
            return None
        currency = rows[0].currency
        return NocsSnapshot(rows[0].refreshed_at, currency, [
            NocsFigures(r.nocs, r.customers, r.credit_count, from_minor(r.credit_minor, currency), r.due_count,
                        from_minor(r.due_minor, currency), from_minor(r.net_minor, currency)) for r in rows])
