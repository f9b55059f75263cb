"""`CustomerDirectory` on the CC&B SQL files."""
from __future__ import annotations

from datetime import date
from typing import Any

from core import metrics
from core.services.customers import BillingSystemDown
from integrations.ccb.queries import CcbQueries, CcbUnavailable


class CcbDirectory:
    def __init__(self, queries: CcbQueries) -> None:
        self.queries = queries

    async def _rows(self, name: str, binds: dict[str, Any], user: str) -> list[dict[str, Any]]:
        try:
            return await self.queries.rows(name, binds, user=user)
        except CcbUnavailable:
            metrics.BILLING_SYSTEM_FAILURES.labels(name).inc()
            raise BillingSystemDown() from None

    async def find(self, query: str, by: str, *, user: str) -> list[dict[str, Any]]:
        binds = {"customer_id": query if by in ("customer", "auto") else None,
                 "meter_no": query if by in ("meter", "auto") else None}
        return await self._rows("customer_details_search", binds, user)

    async def monthly(self, acct_id: str, since: date, *, user: str) -> list[dict[str, Any]]:
        return await self._rows("customer_billing_details", {"acct_id": acct_id, "since": since}, user)

    async def recharges(self, acct_id: str, limit: int, *, user: str) -> list[dict[str, Any]]:
        return await self._rows("customer_recharge_history", {"acct_id": acct_id, "max_rows": limit}, user)
