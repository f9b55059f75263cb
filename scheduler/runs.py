"""The `job_runs` table: each firing claimed once, a lease while it runs, and its outcome."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Table, func, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from core.models import JobRun

_runs = cast(Table, JobRun.__table__)
CLAIM_LOCK = 0x5B_10B5  # first key of the per-job advisory transaction lock that serialises claims

CLAIMED, TAKEN, BUSY, FENCED = "claimed", "taken", "busy", "fenced"


@dataclass(frozen=True)
class Claim:
    """What claiming a firing gave: `claimed` (run it, row `run_id`), `taken` (another process has this
    firing), `busy` (a run of the job is still going: this firing is recorded as skipped) or `fenced`
    (a newer leader has recorded runs: this one's lock is gone)."""

    state: str
    run_id: int | None = None
    detail: str = ""


def utc(moment: datetime) -> datetime:
    # SQLite keeps the wall-clock fields only: every instant is written in UTC so that equal instants match
    return moment.astimezone(UTC)


class JobRuns:
    """Claims, leases and outcomes of leader-job runs; every method is one short transaction."""

    def __init__(self, engine: AsyncEngine, *, lease_seconds: float) -> None:
        self._engine = engine
        self._lease = timedelta(seconds=lease_seconds)

    async def claim(self, job: str, scheduled_for: datetime, *, trigger: str, leader: str, token: int | None,
                    now: datetime) -> Claim:
        """Claim the firing (job, scheduled_for). The unique row decides between replicas that fire the same
        moment; the per-job lock (PostgreSQL) or the single writer (SQLite) keeps two firings of one job from
        overlapping; a scheduled claim with a lower fencing token than a recorded run is refused."""
        scheduled_for, now = utc(scheduled_for), utc(now)
        async with self._engine.begin() as conn:
            if conn.dialect.name == "postgresql":
                await conn.execute(select(func.pg_advisory_xact_lock(CLAIM_LOCK, func.hashtext(job))))
            await conn.execute(update(_runs).where(
                _runs.c.job == job, _runs.c.outcome == "running", _runs.c.lease_until <= now).values(
                outcome="failed", finished_at=now, lease_until=None,
                error="abandoned: its process stopped renewing the lease (crashed or cut off)"))
            if token is not None:
                newest = await conn.scalar(select(func.max(_runs.c.fencing_token)))
                if newest is not None and newest > token:
                    return Claim(FENCED, detail=f"a newer leader (token {newest}) has recorded runs")
            running = (await conn.execute(select(_runs.c.started_at, _runs.c.leader).where(
                _runs.c.job == job, _runs.c.outcome == "running").limit(1))).first()
            row = {"job": job, "scheduled_for": scheduled_for, "trigger": trigger, "leader": leader[:128],
                   "fencing_token": token}
            if running is not None:
                reason = (f"the run started {running.started_at:%Y-%m-%d %H:%M:%S} UTC by {running.leader} "
                          "is still going")
                run_id = await self._insert(conn, {**row, "outcome": "skipped", "started_at": now,
                                                   "finished_at": now, "error": reason})
                return Claim(BUSY if run_id is not None else TAKEN, run_id, reason)
            run_id = await self._insert(conn, {**row, "outcome": "running", "started_at": now,
                                               "lease_until": now + self._lease})
            if run_id is None:
                return Claim(TAKEN, detail="another process has claimed this firing")
            return Claim(CLAIMED, run_id)

    @staticmethod
    async def _insert(conn: AsyncConnection, row: dict[str, object]) -> int | None:
        build = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
        statement = build(_runs).values(**row).on_conflict_do_nothing(
            index_elements=["job", "scheduled_for"]).returning(_runs.c.id)
        run_id = await conn.scalar(statement)
        return int(run_id) if run_id is not None else None

    async def record_skipped(self, job: str, scheduled_for: datetime, *, reason: str, leader: str,
                             token: int | None, now: datetime) -> bool:
        """A firing this process did not start (the previous run still going, or missed past the grace time)."""
        now = utc(now)
        async with self._engine.begin() as conn:
            run_id = await self._insert(conn, {
                "job": job, "scheduled_for": utc(scheduled_for), "trigger": "schedule", "outcome": "skipped",
                "started_at": now, "finished_at": now, "error": reason, "leader": leader[:128],
                "fencing_token": token})
        return run_id is not None

    async def extend(self, run_id: int, now: datetime) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(update(_runs).where(_runs.c.id == run_id, _runs.c.outcome == "running").values(
                lease_until=utc(now) + self._lease))

    async def finish(self, run_id: int, outcome: str, *, now: datetime, summary: str | None = None,
                     error: str | None = None) -> None:
        async with self._engine.begin() as conn:
            await conn.execute(update(_runs).where(_runs.c.id == run_id).values(
                outcome=outcome, finished_at=utc(now), lease_until=None,
                summary=summary[:500] if summary else None, error=error[:4000] if error else None))

    async def max_token(self) -> int:
        async with self._engine.connect() as conn:
            return int(await conn.scalar(select(func.max(_runs.c.fencing_token))) or 0)

    async def latest(self, jobs: list[str]) -> dict[str, JobRun]:
        """The most recent run (by the firing it belongs to) of each of these jobs."""
        found: dict[str, JobRun] = {}
        async with self._engine.connect() as conn:
            for job in jobs:
                row = (await conn.execute(select(_runs).where(_runs.c.job == job)
                                          .order_by(_runs.c.scheduled_for.desc()).limit(1))).first()
                if row is not None:
                    found[job] = JobRun(**row._asdict())
        return found
