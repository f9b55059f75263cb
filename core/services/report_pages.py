"""Read-only reports the admin page runs on CC&B: typed parameters, server-side pages, search, sort, whole-result
export. Core names what a report offers; an integration runs it (its SQL passes the read-only guard)."""
from __future__ import annotations

from dataclasses import dataclass
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


class PayoffReport(Protocol):
    """The NOCS customer payoff drill-down: every customer of one NOCS area with their payoff balance."""

    columns: tuple[Column, ...]

    async def page(self, query: Query) -> ReportPage: ...

    async def everything(self, query: Query) -> list[dict[str, str | Decimal | None]]:
        """Every row of the (searched, sorted) result, for the export."""
        ...
