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
from core.services.payoff_cache import CachedPayoff

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
    """The NOCS balance summary, and with `payoff` every area's customers beside it, refreshed together."""

    def __init__(self, source: OperationsSource, sessions: async_sessionmaker[AsyncSession], *,
                 currency: str, payoff: CachedPayoff | None = None) -> None:
        self._source = source
        self._sessions = sessions
        self.currency = currency
        self.payoff = payoff

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
        copied, failure = None, None
        if self.payoff is not None:
            try:
                copied = await self.payoff.copy([a.nocs for a in areas])
            except Exception as error:  # the summary is still worth keeping; the job reports the failure below
                failure = error
        async with self._sessions.begin() as session:
            if session.get_bind().dialect.name == "postgresql":
                await session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": REFRESH_LOCK})
            kept = (await session.execute(select(NocsBalanceRow.payoff_generation, NocsBalanceRow.payoff_copied_at)
                                          .order_by(NocsBalanceRow.payoff_generation.desc()).limit(1))).first()
            payoff = (kept[0], kept[1]) if kept is not None and kept[0] is not None else (None, None)
            if copied is not None and (payoff[0] is None or copied > payoff[0]):
                payoff = (copied, at)  # unless a refresh that started later has already put its copy in force
            # DELETE, not TRUNCATE: TRUNCATE is not MVCC-safe (a reader's older snapshot would find the table
            # empty) and it locks readers out until the commit
            await session.execute(delete(NocsBalanceRow))
            await session.execute(insert(NocsBalanceRow), [
                {"nocs": a.nocs[:64], "customers": a.customers, "credit_count": a.credit_count,
                 "credit_minor": to_minor(a.credit, currency), "due_count": a.due_count,
                 "due_minor": to_minor(a.due, currency), "net_minor": to_minor(a.net, currency),
                 "currency": currency, "refreshed_at": at, "payoff_generation": payoff[0],
                 "payoff_copied_at": payoff[1]} for a in areas])
        log.info("NOCS balance cache refreshed: %d areas", len(areas))
        if self.payoff is not None:
            await self.payoff.prune()
        if failure is not None:
            raise RuntimeError(f"the NOCS summary was refreshed, but copying its customers' payoff failed "
                               f"({type(failure).__name__}: {failure}); the payoff report shows the previous copy")
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
