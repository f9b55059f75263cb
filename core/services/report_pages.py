"""Read-only reports the admin page runs on CC&B: typed parameters, server-side pages, search, sort, whole-result
export. Core names what a report offers; an integration runs it (its SQL passes the read-only guard)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

PAGE_SIZE = 50


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: str
    kind: str = "text"  # text or money
    sortable: bool = True


@dataclass(frozen=True, slots=True)
class ReportPage:
    rows: list[dict[str, str | Decimal | None]]
    total: int
    page: int
    as_of: datetime | None = None  # when the rows were copied from CC&B; None when read from it just now

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


@dataclass(frozen=True, slots=True)
class Query:
    """What to show: the report's parameter, a search over its searchable columns, the sort and the page."""

    parameter: str
    search: str = ""
    sort: str = ""
    descending: bool = True
    page: int = 1


PAYOFF_COLUMNS = (Column("acct_id", "Customer"), Column("customer_name", "Name"), Column("address", "Address"),
                  Column("city", "City"), Column("payoff_balance", "Payoff balance", "money"))
PAYOFF_SEARCHED = ("acct_id", "customer_name", "address", "city")


class PayoffReport(Protocol):
    """The NOCS customer payoff drill-down: every customer of one NOCS area with their payoff balance."""

    columns: tuple[Column, ...]

    async def page(self, query: Query) -> ReportPage: ...

    async def everything(self, query: Query) -> list[dict[str, str | Decimal | None]]:
        """Every row of the (searched, sorted) result, for the export."""
        ...


def like_escaped(text: str) -> str:
    """`text` for a LIKE pattern with backslash as its escape: its own %, _ and backslashes match only themselves."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
