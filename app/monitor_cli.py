"""Operations monitoring in the composition root: `attach_monitoring` (CC&B engines → services) and the
`switchboard monitor check [--now ISO8601] [--json]` command."""
from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.config import Settings
from core.context import Services
from core.db import Database
from core.outbound import OutboundMessage
from core.services.alerts import AlertRequest, Alerts
from core.services.batch_rules import Thresholds
from core.services.monitoring import BatchMonitor, CheckResult, Monitoring, Publisher
from core.services.monitoring_cards import (
    CardStyle,
    alert_card,
    card_style,
    nocs_card,
    rcdc_card,
    report_card,
    result_cards,
)
from core.services.nocs import NocsBalances
from core.services.operations import OperationsSource
from core.services.payoff_cache import CachedPayoff
from core.services.rcdc import RcdcDashboard
from core.services.subscriptions import Subscriptions


def schedule_interval(schedule: str, timezone: str) -> timedelta:
    """The time between two firings of a cron schedule (around now): how old the latest check may be. With the
    job off (an empty schedule) no check is recent enough: chat runs one each time."""
    from apscheduler.triggers.cron import CronTrigger

    if not schedule.strip():
        return timedelta(0)
    trigger = CronTrigger.from_crontab(schedule.strip(), timezone=timezone)
    first = trigger.get_next_fire_time(None, datetime.now(ZoneInfo(timezone)))
    assert first is not None, f"the schedule {schedule!r} never fires"
    second = trigger.get_next_fire_time(first, first + timedelta(seconds=1))
    return (second - first) if second is not None else timedelta(days=1)


def monitoring_for(settings: Settings, sessions: async_sessionmaker[AsyncSession], source: OperationsSource, *,
                   publish: Publisher | None = None, payoff: CachedPayoff | None = None,
                   closers: Iterable[Callable[[], Awaitable[None]]] = ()) -> Monitoring:
    """Monitoring on any `OperationsSource` (CC&B, or a fake in tests), as the settings say; with `payoff`, the
    hourly NOCS refresh also copies every area's customers for the admin page's payoff report."""
    batches = BatchMonitor(source, sessions, limits=Thresholds.from_settings(settings), timezone=settings.timezone,
                           realert_seconds=settings.monitor_realert_seconds,
                           history_days=settings.monitor_history_days, publish=publish)
    nocs = NocsBalances(source, sessions, currency=settings.ccb_currency, payoff=payoff)
    return Monitoring(batches=batches, nocs=nocs,
                      rcdc=RcdcDashboard(source), timezone=settings.timezone,
                      stale_after=schedule_interval(settings.monitor_batch_schedule, settings.timezone),
                      closers=list(closers))


def attach_monitoring(services: Services, database: Database, settings: Settings, *,
                      publish: Publisher | None = None) -> Monitoring:
    """Monitoring on CC&B (or its demo database), its cycles kept in `database`, as `services.monitoring` for chat
    and jobs. The query files are checked read-only here, at start-up. The batch checks and RC/DC get two
    connections of their own; the NOCS aggregation, which may run for minutes, one more with
    NOCS_QUERY_TIMEOUT_SECONDS."""
    from integrations.ccb.operations import CcbOperations, OperationsQueries
    from integrations.ccb.queries import make_engine

    sql_dir = Path(settings.ccb_sql_dir) if settings.ccb_sql_dir else None
    engine = make_engine(settings.ccb_database_url, pool_size=2)
    nocs_engine = make_engine(settings.ccb_database_url, pool_size=1)
    source = CcbOperations(
        OperationsQueries(engine, sql_dir=sql_dir, timeout=settings.ccb_query_timeout_seconds),
        timezone=settings.timezone,
        nocs_queries=OperationsQueries(nocs_engine, sql_dir=sql_dir, timeout=settings.nocs_query_timeout_seconds))
    live = services.payoff.live if isinstance(services.payoff, CachedPayoff) else services.payoff
    payoff = CachedPayoff(database.sessions, live, currency=settings.ccb_currency) if live is not None else None
    monitoring = monitoring_for(settings, database.sessions, source,
                                publish=publish or batch_publisher(services.subscriptions, card_style(settings),
                                                                   services.alerts),
                                payoff=payoff, closers=(engine.dispose, nocs_engine.dispose))
    services.monitoring = monitoring
    if payoff is not None:  # the admin page's payoff report: pages from the copy, live from CC&B until there is one
        services.payoff = payoff
    return monitoring


def batch_publisher(subscriptions: Subscriptions, style: CardStyle, alerts: Alerts | None = None) -> Publisher:
    """Each cycle's report and newly raised alerts go to the `batch` topic's subscribers, queued in the
    transaction that records the cycle (so a crash never reports a cycle twice or loses its alerts). With
    `alerts`, a stuck or slow run (and CC&B out of reach) is an alert record people can Ack / Snooze / Resolve
    on every copy, one per run while it is live; its recovery resolves it and is reported as a card."""

    async def publish(conn: AsyncConnection, result: CheckResult) -> None:
        prefix = f"batch:{result.cycle_id}" if result.cycle_id else None
        if alerts is None:
            messages = [OutboundMessage.of(card, topic="batch") for card in result_cards(result, style)]
            await subscriptions.publish(conn, "batch", messages, dedup_prefix=prefix)
            return
        await subscriptions.publish(conn, "batch", [OutboundMessage.of(report_card(result, style), topic="batch")],
                                    dedup_prefix=prefix)
        for place, raised in enumerate(result.alerts):
            card = alert_card(raised, style)
            key = f"batch:{raised.batch_cd}:{raised.batch_nbr}" if raised.batch_cd else "batch:ccb"
            if raised.kind != "recovered":
                await alerts.raise_in(conn, AlertRequest(
                    "batch", card.title[:200], card.text, "warning" if raised.kind == "warning" else "critical",
                    key, tuple(card.facts), source="monitoring"))
                continue
            await alerts.resolve_in(conn, "batch", key, by="monitoring")
            await subscriptions.publish(conn, "batch", [OutboundMessage.of(card, topic="batch")],
                                        dedup_prefix=f"{prefix}:recovered{place}" if prefix else None)

    return publish


def register_jobs(monitoring: Monitoring, services: Services, settings: Settings, *, replace: bool = True) -> None:
    """The leader jobs: batch monitoring (MONITOR_BATCH_SCHEDULE), the NOCS cache and its card to the `nocs`
    topic (MONITOR_NOCS_SCHEDULE), and the RC/DC card to the `rcdc` topic (MONITOR_RCDC_SCHEDULE). With
    `replace=False` a job of the same name registered before (a deployment's own) is kept."""
    from scheduler import jobs

    style = card_style(settings)

    async def nocs_refresh() -> str:
        summary = await monitoring.run_nocs_refresh()
        snapshot = await monitoring.nocs.snapshot()
        if snapshot is not None:
            card = nocs_card(snapshot, style, now=datetime.now(UTC))
            sent = await services.subscriptions.publish_now("nocs", [OutboundMessage.of(card, topic="nocs")])
            summary += f"; sent to {sent} subscriber(s)"
        return summary

    async def rcdc_report() -> str:
        summary = await monitoring.rcdc_dashboard(datetime.now(UTC))
        sent = await services.subscriptions.publish_now(
            "rcdc", [OutboundMessage.of(rcdc_card(summary, style), topic="rcdc")])
        return f"RC/DC card sent to {sent} subscriber(s)"

    for name, schedule, run in (("batch-monitor", settings.monitor_batch_schedule, monitoring.run_batch_cycle),
                                ("nocs-balance", settings.monitor_nocs_schedule, nocs_refresh),
                                ("rcdc-report", settings.monitor_rcdc_schedule, rcdc_report)):
        if replace or jobs.registry.get(name) is None:
            jobs.register(name, schedule, run)


def add_parser(sub: Any) -> None:
    """`monitor check`, on the `switchboard` command's subparsers."""
    monitor = sub.add_parser("monitor", help="operations monitoring on CC&B")
    monitor_sub = monitor.add_subparsers(dest="monitor_command", required=True)
    check = monitor_sub.add_parser("check", help="run one batch-monitoring cycle, persist it and print it")
    check.add_argument("--now", help="ISO 8601 time of the cycle (default: now; without an offset: TIMEZONE)")
    check.add_argument("--json", action="store_true", help="print one JSON object (CONTRACTS.md)")
    monitor.set_defaults(func=cmd_monitor)


def parse_now(text: str | None, timezone: str) -> datetime:
    if not text:
        return datetime.now(UTC)
    at = datetime.fromisoformat(text)
    return at.replace(tzinfo=ZoneInfo(timezone)) if at.tzinfo is None else at


def cmd_monitor(args: argparse.Namespace) -> int:
    from app.cli import _run, _settings

    settings = _settings()
    try:
        now = parse_now(args.now, settings.timezone)
    except ValueError:
        print(f"--now {args.now!r} is not an ISO 8601 time, e.g. 2026-03-18T11:30:00+06:00", file=sys.stderr)
        return 2
    return _run(check(settings, now, as_json=args.json))


async def check(settings: Settings, now: datetime, *, as_json: bool) -> int:
    """One cycle as the scheduled job runs it (through the runtime's monitoring when it has one), printed."""
    from app.runtime import build
    from bots.console import as_lines

    runtime = await build(settings)
    monitoring = (runtime.services.monitoring
                  or attach_monitoring(runtime.services, runtime.database, settings))
    try:
        result = await monitoring.check_batches(now)
    finally:
        await runtime.close()
    if as_json:
        print(json.dumps(result.as_json(settings.timezone), ensure_ascii=False), flush=True)
    else:
        print("\n\n".join(as_lines(card) for card in result_cards(result, card_style(settings))), flush=True)
    return 1 if result.failed else 0
