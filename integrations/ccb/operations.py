"""`OperationsSource` on the CC&B SQL files: batch runs, pending IMD, RC/DC activity and the NOCS aggregation."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine

from core import metrics
from core.services.operations import MonitoringSourceDown, NocsFigures, RunningBatch
from integrations.ccb.queries import CcbQueries, CcbUnavailable, Statement

OPERATIONS_QUERIES = ("batch_pending_imd", "batch_running_runs", "rcdc_activity_summary", "nocs_balance_summary")
USER = "monitoring"


class OperationsQueries(CcbQueries):
    """The CC&B query files with the operations ones: same folders (CCB_SQL_DIR first), same read-only guard,
    checked at start-up like the customer queries."""

    def __init__(self, engine: AsyncEngine, *, sql_dir: Path | None = None, timeout: float = 10.0) -> None:
        super().__init__(engine, sql_dir=sql_dir, timeout=timeout)
        self._statements.update({name: Statement.compile(self.load(name), engine) for name in OPERATIONS_QUERIES})


class CcbOperations:
    """CC&B keeps timestamps as naive local time in TIMEZONE: they become aware here, and binds go back naive.
    `nocs_queries` runs the heavy aggregation on connections (and with a timeout) of its own, so it never holds
    a connection the batch checks need."""

    def __init__(self, queries: CcbQueries, *, timezone: str, nocs_queries: CcbQueries | None = None) -> None:
        self.queries = queries
        self.nocs_queries = nocs_queries or queries
        self.zone = ZoneInfo(timezone)

    async def _rows(self, queries: CcbQueries, name: str, binds: dict[str, Any]) -> list[dict[str, Any]]:
        try:
            return await queries.rows(name, binds, user=USER)
        except CcbUnavailable as error:
            metrics.BILLING_SYSTEM_FAILURES.labels(name).inc()
            raise MonitoringSourceDown(str(error)) from None

    async def pending_imd(self) -> int:
        rows = await self._rows(self.queries, "batch_pending_imd", {})
        return int(rows[0]["pending"] or 0) if rows else 0

    async def running_batches(self) -> list[RunningBatch]:
        rows = await self._rows(self.queries, "batch_running_runs", {})
        return [RunningBatch(str(row["batch_cd"]).strip(), int(row["batch_nbr"]), self.aware(row["start_dttm"]),
                             None if row["records"] is None else int(row["records"]), int(row["threads"] or 0))
                for row in rows]

    async def rcdc_counts(self, since: datetime) -> list[tuple[str, str, int]]:
        rows = await self._rows(self.queries, "rcdc_activity_summary", {"since": self.naive(since)})
        return [(str(r["activity_type_cd"]).strip(), str(r["bo_status_cd"] or "").strip(), int(r["commands"]))
                for r in rows]

    async def nocs_balances(self) -> list[NocsFigures]:
        rows = await self._rows(self.nocs_queries, "nocs_balance_summary", {})
        return [NocsFigures(str(r["nocs"]).strip(), int(r["customers"]), int(r["credit_count"] or 0),
                            _decimal(r["credit_balance"]), int(r["due_count"] or 0), _decimal(r["due_balance"]),
                            _decimal(r["net_balance"])) for r in rows if r["nocs"] is not None]

    def aware(self, value: datetime | date | str | None) -> datetime | None:
        """A CC&B timestamp (naive local time; SQLite returns it as text) as an aware datetime."""
        if value is None or value == "":
            return None
        if isinstance(value, str):
            value = datetime.fromisoformat(value.strip())
        elif not isinstance(value, datetime):
            value = datetime(value.year, value.month, value.day)
        return value.replace(tzinfo=self.zone) if value.tzinfo is None else value

    def naive(self, at: datetime) -> datetime | str:
        """A bind for a CC&B timestamp column: naive local time (text on SQLite, where timestamps are text)."""
        local = at.astimezone(self.zone).replace(tzinfo=None)
        return local.isoformat(sep=" ") if self.queries.dialect == "sqlite" else local


def _decimal(value: Any) -> Decimal:
    # SQLite sums numerics as floats: through str, a float's shortest form, then cents
    return Decimal(str(value)).quantize(Decimal("0.01")) if value is not None else Decimal(0)
