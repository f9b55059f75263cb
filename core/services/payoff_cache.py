"""The NOCS customer payoff drill-down from our copy of CC&B, which the hourly NOCS refresh fills: a page, a search
or a sort is an index range of one area instead of CC&B's whole aggregation; read live before the first copy."""
from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import Select, Table, delete, func, insert, literal, or_, select
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.db import engine_of
from core.models import NocsBalanceRow, NocsPayoffRow
from core.money import from_minor, to_minor
from core.services.report_pages import (
    PAGE_SIZE,
    PAYOFF_COLUMNS,
    PAYOFF_SEARCHED,
    Column,
    PayoffReport,
    Query,
    ReportPage,
    like_escaped,
)

log = logging.getLogger(__name__)
_payoff, _balances = (cast(Table, model.__table__) for model in (NocsPayoffRow, NocsBalanceRow))
CHUNK = 5_000  # rows per INSERT transaction while copying: other writers are never held up for long
EXPORT_LIMIT = 200_000
SORTED_BY = {"acct_id": _payoff.c.acct_id, "customer_name": _payoff.c.customer_name, "address": _payoff.c.address,
             "city": _payoff.c.city, "payoff_balance": _payoff.c.payoff_minor}


@dataclass(frozen=True, slots=True)
class Copy:
    """The copy in force: its generation, when it was taken, and the currency of its amounts."""

    generation: int
    refreshed_at: datetime
    currency: str


class CachedPayoff:
    """`PayoffReport` on the copy; `live` (CC&B's own report) is what the copy is taken from, and what answers
    before there is a copy."""

    columns: tuple[Column, ...] = PAYOFF_COLUMNS

    def __init__(self, sessions: async_sessionmaker[AsyncSession], live: PayoffReport, *, currency: str) -> None:
        self._sessions = sessions
        self.live = live
        self.currency = currency

    async def page(self, query: Query) -> ReportPage:
        async with engine_of(self._sessions).connect() as conn:
            copy = await in_force(conn)
            if copy is not None:
                matching = self._matching(copy, query)
                total = int(await conn.scalar(select(func.count()).select_from(matching.subquery())) or 0)
                page = max(1, query.page)
                rows = await conn.execute(_sorted(matching, query).limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
                return ReportPage([_shown(row, copy.currency) for row in rows], total, page, copy.refreshed_at)
        return await self.live.page(query)  # outside our connection: SQLite's pool has one, CC&B may take minutes

    async def everything(self, query: Query) -> list[dict[str, str | Decimal | None]]:
        async with engine_of(self._sessions).connect() as conn:
            copy = await in_force(conn)
            if copy is not None:
                rows = await conn.execute(_sorted(self._matching(copy, query), query).limit(EXPORT_LIMIT))
                return [_shown(row, copy.currency) for row in rows]
        return await self.live.everything(query)

    def _matching(self, copy: Copy, query: Query) -> Select[Any]:
        statement = select(_payoff.c.acct_id, _payoff.c.customer_name, _payoff.c.address, _payoff.c.city,
                           _payoff.c.payoff_minor).where(_payoff.c.generation == copy.generation,
                                                         _payoff.c.nocs == query.parameter)
        needle = query.search.strip().lower()
        if needle:
            pattern = literal(f"%{like_escaped(needle)}%")
            statement = statement.where(or_(*(func.lower(_payoff.c[key]).like(pattern, escape="\\")
                                              for key in PAYOFF_SEARCHED)))
        return statement

    async def copy(self, areas: Sequence[str]) -> int:
        """Copy every customer of `areas` from CC&B under a new generation (in chunks, so nothing of ours waits on
        it); the copy is in force once the NOCS refresh names it. Its generation: microseconds since the epoch,
        so a later refresh always has the larger one."""
        async with engine_of(self._sessions).connect() as conn:
            latest = int(await conn.scalar(select(func.max(_payoff.c.generation))) or 0)
        generation = max(time.time_ns() // 1000, latest + 1)  # later than any before, whatever the clock did
        copied = 0
        try:
            for area in areas:
                rows = await self.live.everything(Query(area))
                if len(rows) >= EXPORT_LIMIT:
                    log.warning("NOCS %s has more than %d customers: the payoff copy holds the first %d", area,
                                EXPORT_LIMIT, EXPORT_LIMIT)
                values = [{"generation": generation, "nocs": area[:64], "acct_id": str(row["acct_id"])[:32],
                           "customer_name": str(row["customer_name"] or "")[:256],
                           "address": str(row["address"] or "")[:512], "city": str(row["city"] or "")[:128],
                           "payoff_minor": to_minor(Decimal(str(row["payoff_balance"] or 0)), self.currency)}
                          for row in rows]
                for start in range(0, len(values), CHUNK):
                    async with engine_of(self._sessions).begin() as conn:
                        await conn.execute(insert(_payoff), values[start:start + CHUNK])
                copied += len(values)
        except BaseException:
            await self.drop(generation)
            raise
        log.info("NOCS payoff copied: %d customers of %d areas", copied, len(areas))
        return generation

    async def drop(self, generation: int) -> None:
        async with engine_of(self._sessions).begin() as conn:
            await conn.execute(delete(_payoff).where(_payoff.c.generation == generation))

    async def prune(self) -> None:
        """Drop the copies older than the one before the copy in force (and any a failed refresh left behind): a
        reader that looked up the copy in force a moment before a refresh still finds its rows."""
        async with engine_of(self._sessions).begin() as conn:
            copy = await in_force(conn)
            if copy is None:
                return
            previous = await conn.scalar(select(func.max(_payoff.c.generation))
                                         .where(_payoff.c.generation < copy.generation))
            await conn.execute(delete(_payoff).where(_payoff.c.generation < (previous or copy.generation)))


async def in_force(conn: AsyncConnection) -> Copy | None:
    found = (await conn.execute(select(_balances.c.payoff_generation, _balances.c.payoff_copied_at,
                                       _balances.c.currency).where(_balances.c.payoff_generation.is_not(None))
                                .limit(1))).first()
    return Copy(int(found[0]), found[1], str(found[2])) if found is not None else None


def _sorted(statement: Select[Any], query: Query) -> Select[Any]:
    key = SORTED_BY.get(query.sort, _payoff.c.payoff_minor)
    return statement.order_by(key.desc() if query.descending else key.asc(), _payoff.c.acct_id.asc())


def _shown(row: Any, currency: str) -> dict[str, str | Decimal | None]:
    return {"acct_id": row.acct_id, "customer_name": row.customer_name, "address": row.address, "city": row.city,
            "payoff_balance": from_minor(row.payoff_minor, currency)}

