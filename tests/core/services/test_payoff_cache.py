"""The NOCS payoff copy: taken by the hourly refresh beside the summary, answered from our database with the same
rows CC&B gives, replaced whole (the previous copy until the new one is complete), read live before the first."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import func, select

from app.monitor_cli import monitoring_for
from app.runtime import Runtime
from core.models import NocsPayoffRow
from core.services.operations import NocsFigures
from core.services.payoff_cache import CachedPayoff
from core.services.report_pages import PAYOFF_COLUMNS, Query, ReportPage
from tests.core.services.test_nocs import Aggregation
from tests.ops import local

Row = dict[str, str | Decimal | None]


class CcbReport:
    """CC&B's live payoff report, as a test sets it: rows per area, sorted as CC&B sorts them; can fail an area."""

    columns = PAYOFF_COLUMNS

    def __init__(self, rows: dict[str, list[Row]]) -> None:
        self.rows = rows
        self.failing: str | None = None
        self.pages = 0

    async def page(self, query: Query) -> ReportPage:
        self.pages += 1
        return ReportPage(self.rows.get(query.parameter, [])[:50], len(self.rows.get(query.parameter, [])), 1)

    async def everything(self, query: Query) -> list[Row]:
        if query.parameter == self.failing:
            raise ConnectionError("CC&B went away mid-copy")
        return self.rows.get(query.parameter, [])


def customer(n: int, balance: str, name: str = "Karim Uddin") -> Row:
    return {"acct_id": f"{30000000 + n}", "customer_name": f"{name} {n}", "address": f"House {n}, Road 1",
            "city": "Dhaka", "payoff_balance": Decimal(balance)}


def area(name: str, customers: int) -> NocsFigures:
    return NocsFigures(name, customers, 0, Decimal(0), customers, Decimal(100 * customers), Decimal(100 * customers))


@pytest.fixture
def ccb_report() -> CcbReport:
    return CcbReport({"MIRPUR": [customer(n, f"{1000 - n}.25") for n in range(120)],
                      "UTTARA": [customer(500, "-20.50", "Rahima Begum"), customer(501, "0")]})


async def copied_rows(runtime: Runtime) -> int:
    async with runtime.database.sessions() as session:
        return int(await session.scalar(select(func.count()).select_from(NocsPayoffRow)) or 0)


async def test_pages_come_from_the_copy_once_the_refresh_took_it(runtime: Runtime, ccb_report: CcbReport) -> None:
    cached = CachedPayoff(runtime.database.sessions, ccb_report, currency="BDT")
    monitoring = monitoring_for(runtime.settings, runtime.database.sessions,
                                Aggregation([area("MIRPUR", 120), area("UTTARA", 2)]), payoff=cached)
    before = await cached.page(Query("MIRPUR"))
    assert before.as_of is None and ccb_report.pages == 1, "no copy yet: CC&B answers"

    await monitoring.nocs.refresh_nocs_cache(local("2026-03-18 10:00"))
    first = await cached.page(Query("MIRPUR"))
    assert ccb_report.pages == 1, "a page after the refresh does not ask CC&B"
    assert first.as_of == local("2026-03-18 10:00") and first.total == 120 and len(first.rows) == 50
    assert first.rows == ccb_report.rows["MIRPUR"][:50], "the same customers and balances, largest due first"
    last = await cached.page(Query("MIRPUR", page=3))
    assert last.rows == ccb_report.rows["MIRPUR"][100:]

    found = await cached.page(Query("UTTARA", search="rahima"))
    assert [r["acct_id"] for r in found.rows] == ["30000500"] and found.rows[0]["payoff_balance"] == Decimal("-20.50")
    assert (await cached.page(Query("MIRPUR", search="100%"))).total == 0, "% is a character to find, not a wildcard"
    by_name = await cached.page(Query("UTTARA", sort="customer_name", descending=False))
    assert [r["customer_name"] for r in by_name.rows] == ["Karim Uddin 501", "Rahima Begum 500"]
    everything = await cached.everything(Query("MIRPUR", sort="acct_id", descending=False))
    assert [r["acct_id"] for r in everything] == sorted(str(30000000 + n) for n in range(120))


async def test_a_new_copy_replaces_the_old_and_a_failed_one_leaves_it(runtime: Runtime,
                                                                      ccb_report: CcbReport) -> None:
    cached = CachedPayoff(runtime.database.sessions, ccb_report, currency="BDT")
    source = Aggregation([area("MIRPUR", 120), area("UTTARA", 2)])
    monitoring = monitoring_for(runtime.settings, runtime.database.sessions, source, payoff=cached)
    await monitoring.nocs.refresh_nocs_cache(local("2026-03-18 10:00"))

    ccb_report.rows["UTTARA"].append(customer(502, "75.00", "Selina Akter"))
    assert (await cached.page(Query("UTTARA"))).total == 2, "CC&B's change waits for the next refresh"
    await monitoring.nocs.refresh_nocs_cache(local("2026-03-18 11:00"))
    now = await cached.page(Query("UTTARA"))
    assert now.total == 3 and now.as_of == local("2026-03-18 11:00")
    assert await copied_rows(runtime) == 122 + 123, "the copy before stays, for a reader that looked it up just now"

    ccb_report.rows["MIRPUR"][0]["payoff_balance"] = Decimal("99999")
    ccb_report.failing = "UTTARA"  # MIRPUR copied, then CC&B fails
    with pytest.raises(RuntimeError, match=r"copying its customers' payoff failed .*the previous copy"):
        await monitoring.nocs.refresh_nocs_cache(local("2026-03-18 12:00"))
    summary = await monitoring.nocs.snapshot()
    assert summary is not None and summary.refreshed_at == local("2026-03-18 12:00"), "the summary is still kept"
    kept = await cached.page(Query("MIRPUR"))
    assert kept.rows[0]["payoff_balance"] == Decimal("1000.25"), "the previous copy, not half of a new one"
    assert kept.as_of == local("2026-03-18 11:00"), "and the page says how old it is"
    assert await copied_rows(runtime) == 122 + 123, "nothing of the failed copy is left behind"

    ccb_report.failing = None
    await monitoring.nocs.refresh_nocs_cache(local("2026-03-18 13:00"))
    assert (await cached.page(Query("MIRPUR"))).rows[0]["payoff_balance"] == Decimal("99999")
    assert await copied_rows(runtime) == 123 + 123, "copies older than the one before are dropped"
