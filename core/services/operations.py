"""What monitoring reads from CC&B's operations tables: the `OperationsSource` protocol and its row types."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from core.services.customers import BillingSystemDown


class MonitoringSourceDown(BillingSystemDown):
    """CC&B did not answer a monitoring query; `reason` says which and how (for the cycle record and the log)."""

    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


@dataclass(frozen=True, slots=True)
class RunningBatch:
    """A running batch run: start is its earliest thread start (aware), records the sum over its threads;
    either is None when CC&B has no value for any thread."""

    batch_cd: str
    batch_nbr: int
    start: datetime | None
    records: int | None
    threads: int


@dataclass(frozen=True, slots=True)
class NocsFigures:
    """One NOCS area's balances; credit and due are positive amounts, net is debit-positive (due minus credit)."""

    nocs: str
    customers: int
    credit_count: int
    credit: Decimal
    due_count: int
    due: Decimal
    net: Decimal


class OperationsSource(Protocol):
    """Read-only monitoring queries on CC&B. Each raises `MonitoringSourceDown` when CC&B does not answer."""

    async def pending_imd(self) -> int: ...

    async def running_batches(self) -> list[RunningBatch]: ...

    async def nocs_balances(self) -> list[NocsFigures]:
        """The heavy per-NOCS aggregation (minutes on a large CC&B)."""

    async def rcdc_counts(self, since: datetime) -> list[tuple[str, str, int]]:
        """(activity type RC/DC, status, commands) created since `since`."""
