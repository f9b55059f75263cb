"""Moves the demo CC&B's batch runs on: one healthy, one that slows, stalls, recovers and completes, one slow."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import and_, delete, insert, or_
from sqlalchemy.ext.asyncio import AsyncEngine

from integrations.ccb.ops_schema import ci_batch_run, ci_batch_thd

THREADS = 4


@dataclass(frozen=True, slots=True)
class DemoRun:
    """A run that started `lead` before the scenario, at its first phase's pace; `phases` are (seconds into the
    scenario, records per second from then on)."""

    batch_cd: str
    batch_nbr: int
    lead: timedelta
    phases: tuple[tuple[int, float], ...]
    completes_after: int | None = None  # seconds into the scenario

    def records(self, elapsed: float) -> int:
        done = self.lead.total_seconds() * self.phases[0][1]
        bounds = [*(start for start, _ in self.phases[1:]), float("inf")]
        for (start, pace), end in zip(self.phases, bounds, strict=True):
            if elapsed > start:
                done += (min(elapsed, end) - start) * pace
        return int(done)


# With monitoring every 30 seconds from the scenario's start: BMHHS is fine at 0 and 30 s, slows (interval RPS
# falls) by 60 s, has not moved at 90 and 120 s (stuck: one alert), moves again by 180 s (recovered) and
# completes at 7 minutes (gone from the report). C1-BILLG has run over an hour below 50 RPS (a warning).
DEMO_RUNS = (
    DemoRun("D1-IMDLD", 2001, timedelta(minutes=20), ((0, 180.0),)),
    DemoRun("BMHHS", 1001, timedelta(minutes=20), ((0, 120.0), (30, 8.0), (60, 0.0), (150, 300.0)), 420),
    DemoRun("C1-BILLG", 3001, timedelta(minutes=75), ((0, 30.0),)),
)


def rows_at(at: datetime, started: datetime) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The demo runs' `ci_batch_run` and `ci_batch_thd` rows at local time `at` of a scenario that began at
    `started` (both naive local time, as CC&B keeps them)."""
    elapsed = max(0.0, (at - started).total_seconds())
    runs: list[dict[str, Any]] = []
    threads: list[dict[str, Any]] = []
    for demo in DEMO_RUNS:
        finish = demo.completes_after
        done = finish is not None and elapsed >= finish
        records = demo.records(finish if finish is not None and done else elapsed)
        begin = started - demo.lead
        end = started + timedelta(seconds=finish) if finish is not None and done else None
        runs.append({"batch_cd": demo.batch_cd, "batch_nbr": demo.batch_nbr, "run_status": "C" if done else "R"})
        for n in range(THREADS):
            threads.append({"batch_cd": demo.batch_cd, "batch_nbr": demo.batch_nbr, "batch_thread_nbr": n + 1,
                            "thread_stat_flg": "C" if done else "R", "start_dttm": begin + timedelta(seconds=n),
                            "end_dttm": end, "rec_proc_cnt": records // THREADS + (1 if n < records % THREADS else 0)})
    return runs, threads


async def advance(engine: AsyncEngine, at: datetime, *, started: datetime) -> None:
    """Write the demo runs as they are at `at` (idempotent: the state is a function of the time alone)."""
    runs, threads = rows_at(at, started)
    keys = or_(*(and_(ci_batch_run.c.batch_cd == d.batch_cd, ci_batch_run.c.batch_nbr == d.batch_nbr)
                 for d in DEMO_RUNS))
    thread_keys = or_(*(and_(ci_batch_thd.c.batch_cd == d.batch_cd, ci_batch_thd.c.batch_nbr == d.batch_nbr)
                        for d in DEMO_RUNS))
    async with engine.begin() as conn:
        await conn.execute(delete(ci_batch_thd).where(thread_keys))
        await conn.execute(delete(ci_batch_run).where(keys))
        await conn.execute(insert(ci_batch_run), runs)
        await conn.execute(insert(ci_batch_thd), threads)
