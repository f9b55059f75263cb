"""The NOCS customer payoff report on CC&B: its SQL file (read-only guard) wrapped for search, sort and pages by
SQLAlchemy, which writes each dialect's paging (Oracle's FETCH NEXT, LIMIT elsewhere); every value is bound."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

from sqlalchemy import Select, String, column, func, literal, or_, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from core.services.report_pages import (
    PAGE_SIZE,
    PAYOFF_COLUMNS,
    PAYOFF_SEARCHED,
    Column,
    Query,
    ReportPage,
    like_escaped,
)
from integrations.ccb.guard import check_read_only
from integrations.ccb.queries import BUILTIN_SQL

NAME = "nocs_customer_payoff"
COLUMNS = PAYOFF_COLUMNS
SEARCHED = PAYOFF_SEARCHED
EXPORT_LIMIT = 200_000


class CcbPayoffReport:
    columns: tuple[Column, ...] = COLUMNS

    def __init__(self, engine: AsyncEngine, *, sql_dir: Path | None = None, timeout: float = 60.0) -> None:
        self._engine = engine
        path = next(d / f"{NAME}.sql" for d in (sql_dir, BUILTIN_SQL) if d and (d / f"{NAME}.sql").exists())
        self._sql = check_read_only(path.read_text(encoding="utf-8"))  # a file that writes stops the start-up
        self._timeout = timeout

    def _base(self, query: Query) -> Any:
        report = text(self._sql).bindparams(nocs=query.parameter).columns(
            *(column(c.key, String()) if c.kind == "text" else column(c.key) for c in COLUMNS))
        return report.subquery("r")

    def _filtered(self, query: Query) -> tuple[Any, Select[Any]]:
        base = self._base(query)
        statement = select(base)
        needle = query.search.strip().lower()
        if needle:
            pattern = literal(f"%{like_escaped(needle)}%")
            statement = statement.where(or_(*(func.lower(base.c[key]).like(pattern, escape="\\")
                                              for key in SEARCHED)))
        return base, statement

    def _sorted(self, base: Any, statement: Select[Any], query: Query) -> Select[Any]:
        key = query.sort if query.sort in {c.key for c in COLUMNS} else "payoff_balance"
        order = base.c[key].desc() if query.descending else base.c[key].asc()
        return statement.order_by(order, base.c.acct_id.asc())

    async def page(self, query: Query) -> ReportPage:
        base, statement = self._filtered(query)
        page = max(1, query.page)
        async with self._engine.connect() as conn:
            total = int(await conn.scalar(select(func.count()).select_from(statement.subquery())) or 0)
            rows = await conn.execute(self._sorted(base, statement, query)
                                      .limit(PAGE_SIZE).offset((page - 1) * PAGE_SIZE))
            found = [_row(r._mapping) for r in rows]
        return ReportPage(found, total, page)

    async def everything(self, query: Query) -> list[dict[str, str | Decimal | None]]:
        base, statement = self._filtered(query)
        async with self._engine.connect() as conn:
            rows = await conn.execute(self._sorted(base, statement, query).limit(EXPORT_LIMIT))
            return [_row(r._mapping) for r in rows]


def _row(mapping: Any) -> dict[str, str | Decimal | None]:
    values: dict[str, str | Decimal | None] = {}
    for c in COLUMNS:
        value = mapping[c.key]
        values[c.key] = (Decimal(str(value)) if c.kind == "money" and value is not None
                         else None if value is None else str(value))
    return values

