"""Batch monitoring: one cycle against CC&B, stored in our database, judged by the rules, with deduplicated alerts."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Protocol
from zoneinfo import ZoneInfo

from sqlalchemy import and_, delete, func, insert, select, text, tuple_
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core.db import engine_of
from core.models import BatchAlert, BatchCheck, MonitorCycle
from core.services import batch_rules, progress
from core.services.batch_rules import Previous, Thresholds
from core.services.nocs import NocsBalances, NocsSnapshot
from core.services.operations import MonitoringSourceDown, OperationsSource, RunningBatch
from core.services.rcdc import RcdcDashboard, RcdcSummary

log = logging.getLogger(__name__)
LOOKBACK = timedelta(hours=24)  # the previous check and the statistics come from this window
RAISING = ("warning", "stuck")
PRUNE_EVERY = timedelta(hours=1)
# one batch-monitoring cycle at a time across replicas (PostgreSQL): chat and `monitor check` may run one
# beside the scheduled job, and deciding what to alert must see the other cycle's alerts
CYCLE_LOCK = 0x5B0A_7C1E_0001


@dataclass(frozen=True, slots=True)
class BatchFigures:
    """A running batch run at this check: figures, the rules' verdict and the previous check it was judged on."""

    batch_cd: str
    batch_nbr: int
    start: datetime | None
    duration_s: int | None
    records: int | None
    rps: float | None
    interval_rps: float | None
    status: str
    reason: str
    previous: Previous | None = None
    records_since: datetime | None = None

    def as_json(self, zone: ZoneInfo) -> dict[str, Any]:
        return {"batch_cd": self.batch_cd, "batch_nbr": self.batch_nbr, "start": _iso(self.start, zone),
                "duration_s": self.duration_s, "records": self.records, "rps": _round(self.rps),
                "interval_rps": _round(self.interval_rps), "status": self.status, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class RaisedAlert:
    """An alert this cycle newly raised, as plain data: kind is warning, stuck, recovered or unreachable (then
    batch_cd and batch_nbr are None)."""

    kind: str
    batch_cd: str | None
    batch_nbr: int | None
    reason: str
    figures: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"batch_cd": self.batch_cd, "batch_nbr": self.batch_nbr, "kind": self.kind, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class BatchStats:
    """One batch code over the 24 hours up to a check."""

    batch_cd: str
    avg_rps: float | None
    peak_rps: float | None
    peak_records: int | None
    checks: int


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One cycle: what `monitor check --json` prints, and the alerts it raised. A failed cycle has `error`, no
    pending count and no batches: a partial result is never reported as complete."""

    checked_at: datetime
    pending_imd: int | None
    batches: list[BatchFigures]
    stats: list[BatchStats]
    alerts: list[RaisedAlert]
    error: str | None = None
    cycle_id: int | None = None

    @property
    def failed(self) -> bool:
        return self.error is not None

    def as_json(self, timezone: str) -> dict[str, Any]:
        zone = ZoneInfo(timezone)
        out: dict[str, Any] = {"checked_at": _iso(self.checked_at, zone), "pending_imd": self.pending_imd,
                               "batches": [b.as_json(zone) for b in self.batches],
                               "alerts": [a.as_json() for a in self.alerts]}
        if self.error is not None:
            out["error"] = self.error
        return out


class Publisher(Protocol):
    """Queues a cycle's report and alerts (`Outbox.enqueue` takes the connection) inside the transaction that
    records the cycle, so they exist exactly when the cycle does."""

    async def __call__(self, conn: AsyncConnection, result: CheckResult) -> None: ...


@dataclass
class Monitoring:
    """Operations monitoring of one deployment, as the scheduler's jobs, chat and the CLI use it."""

    batches: BatchMonitor
    nocs: NocsBalances
    rcdc: RcdcDashboard
    timezone: str
    stale_after: timedelta  # the batch job's interval: chat runs a cycle when the latest is older
    closers: list[Callable[[], Awaitable[None]]] = field(default_factory=list)

    async def check_batches(self, now: datetime | None = None) -> CheckResult:
        """The batch-monitoring job (every 30 minutes by default)."""
        return await self.batches.check(now)

    async def refresh_nocs_cache(self) -> NocsSnapshot | None:
        """The hourly NOCS balance job."""
        return await self.nocs.refresh_nocs_cache()

    async def rcdc_dashboard(self, now: datetime | None = None) -> RcdcSummary:
        """The RC/DC figures of the last 24 hours (chat and the scheduled card)."""
        return await self.rcdc.summary(now)

    async def batch_status(self, now: datetime) -> CheckResult:
        return await self.batches.latest_or_check(now, self.stale_after)

    async def run_batch_cycle(self) -> str:
        """The scheduled batch job as `scheduler.jobs` runs it: a summary, or an error when CC&B did not answer
        (the cycle and its alert are recorded either way)."""
        result = await self.check_batches()
        if result.failed:
            raise RuntimeError(f"batch monitoring could not reach the billing system: {result.error}")
        counts = {status: sum(b.status == status for b in result.batches) for status in ("warning", "stuck")}
        return (f"{len(result.batches)} running, {counts['warning']} warning, {counts['stuck']} stuck, "
                f"{result.pending_imd} pending IMD, {len(result.alerts)} alerts")

    async def run_nocs_refresh(self) -> str:
        """The hourly NOCS job as `scheduler.jobs` runs it."""
        snapshot = await self.refresh_nocs_cache()
        if snapshot is None:
            return "no NOCS areas in the billing system; the cache is unchanged"
        return f"{len(snapshot.areas)} NOCS areas, {snapshot.total().customers} customers"

    async def close(self) -> None:
        for close in self.closers:
            await close()


class BatchMonitor:
    def __init__(self, source: OperationsSource, sessions: async_sessionmaker[AsyncSession], *,
                 limits: Thresholds, timezone: str, realert_seconds: int = 7200, history_days: int = 30,
                 publish: Publisher | None = None) -> None:
        self._source = source
        self._sessions = sessions
        self.limits = limits
        self.zone = ZoneInfo(timezone)
        self._realert = timedelta(seconds=realert_seconds)
        self._history = timedelta(days=history_days)
        self.publish = publish
        self._lock = asyncio.Lock()  # one cycle at a time in this process
        self._pruned: datetime | None = None  # when this process last dropped history past `history_days`

    async def check(self, now: datetime | None = None) -> CheckResult:
        """One cycle at `now` (default: the current time): pending IMD and running batch runs from CC&B, judged
        against their previous checks, stored, deduplicated alerts raised, and everything published at once.
        When CC&B does not answer, the cycle is recorded as failed and one "cannot reach" alert is raised."""
        at = (now or datetime.now(UTC)).astimezone(UTC)
        async with self._lock:
            await progress.report(1, 3, "reading pending IMD and the running batch runs from CC&B")
            started = time.perf_counter()
            pending, runs = await asyncio.gather(self._source.pending_imd(), self._source.running_batches(),
                                                 return_exceptions=True)
            took = int((time.perf_counter() - started) * 1000)
            for outcome in (pending, runs):
                if isinstance(outcome, BaseException):
                    return await self._failed(at, _why(outcome), took)
            assert isinstance(pending, int) and isinstance(runs, list)
            await progress.report(2, 3, f"judging {len(runs):,} running batch runs against their previous checks")
            return await self._checked(at, pending, runs, took)

    async def latest(self) -> CheckResult | None:
        """The most recent cycle as it was recorded (with its statistics), or None before the first one."""
        async with self._sessions() as session:
            cycle = await session.scalar(
                select(MonitorCycle).order_by(MonitorCycle.checked_at.desc(), MonitorCycle.id.desc()).limit(1))
            if cycle is None:
                return None
            if cycle.outcome != "ok":
                return CheckResult(cycle.checked_at, None, [], [], [], cycle.error or "failed", cycle.id)
            rows = (await session.scalars(select(BatchCheck).where(BatchCheck.cycle_id == cycle.id)
                                          .order_by(BatchCheck.batch_cd, BatchCheck.batch_nbr))).all()
            batches = [BatchFigures(r.batch_cd, r.batch_nbr, r.started_at, r.duration_s, r.records, r.rps,
                                    r.interval_rps, r.status, r.reason) for r in rows]
            return CheckResult(cycle.checked_at, cycle.pending_imd, batches,
                               await self._stats(session, cycle.checked_at), [], None, cycle.id)

    async def latest_or_check(self, now: datetime, stale_after: timedelta) -> CheckResult:
        """The latest cycle, or a new one when it is older than `stale_after` (the schedule's interval) or failed."""
        latest = await self.latest()
        if latest is not None and not latest.failed and now - latest.checked_at <= stale_after:
            return latest
        return await self.check(now)

    # the recorded cycle ------------------------------------------------------------------------------------

    async def _checked(self, at: datetime, pending: int, runs: list[RunningBatch], took: int) -> CheckResult:
        local = at.astimezone(self.zone)
        # Core statements on one connection: a cycle is a hot path, and the ORM's unit of work and result
        # loading cost more Python per cycle than its SQL takes
        async with engine_of(self._sessions).begin() as conn:
            await _serialise(conn)
            cycle = await self._cycle(conn, at, "ok", pending, None, took)
            previous = await self._previous(conn, at, runs)
            figures = [self._judge(run, at, local, previous.get((run.batch_cd, run.batch_nbr))) for run in runs]
            if figures:
                await conn.execute(insert(BatchCheck), [
                    {"cycle_id": cycle, "checked_at": at, "batch_cd": f.batch_cd, "batch_nbr": f.batch_nbr,
                     "started_at": f.start.astimezone(UTC) if f.start else None, "duration_s": f.duration_s,
                     "records": f.records, "rps": f.rps, "interval_rps": f.interval_rps,
                     "records_since": f.records_since, "status": f.status, "reason": f.reason[:500]}
                    for f in figures])
            alerts = await self._batch_alerts(conn, cycle, at, figures)
            await progress.report(3, 3, f"recording the cycle and {len(alerts)} alert(s)")
            result = CheckResult(at, pending, figures, await self._stats(conn, at), alerts, None, cycle)
            if self._pruned is None or abs(at - self._pruned) > PRUNE_EVERY:
                await conn.execute(delete(MonitorCycle).where(MonitorCycle.checked_at < at - self._history))
                self._pruned = at
            if self.publish is not None:
                await self.publish(conn, result)
        return result

    async def _failed(self, at: datetime, reason: str, took: int) -> CheckResult:
        log.error("batch monitoring cycle at %s failed: %s", at.isoformat(), reason)
        async with engine_of(self._sessions).begin() as conn:
            await _serialise(conn)
            cycle = await self._cycle(conn, at, "failed", None, reason[:500], took)
            alerts: list[RaisedAlert] = []
            if await self._unreachable_is_new(conn, at):
                alerts.append(RaisedAlert("unreachable", None, None,
                                          f"monitoring cannot reach the billing system: {reason}",
                                          {"checked_at": _iso(at, self.zone), "error": reason}))
                await self._record_alerts(conn, cycle, at, alerts)
            result = CheckResult(at, None, [], [], alerts, reason, cycle)
            if self.publish is not None:
                await self.publish(conn, result)
        return result

    @staticmethod
    async def _cycle(conn: AsyncConnection, at: datetime, outcome: str, pending: int | None, error: str | None,
                     took: int) -> int:
        return int((await conn.execute(insert(MonitorCycle).returning(MonitorCycle.id), {
            "checked_at": at, "outcome": outcome, "pending_imd": pending, "error": error,
            "duration_ms": took})).scalar_one())

    async def _previous(self, conn: AsyncConnection, at: datetime,
                        runs: Sequence[RunningBatch]) -> dict[tuple[str, int], Previous]:
        """The latest earlier check of each running run: the previous cycle's checks (one index lookup), then,
        for runs that cycle did not see, their latest check of the last 24 hours."""
        if not runs:
            return {}
        c = BatchCheck
        columns = (c.batch_cd, c.batch_nbr, c.checked_at, c.records, c.rps, c.records_since, c.status)
        last = (select(MonitorCycle.id).where(MonitorCycle.outcome == "ok", MonitorCycle.checked_at < at,
                                              MonitorCycle.checked_at >= at - LOOKBACK)
                .order_by(MonitorCycle.checked_at.desc(), MonitorCycle.id.desc()).limit(1).scalar_subquery())
        found = {(cd, int(nbr)): Previous(checked, records, speed, since, status)
                 for cd, nbr, checked, records, speed, since, status in await conn.execute(
                     select(*columns).where(c.cycle_id == last))}
        unseen = [(run.batch_cd, run.batch_nbr) for run in runs if (run.batch_cd, run.batch_nbr) not in found]
        if unseen:
            window = (c.checked_at < at, c.checked_at >= at - LOOKBACK, tuple_(c.batch_cd, c.batch_nbr).in_(unseen))
            latest = (select(c.batch_cd, c.batch_nbr, func.max(c.checked_at).label("at")).where(*window)
                      .group_by(c.batch_cd, c.batch_nbr).subquery())
            rows = await conn.execute(select(*columns).join(latest, and_(
                c.batch_cd == latest.c.batch_cd, c.batch_nbr == latest.c.batch_nbr, c.checked_at == latest.c.at)))
            found |= {(cd, int(nbr)): Previous(checked, records, speed, since, status)
                      for cd, nbr, checked, records, speed, since, status in rows}
        return found

    def _judge(self, run: RunningBatch, at: datetime, local: datetime, previous: Previous | None) -> BatchFigures:
        duration = int((at - run.start).total_seconds()) if run.start is not None else None
        if duration is not None and duration < 0:
            duration = None  # a start after the check: reported as such, with no made-up figures
        verdict = batch_rules.judge(start=run.start, now=local, records=run.records, previous=previous,
                                    limits=self.limits)
        since = (previous.records_since or previous.checked_at) if previous and previous.stalled(run.records) else at
        return BatchFigures(run.batch_cd, run.batch_nbr, run.start, duration, run.records,
                            batch_rules.rps(run.records, duration), batch_rules.interval_rps(run.records, at, previous),
                            verdict.status, verdict.reason, previous, since)

    async def _stats(self, conn: AsyncConnection | AsyncSession, at: datetime) -> list[BatchStats]:
        c = BatchCheck
        rows = await conn.execute(
            select(c.batch_cd, func.avg(c.rps), func.max(c.rps), func.max(c.records), func.count())
            .where(c.checked_at > at - LOOKBACK, c.checked_at <= at).group_by(c.batch_cd).order_by(c.batch_cd))
        return [BatchStats(cd, _float(avg), _float(peak), int(top) if top is not None else None, int(n))
                for cd, avg, peak, top, n in rows]

    # alerts ------------------------------------------------------------------------------------------------

    async def _batch_alerts(self, conn: AsyncConnection, cycle_id: int, at: datetime,
                            figures: list[BatchFigures]) -> list[RaisedAlert]:
        """A warning or stuck alert once per run and kind within the re-alert window (an alert of an episode
        that ended with a recovery does not hold back the next episode's); one recovered notice when a run
        that had an alert is ok again. Completed runs are not running, so they raise nothing. A run that is ok
        and was ok at its previous check has nothing to raise: its alert history is not read."""
        figures = [f for f in figures if f.status != "ok" or f.previous is None or f.previous.status != "ok"]
        codes = sorted({f.batch_cd for f in figures})
        history: dict[tuple[str, int], list[tuple[str, datetime]]] = {}
        if codes:
            rows = await conn.execute(
                select(BatchAlert.batch_cd, BatchAlert.batch_nbr, BatchAlert.kind, BatchAlert.raised_at)
                .where(BatchAlert.batch_cd.in_(codes), BatchAlert.raised_at <= at,
                       BatchAlert.raised_at > at - self._history).order_by(BatchAlert.raised_at))
            for cd, nbr, kind, when in rows:
                history.setdefault((cd, int(nbr)), []).append((kind, when))
        raised: list[RaisedAlert] = []
        for figure in figures:
            past = history.get((figure.batch_cd, figure.batch_nbr), [])
            recovered = [when for kind, when in past if kind == "recovered"]
            episode = [(kind, when) for kind, when in past if not recovered or when > recovered[-1]]
            if figure.status == "ok":
                if any(kind in RAISING for kind, _ in episode):
                    raised.append(self._alert("recovered", figure, "running normally again", at))
            elif not any(kind == figure.status and when > at - self._realert for kind, when in episode):
                raised.append(self._alert(figure.status, figure, figure.reason, at))
        await self._record_alerts(conn, cycle_id, at, raised)
        return raised

    def _alert(self, kind: str, figure: BatchFigures, reason: str, at: datetime) -> RaisedAlert:
        previous = figure.previous
        figures: dict[str, Any] = {
            "checked_at": _iso(at, self.zone), "start": _iso(figure.start, self.zone),
            "duration_s": figure.duration_s, "records": figure.records,
            "rps": _round(figure.rps), "interval_rps": _round(figure.interval_rps), "status": figure.status,
            "previous_checked_at": _iso(previous.checked_at, self.zone) if previous else None,
            "previous_records": previous.records if previous else None,
            "previous_rps": _round(previous.rps) if previous else None,
            "trend": batch_rules.trend(figure.rps, previous.rps if previous else None)}
        return RaisedAlert(kind, figure.batch_cd, figure.batch_nbr, reason, figures)

    async def _record_alerts(self, conn: AsyncConnection, cycle_id: int, at: datetime,
                             alerts: list[RaisedAlert]) -> None:
        if alerts:
            await conn.execute(insert(BatchAlert), [
                {"cycle_id": cycle_id, "raised_at": at, "kind": a.kind, "batch_cd": a.batch_cd or "",
                 "batch_nbr": a.batch_nbr or 0, "reason": a.reason[:500], "figures": a.figures} for a in alerts])

    async def _unreachable_is_new(self, conn: AsyncConnection, at: datetime) -> bool:
        """Once while CC&B stays unreachable, within the re-alert window; a cycle that reached it ends that."""
        last_alert = await conn.scalar(select(func.max(BatchAlert.raised_at)).where(
            BatchAlert.kind == "unreachable", BatchAlert.raised_at <= at))
        if last_alert is None or last_alert <= at - self._realert:
            return True
        last_ok = await conn.scalar(select(func.max(MonitorCycle.checked_at)).where(
            MonitorCycle.outcome == "ok", MonitorCycle.checked_at <= at))
        return last_ok is not None and last_ok > last_alert


async def _serialise(conn: AsyncConnection) -> None:
    if conn.dialect.name == "postgresql":
        await conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": CYCLE_LOCK})


def _why(error: BaseException) -> str:
    if isinstance(error, MonitoringSourceDown):
        return error.reason
    log.error("batch monitoring query failed", exc_info=error)
    return f"{type(error).__name__}: {error}"[:300]


def _iso(at: datetime | None, zone: ZoneInfo) -> str | None:
    return at.astimezone(zone).isoformat(timespec="seconds") if at is not None else None


def _round(value: float | None) -> float | None:
    return round(value, 2) if value is not None else None


def _float(value: Any) -> float | None:
    return float(value) if value is not None else None

