"""The admin reports on the seeded demo CC&B: the NOCS summary from the cache, the payoff drill-down paged,
searched and sorted on the server with bound parameters, and its Excel export of the whole result."""
from __future__ import annotations

import io
import re
from collections.abc import AsyncIterator
from decimal import Decimal

import pytest
from openpyxl import load_workbook

from app.runtime import Runtime
from core.services import payoff_cache, report_pages
from integrations.ccb import payoff
from tests.fakes.local_server import start
from tests.ops import monitoring_of
from tests.web.test_admin import PASSWORD, Browser
from web.app import create_app


@pytest.fixture
async def reports(runtime: Runtime, ccb: str) -> AsyncIterator[Browser]:
    await runtime.services.identity.create_user("olivia", "operator")
    await runtime.services.admin.set_password("olivia", PASSWORD)
    async with monitoring_of(runtime) as monitoring:
        await monitoring.refresh_nocs_cache()
        runner, url = await start(create_app(runtime.services, runtime.database))
        browser = Browser(url)
        await browser.sign_in("olivia")
        yield browser
        await browser.http.close()
        await runner.cleanup()


def cells(html: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", html, re.S)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row, re.S) for row in rows if "<td" in row]


async def test_the_nocs_summary_links_each_area_to_its_customers(runtime: Runtime, reports: Browser) -> None:
    status, html, _ = await reports.get("/admin/reports/nocs")
    assert status == 200 and "NOCS balance summary" in html
    snapshot = await runtime.services.monitoring.nocs.snapshot()  # type: ignore[union-attr]
    assert snapshot is not None
    biggest = max(snapshot.areas, key=lambda a: a.customers)
    assert f'/admin/reports/payoff?nocs={biggest.nocs.replace(" ", "%20")}' in html
    status, html, _ = await reports.get(f"/admin/reports/payoff?nocs={biggest.nocs}")
    assert status == 200 and f"{biggest.customers:,} customers" in html
    balances = [Decimal(re.sub(r"[^\d.-]", "", row[-1])) for row in cells(html)]
    assert len(balances) == biggest.customers and balances == sorted(balances, reverse=True), "largest due first"


async def test_pages_search_sort_and_export_are_done_on_the_server(runtime: Runtime, reports: Browser,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(payoff, "PAGE_SIZE", 2)
    monkeypatch.setattr(report_pages, "PAGE_SIZE", 2)
    monkeypatch.setattr(payoff_cache, "PAGE_SIZE", 2)
    snapshot = await runtime.services.monitoring.nocs.snapshot()  # type: ignore[union-attr]
    assert snapshot is not None
    area = max(snapshot.areas, key=lambda a: a.customers)
    assert area.customers >= 3
    pages = [cells((await reports.get(f"/admin/reports/payoff?nocs={area.nocs}&sort=acct_id&dir=asc&page={n}"))[1])
             for n in range(1, -(-area.customers // 2) + 1)]
    first = pages[0]
    ids = [row[0] for page in pages for row in page]
    assert [len(page) for page in pages[:-1]] == [2] * (len(pages) - 1), "two a page"
    assert ids == sorted(ids) and len(set(ids)) == area.customers, "every customer once, in order"

    name = first[0][1]
    found = cells((await reports.get(f"/admin/reports/payoff?nocs={area.nocs}&q={name.split()[0].lower()}"))[1])
    assert found and all(name.split()[0].lower() in " ".join(row).lower() for row in found)
    hostile = "x' OR '1'='1"
    status, html, _ = await reports.get(f"/admin/reports/payoff?nocs={area.nocs}&q={hostile}")
    assert status == 200 and "No customers match" in html, "the search is a bound value, not SQL"

    status, body, _ = await reports.get(f"/admin/reports/payoff?nocs={area.nocs}' OR 1=1 --")
    assert status == 400 and "no NOCS area called" in body

    async with reports.http.get(f"{reports.base}/admin/reports/payoff.xlsx?nocs={area.nocs}") as response:
        assert response.status == 200 and "attachment" in response.headers["Content-Disposition"]
        sheet = load_workbook(io.BytesIO(await response.read())).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Customer" and len(rows) == area.customers + 1, "the whole result, not one page"
