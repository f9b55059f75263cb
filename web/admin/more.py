"""Admin pages: the ledger across chats (filters, totals, CSV / XLSX / PDF export as in chat), AI usage, settings."""
from __future__ import annotations

import asyncio
from datetime import date
from decimal import Decimal
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from aiohttp import web
from pydantic import SecretStr
from sqlalchemy.engine import make_url

from core.context import Services
from core.models import Entry
from core.money import format_money, from_minor
from core.services import export as exporter
from core.services import pdf_report
from core.services.admin_ledger import LedgerFilter
from web.admin.session import render, services, signed_in

STAFF = ("admin", "operator")
MASK = "•••••• (set)"


def _day(text: str) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def _wanted(request: web.Request) -> tuple[LedgerFilter, str]:
    q = request.query
    chat = q.get("chat", "")
    start, end = _day(q.get("from", "")), _day(q.get("to", ""))
    error = "Dates must look like 2026-12-03." if (q.get("from") and not start) or (q.get("to") and not end) else ""
    return LedgerFilter(int(chat) if chat.isdigit() else None, q.get("person", "").strip()[:64],
                        q.get("category", "").strip()[:64], start, end), error


@signed_in(*STAFF)
async def ledger(request: web.Request) -> web.Response:
    found = services(request)
    wanted, error = _wanted(request)
    page = int(request.query["page"]) if request.query.get("page", "").isdigit() else 1
    rows, more, totals = await found.admin_ledger.page(wanted, page)
    locale = found.settings.locale
    shown = [(entry, payer, chat, format_money(_amount(entry), entry.currency, locale)) for entry, payer, chat in rows]
    sums = [(kind, format_money(total, currency, locale)) for (kind, currency), total in sorted(totals.items())]
    query = {k: v for k, v in request.query.items() if k not in ("page", "done")}
    return render(request, "ledger.html", rows=shown, more=more, page=page, sums=sums, error=error, q=query,
                  chats=await found.admin_ledger.chats(), wanted=wanted, notice=request.query.get("done", ""),
                  link=lambda **changes: "?" + urlencode(query | {k: str(v) for k, v in changes.items()}))


def _amount(entry: Any) -> Decimal:
    return from_minor(entry.amount_minor, entry.currency)


@signed_in(*STAFF)
async def ledger_export(request: web.Request) -> web.StreamResponse:
    wanted, error = _wanted(request)
    if error:
        raise web.HTTPBadRequest(text=error)
    found = services(request)
    entries = await found.admin_ledger.everything(wanted)
    kind = request.match_info["format"]
    if kind == "pdf":
        content = await _pdf(found, wanted, entries)
        mime = pdf_report.MIME
    else:
        xlsx = kind == "xlsx"
        content = await asyncio.to_thread(exporter.to_xlsx if xlsx else exporter.to_csv, entries)
        mime = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" if xlsx else "text/csv"
    return web.Response(body=content, content_type=mime, headers={
        "Content-Disposition": f'attachment; filename="ledger.{kind}"', "Cache-Control": "no-store"})


async def _pdf(found: Services, wanted: LedgerFilter, entries: list[tuple[Entry, str]]) -> bytes:
    """The chat's PDF report for the filtered ledger; a group chat's balances when one chat is chosen."""
    days = [entry.occurred_on for entry, _ in entries]
    start = wanted.start or min(days, default=date.today())
    end = wanted.end or max(days, default=start)
    name, balances, group = "all chats", [], False
    chosen = await found.admin_ledger.chat(wanted.chat_id) if wanted.chat_id is not None else None
    if chosen is not None:
        chat, name = chosen
        group = chat.is_group
        locale = found.settings.locale
        balances = [f"{t.debtor} owes {t.creditor} {format_money(t.amount, t.currency, locale)}"
                    for t in await found.reports.balances(chat)] if group else []
    title = f"Spending · {start:%d %b %Y} – {end:%d %b %Y}"
    data = pdf_report.spending_chart(title, entries, start, end, found.settings.locale)
    chart = await found.charts.png(data, ("admin", wanted)) if data is not None else None
    report = pdf_report.Report(name, start, end, entries, balances, group, chart, found.settings.locale)
    return await asyncio.to_thread(pdf_report.build_pdf, report)


@signed_in(*STAFF)
async def ai_usage(request: web.Request) -> web.Response:
    found = services(request)
    days = await found.admin_ledger.ai_usage(30, ZoneInfo(found.settings.timezone))
    return render(request, "ai.html", days=days, model=found.settings.openai_model,
                  configured=found.settings.llm_configured)


@signed_in("admin")
async def settings_page(request: web.Request) -> web.Response:
    """Every setting as this process runs with it; secrets (and passwords inside URLs) masked."""
    settings = services(request).settings
    rows = []
    for name in sorted(type(settings).model_fields):
        value = getattr(settings, name)
        rows.append((name.upper(), _masked(name, value)))
    return render(request, "settings.html", rows=rows)


def _masked(name: str, value: Any) -> str:
    if isinstance(value, SecretStr):
        return MASK if value.get_secret_value() else "—"
    if value is None or value == "":
        return "—"
    if name.endswith("_url") and isinstance(value, str) and "://" in value:
        try:
            return make_url(value).render_as_string(hide_password=True)
        except Exception:  # not a database URL (an API base): shown as it is, it holds no password
            return value
    return str(value)
