"""Monitoring as cards: the batch report, stuck / warning alerts, recovery and unreachable notices, NOCS, RC/DC."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from babel.numbers import format_decimal

from core.config import Settings
from core.money import format_money
from core.replies import Card, Section
from core.services import batch_rules
from core.services.batch_rules import Thresholds
from core.services.monitoring import BatchFigures, CheckResult, RaisedAlert
from core.services.nocs import NocsSnapshot
from core.services.operations import NocsFigures
from core.services.rcdc import CommandCounts, RcdcSummary

STATUS_ICON = {"ok": "🟢", "warning": "🟡", "stuck": "🔴"}
BAND_ICON = {"good": "🟢", "attention": "🟡", "warning": "🔴", "unknown": "⚪"}
STYLE_OF = {"ok": "good", "warning": "warning", "stuck": "attention"}
ALERT_TITLE = {"stuck": "Batch stuck", "warning": "Batch running slow", "recovered": "Batch recovered"}


@dataclass(frozen=True, slots=True)
class CardStyle:
    """How cards write times and numbers: TIMEZONE, LOCALE, and the RPS bands (MONITOR_* settings)."""

    timezone: str = "Asia/Dhaka"
    locale: str = "en_IN"
    limits: Thresholds = field(default_factory=Thresholds)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    def when(self, at: datetime) -> str:
        return at.astimezone(self.zone).strftime("%d %b %Y, %H:%M").lstrip("0")

    def count(self, value: int | None) -> str:
        return "—" if value is None else str(format_decimal(value, locale=self.locale))

    def speed(self, value: float | None) -> str:
        return "—" if value is None else f"{BAND_ICON[batch_rules.rps_band(value, self.limits)]} {value:,.2f}"


def card_style(settings: Settings) -> CardStyle:
    return CardStyle(settings.timezone, settings.locale, Thresholds.from_settings(settings))


def report_card(result: CheckResult, style: CardStyle) -> Card:
    """The batch monitoring report: pending IMD, each running run with its status and RPS, 24-hour figures."""
    checked = style.when(result.checked_at)
    if result.failed:
        return Card("Batch monitoring report", facts=[("Checked", checked)], style="attention",
                    text=f"Monitoring cannot reach the billing system ({result.error}); the next check tries again.")
    local = result.checked_at.astimezone(style.zone)
    sections = [_batch_section(b, local, style) for b in result.batches]
    if result.stats:
        sections.append(Section("24-hour statistics", [
            (s.batch_cd, f"avg {_plain(s.avg_rps)} · peak {_plain(s.peak_rps)} RPS · "
                         f"peak {style.count(s.peak_records)} records · {s.checks} check{'s' * (s.checks != 1)}")
            for s in result.stats]))
    worst = max((b.status for b in result.batches), key=("ok", "warning", "stuck").index, default="ok")
    return Card("Batch monitoring report", facts=[
        ("Checked", checked), ("Pending IMD", style.count(result.pending_imd)),
        ("Running batches", str(len(result.batches)) if result.batches else "none")],
        sections=sections, style=STYLE_OF[worst] if worst != "ok" else "")


def _batch_section(batch: BatchFigures, local: datetime, style: CardStyle) -> Section:
    facts = [("Start", batch_rules.clock(batch.start, local) if batch.start else "—"),
             ("Duration", batch_rules.duration_text(batch.duration_s)), ("Records", style.count(batch.records)),
             ("RPS", style.speed(batch.rps)), ("Interval RPS", _plain(batch.interval_rps))]
    if batch.reason:
        facts.append(("Why", batch.reason))
    return Section(f"{STATUS_ICON.get(batch.status, '⚪')} {batch.batch_cd} #{batch.batch_nbr} · {batch.status}",
                   facts)


def alert_card(alert: RaisedAlert, style: CardStyle) -> Card:
    """A stuck or warning alert (with the comparison to the previous check), a recovery notice, or the notice
    that monitoring cannot reach CC&B. Built from the alert's plain data alone, so a stored alert renders too."""
    figures = alert.figures
    at = _time(figures.get("checked_at"))
    when = style.when(at) if at else "—"
    if alert.kind == "unreachable":
        return Card("Monitoring cannot reach the billing system", style="attention",
                    text=f"{figures.get('error') or alert.reason}. The next check tries again.",
                    facts=[("Since", when)])
    run = f"{alert.batch_cd} #{alert.batch_nbr}"
    local = at.astimezone(style.zone) if at else None
    start = _time(figures.get("start"))
    current = [("Start", batch_rules.clock(start, local) if start and local else "—"),
               ("Duration", batch_rules.duration_text(figures.get("duration_s"))),
               ("Records", style.count(figures.get("records"))), ("RPS", style.speed(figures.get("rps"))),
               ("Interval RPS", _plain(figures.get("interval_rps")))]
    if alert.kind == "recovered":
        return Card(f"{ALERT_TITLE['recovered']}: {run}", text="Running normally again.", style="good",
                    facts=[*current, ("Time", when)])
    sections = []
    previous_at = _time(figures.get("previous_checked_at"))
    if previous_at is not None and local is not None:
        before, now = figures.get("previous_records"), figures.get("records")
        diff = now - before if isinstance(now, int) and isinstance(before, int) else None
        sections.append(Section(f"Compared with the previous check ({batch_rules.clock(previous_at, local)})", [
            ("Previous records", style.count(before)), ("Current records", style.count(now)),
            ("Records diff", "—" if diff is None else f"{diff:+,}"),
            ("Previous RPS", _plain(figures.get("previous_rps"))), ("Current RPS", _plain(figures.get("rps"))),
            ("Trend", str(figures.get("trend") or "—"))]))
    return Card(f"{ALERT_TITLE.get(alert.kind, 'Batch alert')}: {run}", text=alert.reason,
                style=STYLE_OF.get(alert.kind, "warning"), facts=[*current, ("Alert time", when)], sections=sections)


def result_cards(result: CheckResult, style: CardStyle) -> list[Card]:
    """The report first, then one card per alert the cycle raised."""
    return [report_card(result, style), *(alert_card(alert, style) for alert in result.alerts)]


def nocs_card(snapshot: NocsSnapshot, style: CardStyle, *, now: datetime, area: NocsFigures | None = None,
              with_areas: bool = True) -> Card:
    """The NOCS balance from the cache, saying how old it is; one area, or the total and (`with_areas`) each."""
    def money(amount: Decimal) -> str:
        return format_money(amount, snapshot.currency, style.locale)

    def facts(figures: NocsFigures) -> list[tuple[str, str]]:
        net = (f"Due {money(figures.net)}" if figures.net > 0 else
               f"Credit {money(-figures.net)}" if figures.net < 0 else f"Settled ({money(Decimal(0))})")
        return [("Customers", style.count(figures.customers)),
                ("Credit", f"{money(figures.credit)} · {style.count(figures.credit_count)} customers"),
                ("Due", f"{money(figures.due)} · {style.count(figures.due_count)} customers"), ("Net", net)]

    text = f"As of {style.when(snapshot.refreshed_at)} ({_age(now - snapshot.refreshed_at)}); refreshed hourly."
    if area is not None:
        return Card(f"NOCS balance · {area.nocs}", facts=facts(area), text=text)
    sections = [Section(a.nocs, facts(a)) for a in snapshot.areas] if with_areas else []
    return Card("NOCS balance", facts=[("NOCS areas", str(len(snapshot.areas))), *facts(snapshot.total())],
                sections=sections, text=text)


def rcdc_card(summary: RcdcSummary, style: CardStyle) -> Card:
    """Remote connect and disconnect commands of the window by status, with the success rate of each."""
    sections = []
    for kind in summary.kinds:
        facts = [("Total", style.count(kind.total)), ("Completed", style.count(kind.completed)),
                 ("Pending", style.count(kind.pending)), ("Failed", style.count(kind.failed)),
                 ("Timed out", style.count(kind.timed_out))]
        if kind.other:
            facts.append(("Other status", style.count(kind.other)))
        facts.append(("Success rate", _percent(kind.success_rate)))
        sections.append(Section(f"{kind.label} ({kind.kind})", facts))
    both = CommandCounts("RC/DC", "All", *(sum(getattr(k, name) for k in summary.kinds) for name in (
        "completed", "pending", "failed", "timed_out", "other")))
    return Card("RC/DC dashboard · last 24 hours", sections=sections, facts=[
        ("Commands", style.count(both.total)), ("Success rate", _percent(both.success_rate)),
        ("Period", f"{style.when(summary.since)} – {style.when(summary.until)}")],
        text="Success rate: completed among finished commands (pending ones have not finished).")


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{100 * value:.1f}%"


def _plain(value: Any) -> str:
    return "—" if value is None else f"{float(value):,.2f}"


def _time(value: Any) -> datetime | None:
    if isinstance(value, datetime):
        return value
    return datetime.fromisoformat(value) if isinstance(value, str) and value else None


def _age(elapsed: Any) -> str:
    minutes = max(0, int(elapsed.total_seconds() // 60))
    if minutes < 1:
        return "just now"
    if minutes < 120:
        return f"{minutes} minute{'s' if minutes != 1 else ''} ago"
    hours = minutes // 60
    return f"{hours} hours ago" if hours < 48 else f"{hours // 24} days ago"
