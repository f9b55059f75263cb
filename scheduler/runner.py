"""Running a leader job: claim its firing in `job_runs`, keep the lease while it runs, record the outcome."""
from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.services import progress
from core.services.progress import Progress
from scheduler.jobs import Job, JobRegistry, latest_fire
from scheduler.leader import Leadership
from scheduler.runs import BUSY, CLAIMED, FENCED, JobRuns

log = logging.getLogger(__name__)
PROGRESS_TOPIC = "system"


def utc_now() -> datetime:
    return datetime.now(UTC)


@dataclass(frozen=True)
class RunResult:
    """How one attempt ended: `ok`, `failed` (with the error), `skipped` (a run of the job was still going),
    `taken` (another process has this firing) or `fenced` (this process is no longer the leader)."""

    outcome: str
    summary: str | None = None
    error: str | None = None
    run_id: int | None = None


class JobRunner:
    """Runs registered jobs through `job_runs`, so that each firing runs once across every process."""

    def __init__(self, registry: JobRegistry, runs: JobRuns, *, timezone: str, misfire_grace_seconds: float,
                 lease_seconds: float, clock: Callable[[], datetime] = utc_now) -> None:
        self.registry = registry
        self.runs = runs
        self.timezone = timezone
        self._lookback = timedelta(seconds=misfire_grace_seconds + 60)
        self._lease_seconds = lease_seconds
        self._clock = clock
        self.progress: Progress | None = None  # set: manual runs post a progress message

    def now(self) -> datetime:
        return self._clock()

    def firing(self, job: Job, now: datetime) -> datetime:
        """The scheduled moment a firing observed at `now` belongs to (the key replicas agree on)."""
        return latest_fire(job.trigger(self.timezone), now, self._lookback) or now

    async def fire(self, name: str, leadership: Leadership) -> RunResult | None:
        """What APScheduler calls on every process at a job's cron time; only the leader goes on."""
        job = self.registry.get(name)
        if job is None:
            return None
        scheduled_for = self.firing(job, self._clock())
        token = await leadership.confirm()
        if token is None:
            return None
        return await self.run(job, scheduled_for, trigger="schedule", leader=leadership.holder, token=token)

    async def run(self, job: Job, scheduled_for: datetime, *, trigger: str, leader: str,
                  token: int | None, watch: tuple[str, str] | None = None) -> RunResult:
        """One claimed run. A manual run posts a progress message: to `watch` (channel, conversation) when
        given, else to the `system` topic's subscribers."""
        claim = await self.runs.claim(job.name, scheduled_for, trigger=trigger, leader=leader, token=token,
                                      now=self._clock())
        if claim.state == BUSY:
            log.warning("job %s: firing %s skipped: %s", job.name, scheduled_for.isoformat(), claim.detail)
            return RunResult("skipped", error=claim.detail, run_id=claim.run_id)
        if claim.state == FENCED:
            log.warning("job %s: not started by %s (token %s): %s", job.name, leader, token, claim.detail)
            return RunResult("fenced", error=claim.detail)
        if claim.state != CLAIMED or claim.run_id is None:
            log.debug("job %s: firing %s: %s", job.name, scheduled_for.isoformat(), claim.detail)
            return RunResult("taken", error=claim.detail)
        if trigger == "manual" and self.progress is not None:
            return await self._watched(job, claim.run_id, self.progress, watch)
        return await self._execute(job, claim.run_id)

    async def _watched(self, job: Job, run_id: int, watch: Progress, where: tuple[str, str] | None) -> RunResult:
        """A run someone started by hand: a progress message follows its steps."""
        message = None
        try:
            if where is None:
                message = await watch.start(f"Job {job.name}", PROGRESS_TOPIC)
            else:
                message = await watch.start(f"Job {job.name}", targets=(where,))
        except Exception:  # watching is a courtesy: the job runs without it
            log.exception("job %s: the progress message could not be posted", job.name)
        token = progress.CURRENT.set(message)
        try:
            result = await self._execute(job, run_id)
        finally:
            progress.CURRENT.reset(token)
        if message is not None:
            with contextlib.suppress(Exception):
                await message.finish(result.outcome == "ok", result.summary or result.error or result.outcome)
        return result

    async def _execute(self, job: Job, run_id: int) -> RunResult:
        lease = asyncio.get_running_loop().create_task(self._keep_lease(run_id), name=f"lease:{job.name}")
        try:
            summary = await job.run()
        except asyncio.CancelledError:
            await self._record(job, run_id, RunResult("failed", error="interrupted: the process is stopping",
                                                      run_id=run_id))
            raise
        except Exception as error:
            log.exception("job %s failed", job.name)
            result = RunResult("failed", error=f"{type(error).__name__}: {error}", run_id=run_id)
        else:
            result = RunResult("ok", summary=summary, run_id=run_id)
            log.info("job %s: %s", job.name, summary or "done")
        finally:
            lease.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await lease
        await self._record(job, run_id, result)
        return result

    async def _record(self, job: Job, run_id: int, result: RunResult) -> None:
        try:
            await self.runs.finish(run_id, result.outcome, now=self._clock(), summary=result.summary,
                                   error=result.error)
        except Exception:  # the lease lapses and the next claim records the run as abandoned
            log.exception("job %s: recording the outcome of run %d failed", job.name, run_id)

    async def _keep_lease(self, run_id: int) -> None:
        while True:
            await asyncio.sleep(self._lease_seconds / 3)
            try:
                await self.runs.extend(run_id, self._clock())
            except Exception as error:
                log.warning("job run %d: extending its lease failed (%s: %s)", run_id, type(error).__name__, error)
