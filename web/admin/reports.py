"""Admin reports, as the utility's reports page had them: the NOCS balance summary (from the hourly cache) and
the NOCS customer payoff drill-down (from the copy the same refresh takes, 50 a page on the server, searchable,
sortable, an Excel export)."""
from __future__ import annotations

import asyncio
import io
from datetime import datetime
from decimal import Decimal
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from aiohttp import web
from openpyxl import Workbook

from core.money import format_money
from core.services.nocs import NocsSnapshot
from core.services.report_pages import PayoffReport, Query
from web.admin.session import render, services, signed_in

STAFF = ("admin", "operator")
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@signed_in(*STAFF)
async def index(request: web.Request) -> web.Response:
    snapshot = await _snapshot(request)
    return render(request, "reports.html", areas=[a.nocs for a in snapshot.areas] if snapshot else [],
                  available=services(request).payoff is not None)


@signed_in(*STAFF)
async def nocs_summary(request: web.Request) -> web.Response:
    found = services(request)
    snapshot = await _snapshot(request)
    if snapshot is None:
        return render(request, "nocs.html", snapshot=None)
    locale = found.settings.locale
    rows = [(a, {name: format_money(getattr(a, name), snapshot.currency, locale) for name in ("credit", "due", "net")})
            for a in [*snapshot.areas, snapshot.total()]]
    return render(request, "nocs.html", snapshot=snapshot, rows=rows,
                  refreshed=snapshot.refreshed_at.astimezone(ZoneInfo(found.settings.timezone)))


@signed_in(*STAFF)
async def payoff(request: web.Request) -> web.StreamResponse:
    report, query, error = await _query(request)
    if report is None or error:
        return render(request, "payoff.html", status=400 if error else 503, error=error or
                      "Customer lookups (CC&B) are not enabled on this deployment.", query=query, page=None)
    result = await report.page(query)
    currency, locale = services(request).settings.ccb_currency, services(request).settings.locale
    rows = [{key: _shown(value, currency, locale) for key, value in row.items()} for row in result.rows]
    as_of = result.as_of.astimezone(ZoneInfo(services(request).settings.timezone)) if result.as_of else None
    return render(request, "payoff.html", query=query, page=result, rows=rows, columns=report.columns, error="",
                  as_of=as_of, link=lambda **changes: "?" + urlencode(_params(query) | changes))


@signed_in(*STAFF)
async def payoff_export(request: web.Request) -> web.StreamResponse:
    report, query, error = await _query(request)
    if report is None or error:
        raise web.HTTPBadRequest(text=error or "CC&B is not enabled")
    rows = await report.everything(query)
    content = await asyncio.to_thread(_workbook, report, rows)  # a large sheet is seconds of CPU
    name = f"nocs-payoff-{_slug(query.parameter)}-{datetime.now():%Y%m%d-%H%M}.xlsx"
    return web.Response(body=content, content_type=XLSX,
                        headers={"Content-Disposition": f'attachment; filename="{name}"', "Cache-Control": "no-store"})


async def _snapshot(request: web.Request) -> NocsSnapshot | None:
    monitoring = services(request).monitoring
    return await monitoring.nocs.snapshot() if monitoring is not None else None


async def _query(request: web.Request) -> tuple[PayoffReport | None, Query, str]:
    """The report and the query the URL asks for; a NOCS must be one the cache knows when there is a cache."""
    q = request.query
    page = int(q["page"]) if q.get("page", "").isdigit() and 0 < int(q["page"]) < 100_000 else 1
    query = Query(q.get("nocs", "").strip()[:64], q.get("q", "").strip()[:100], q.get("sort", ""),
                  q.get("dir", "desc") != "asc", page)
    snapshot = await _snapshot(request)
    known = [a.nocs for a in snapshot.areas] if snapshot else []
    if not query.parameter:
        return services(request).payoff, query, "Choose a NOCS area."
    if known and query.parameter not in known:
        return services(request).payoff, query, f"There is no NOCS area called {query.parameter!r}."
    return services(request).payoff, query, ""


def _params(query: Query) -> dict[str, str]:
    return {"nocs": query.parameter, "q": query.search, "sort": query.sort,
            "dir": "desc" if query.descending else "asc", "page": str(query.page)}


def _shown(value: str | Decimal | None, currency: str, locale: str) -> str:
    if isinstance(value, Decimal):
        return format_money(value, currency, locale)
    return value or ""


def _workbook(report: PayoffReport, rows: list[dict[str, str | Decimal | None]]) -> bytes:
    book = Workbook(write_only=True)
    sheet = book.create_sheet("NOCS payoff")
    sheet.append([c.label for c in report.columns])
    for row in rows:
        sheet.append([row[c.key] for c in report.columns])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text)[:40] or "area"
