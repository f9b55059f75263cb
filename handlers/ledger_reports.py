"""Ledger reports in chat: balances, spending summaries (a card and a chart), budgets and CSV/XLSX/PDF exports."""
from __future__ import annotations

import asyncio
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from core.context import Context
from core.errors import BadInput
from core.models import Entry
from core.nlu.dates import local_today
from core.replies import Card, Document, Photo, Reply, Section, Text
from core.router import Router
from core.services import export as exporter
from core.services import pdf_report
from core.services.charts import ChartData
from core.services.entry_lists import checked_search
from core.services.reports import BudgetStatus, CategoryTotal, Named, Period, month_of

PROGRESS_FROM_ROWS = 5000
SUMMARY_WORDS = {"expense": "Spending", "income": "Income", "settlement": "Settlements"}
EXPORTS = {"csv": ("csv", "text/csv"), "pdf": ("pdf", pdf_report.MIME),
           "xlsx": ("xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")}
router = Router("ledger_reports")


def _period(ctx: Context) -> Period:
    raw = ctx.entities.get("period")
    if raw:
        return Period(date.fromisoformat(raw["start"]), date.fromisoformat(raw["end"]))
    return month_of(local_today(ctx.turn.received_at, ctx.settings.timezone))


@router.intent("balances")
async def balances(ctx: Context) -> Reply:
    transfers = await ctx.services.reports.balances(ctx.require_chat())
    if not transfers:
        return Text("Everyone is settled up in this chat.")
    lines = [f"{t.debtor} owes {t.creditor} {ctx.money(t.amount, t.currency)}" for t in transfers]
    return Card(title="Balances", text="\n".join(lines))


@router.intent("spending_summary")
async def summary(ctx: Context) -> Reply | list[Reply]:
    """Totals by category, as a card and a chart; only one `category`, only entries with the `mentions`, and with
    `share: "mine"` the asker's own share beside each total."""
    chat, actor, entities = ctx.require_chat(), ctx.require_actor(), ctx.entities
    period = _period(ctx)
    direction = entities.get("direction", "expense")
    category = entities.get("category") or None
    people = await ctx.services.reports.people(chat, entities.get("mentions") or [], ctx.turn.mentions)
    mine = entities.get("share") == "mine"
    shop = checked_search(entities.get("search"))  # "how much did i spend at Costco": one shop's entries
    item = checked_search(entities.get("item"))  # "how much did i spend on tires": entries that name the thing
    search = shop or (Named.thing(item) if item else None)
    totals = await ctx.services.reports.summary(chat, actor, period, direction, category=category,
                                                people=[person.user_id for person in people], search=search,
                                                mine=mine)
    word = SUMMARY_WORDS.get(direction, "Spending")
    filters = (f" on {category}" if category else "") + (f" at {shop}" if shop else f" on {item}" if item else "") + (
        " with " + " and ".join(person.name for person in people) if people else "")
    budget = await _budget_sections(ctx, period, category) if entities.get("budget") else []
    if not totals:
        nothing = f"No {word.lower()}{filters} recorded for {period.label}."
        if budget:  # early in the month the budget is still worth seeing
            return Card(title=f"{word}{filters} · {period.title}", text=nothing, sections=budget)
        return Text(nothing)
    sections, total_label = [], "Group total" if chat.is_group else "Total"
    for currency in sorted({t.currency for t in totals}):
        rows = [t for t in totals if t.currency == currency]
        if mine:
            sections.append(Section(currency, _shared_facts(ctx, rows, currency, total_label)))
            continue
        facts = [(t.category, f"{ctx.money(t.amount, currency)} ({t.count})") for t in rows]
        facts.append(("Total", ctx.money(_sum(t.amount for t in rows), currency)))
        sections.append(Section(currency, facts))
    sections.extend(budget)  # "how much did i spend from my food budget": the budget beside the total
    title = f"{word}{filters}{' · your share' if mine else ''} · {period.title}"
    card = Card(title=title, sections=sections)
    daily = await ctx.services.reports.daily(chat, actor, period, direction, category=category,
                                             people=[person.user_id for person in people], search=search, mine=mine)
    chart = _chart(ctx, title, period, totals, daily, mine)
    scope = (chat.id, actor.id if not chat.is_group else None, period, direction, category,
             tuple(sorted(person.user_id for person in people)), mine, search)
    png = await ctx.services.charts.png(chart, scope)
    others = sorted({t.currency for t in totals} - {chart.currency})
    caption = f"{title} ({chart.currency}" + (f"; {', '.join(others)} in the card" if others else "") + ")"
    return [card, Photo(f"spending-{period.start:%Y%m%d}-{period.end:%Y%m%d}.png", png, caption)]


async def _budget_sections(ctx: Context, period: Period, category: str | None) -> list[Section]:
    """The budgets of the period's last day (today's while it runs), or a line saying there are none."""
    today = local_today(ctx.turn.received_at, ctx.settings.timezone)
    statuses = await ctx.services.reports.budget_status(ctx.require_chat(), ctx.require_actor(),
                                                        min(period.end, today), category)
    if not statuses:
        return [Section("Budget", [("none set", "e.g. \"budget food 5000 per month\"")])]
    return [Section("Budget", [_budget_fact(ctx, s) for s in statuses])]


def _budget_fact(ctx: Context, status: BudgetStatus) -> tuple[str, str]:
    mark = "⚠ over" if status.spent > status.limit else f"{status.share:.0%}"
    return (f"{status.category} ({status.period})",
            f"{ctx.money(status.spent, status.currency)} of {ctx.money(status.limit, status.currency)} · {mark}")


def _chart(ctx: Context, title: str, period: Period, totals: list[CategoryTotal],
           daily: list[tuple[date, str, Decimal]], mine: bool) -> ChartData:
    """The chart of the currency with the most entries: amounts are never summed across currencies."""
    counts: dict[str, int] = {}
    for t in totals:
        counts[t.currency] = counts.get(t.currency, 0) + t.count
    currency = max(sorted(counts), key=lambda code: counts[code])
    categories = tuple((t.category, (t.own or Decimal(0)) if mine else t.amount)
                       for t in totals if t.currency == currency)
    days = tuple((day, amount) for day, code, amount in daily if code == currency)
    return ChartData(title, currency, period.start, period.end, categories, days, ctx.settings.locale)


def _shared_facts(ctx: Context, rows: list[CategoryTotal], currency: str, total_label: str) -> list[tuple[str, str]]:
    facts = [(t.category, f"yours {ctx.money(t.own or Decimal(0), currency)} of {ctx.money(t.amount, currency)} "
                          f"({t.count})") for t in rows]
    facts.append(("Your share", ctx.money(_sum(t.own or Decimal(0) for t in rows), currency)))
    facts.append((total_label, ctx.money(_sum(t.amount for t in rows), currency)))
    return facts


def _sum(amounts: Iterable[Decimal]) -> Decimal:
    return sum(amounts, start=Decimal(0))


@router.intent("budget_set")
async def set_budget(ctx: Context) -> Reply:
    chat, entities = ctx.require_chat(), ctx.entities
    category = entities.get("category") or "other"
    if category == "other":
        raise BadInput("Which category is the budget for? e.g. \"budget food 5000 per month\".")
    amount = ctx.services.ledger.checked_amount(entities.get("amount"))
    currency = ctx.services.ledger.currency_for(chat, entities.get("currency"))
    period = entities.get("period_unit", "month")
    await ctx.services.reports.set_budget(chat, ctx.require_actor(), category=category, period=period,
                                          amount=amount, currency=currency)
    return Text(f"✓ Budget set: {category} {ctx.money(amount, currency)} per {period}.")


@router.intent("budget_status")
async def budget_status(ctx: Context) -> Reply:
    today = local_today(ctx.turn.received_at, ctx.settings.timezone)
    statuses = await ctx.services.reports.budget_status(ctx.require_chat(), ctx.require_actor(), today,
                                                        ctx.entities.get("category"))
    if not statuses:
        return Text("No budgets yet. Set one with e.g. \"budget food 5000 per month\".")
    return Card(title="Budgets", facts=[_budget_fact(ctx, s) for s in statuses])


@router.intent("export")
async def export(ctx: Context) -> Reply:
    period = _period(ctx)
    rows = await ctx.services.reports.entries(ctx.require_chat(), ctx.require_actor(), period)
    if not rows:
        return Text(f"Nothing to export for {period.label}.")
    stem = f"ledger-{period.start:%Y%m%d}-{period.end:%Y%m%d}"
    caption = f"{len(rows)} entries, {period.label}"
    wanted = str(ctx.entities.get("format") or "csv")
    suffix, mime = EXPORTS.get(wanted, EXPORTS["csv"])
    name = f"{stem}.{suffix}"
    watch = None
    if len(rows) >= PROGRESS_FROM_ROWS:  # long enough to be worth a message that follows it
        address = ctx.turn.address
        watch = await ctx.services.progress.start(f"Export {period.label}", targets=((address.channel,
                                                                                     address.chat_id),))
        await watch.step(2, 2, f"writing {len(rows):,} entries to {name}")
    if wanted == "pdf":
        content = await _pdf(ctx, period, rows)
    else:  # the spreadsheet is built off the event loop: a large one takes seconds of CPU
        content = await asyncio.to_thread(exporter.to_xlsx if wanted == "xlsx" else exporter.to_csv, rows)
    if watch is not None:
        await watch.finish(True, f"{name}: {len(rows):,} entries")
    return Document(name, content, mime, caption)


async def _pdf(ctx: Context, period: Period, rows: list[tuple[Entry, str]]) -> bytes:
    """The report: totals, the spending chart (from the same cache as the summaries), a group's balances, entries."""
    chat = ctx.require_chat()
    name = ctx.turn.address.title or ("this group" if chat.is_group else ctx.require_actor().name)
    balances = [f"{t.debtor} owes {t.creditor} {ctx.money(t.amount, t.currency)}"
                for t in await ctx.services.reports.balances(chat)] if chat.is_group else []
    data = pdf_report.spending_chart(f"Spending · {period.title}", rows, period.start, period.end,
                                     ctx.settings.locale)
    chart = await ctx.services.charts.png(data, ("pdf", chat.id, period)) if data is not None else None
    report = pdf_report.Report(name, period.start, period.end, rows, balances, chat.is_group, chart,
                               ctx.settings.locale)
    return await asyncio.to_thread(pdf_report.build_pdf, report)  # seconds of CPU for thousands of entries
