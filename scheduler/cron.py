"""Leader jobs on APScheduler 3: a cron trigger per enabled job in TIMEZONE, coalesced, with a misfire grace
time and one instance at a time; every process fires them, only the leader runs them."""
from __future__ import annotations

import asyncio
import logging
from datetime import datetime

from apscheduler.events import EVENT_JOB_MAX_INSTANCES, EVENT_JOB_MISSED, JobEvent
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncEngine

from core.config import Settings
from core.context import Services
from core.db import Database
from scheduler.builtin import register_builtin
from scheduler.jobs import JobRegistry, registry
from scheduler.leader import LeaderLock, Leadership, LocalLeaderLock, PostgresLeaderLock, RedisLeaderLock
from scheduler.runner import JobRunner
from scheduler.runs import JobRuns

log = logging.getLogger(__name__)
JOB_ID_PREFIX = "leader:"


def make_lock(settings: Settings, engine: AsyncEngine) -> LeaderLock:
    """Redis when REDIS_URL is set, else a PostgreSQL advisory lock, else (SQLite) this process."""
    if settings.redis_url:
        return RedisLeaderLock(settings.redis_url, ttl=settings.scheduler_lock_seconds)
    if engine.dialect.name == "postgresql":
        return PostgresLeaderLock(engine, ttl=settings.scheduler_lock_seconds)
    return LocalLeaderLock(ttl=settings.scheduler_lock_seconds)


def make_runner(services: Services, database: Database, jobs: JobRegistry | None = None) -> JobRunner:
    """The runner over this process's registry with the built-in jobs added (serve, worker and the CLI)."""
    settings = services.settings
    jobs = registry if jobs is None else jobs
    register_builtin(services, database, jobs)
    runs = JobRuns(database.engine, lease_seconds=settings.scheduler_lock_seconds)
    runner = JobRunner(jobs, runs, timezone=settings.timezone,
                       misfire_grace_seconds=settings.scheduler_misfire_grace_seconds,
                       lease_seconds=settings.scheduler_lock_seconds)
    runner.progress = services.progress
    return runner


class LeaderJobs:
    """The cron jobs of one process on its APScheduler, and its campaign for the leader lock."""

    def __init__(self, scheduler: AsyncIOScheduler, runner: JobRunner, leadership: Leadership, *,
                 misfire_grace_seconds: int) -> None:
        self.scheduler = scheduler
        self.runner = runner
        self.leadership = leadership
        self._grace = misfire_grace_seconds
        self._pending: set[asyncio.Task[None]] = set()

    def start(self) -> None:
        for job in self.runner.registry:
            if not job.enabled:
                log.info("job %s is off (its schedule setting is empty)", job.name)
                continue
            self.scheduler.add_job(self.runner.fire, job.trigger(self.runner.timezone),
                                   args=[job.name, self.leadership], id=JOB_ID_PREFIX + job.name, name=job.name,
                                   coalesce=True, max_instances=1, misfire_grace_time=self._grace,
                                   replace_existing=True)
        self.scheduler.add_listener(self._not_started, EVENT_JOB_MAX_INSTANCES | EVENT_JOB_MISSED)
        self.leadership.start()

    def _not_started(self, event: JobEvent) -> None:
        """APScheduler dropped a firing: the previous run still going (no overlap) or later than the grace time."""
        if not event.job_id.startswith(JOB_ID_PREFIX) or not self.leadership.leading:
            return
        if event.code == EVENT_JOB_MAX_INSTANCES:
            moment: datetime = event.scheduled_run_times[-1]
            reason = "the previous run is still going"
        else:
            moment = event.scheduled_run_time
            reason = f"missed: started more than {self._grace} s after its time"
        task = asyncio.get_running_loop().create_task(self._record_skipped(
            event.job_id.removeprefix(JOB_ID_PREFIX), moment, reason))
        self._pending.add(task)
        task.add_done_callback(self._pending.discard)

    async def _record_skipped(self, name: str, moment: datetime, reason: str) -> None:
        log.warning("job %s: firing %s skipped: %s", name, moment.isoformat(), reason)
        try:
            await self.runner.runs.record_skipped(name, moment, reason=reason, leader=self.leadership.holder,
                                                  token=self.leadership.token, now=self.runner.now())
        except Exception:
            log.exception("job %s: recording a skipped firing failed", name)

    async def stop(self) -> None:
        for job in self.runner.registry:
            if self.scheduler.get_job(JOB_ID_PREFIX + job.name) is not None:
                self.scheduler.remove_job(JOB_ID_PREFIX + job.name)
        await self.leadership.stop()
        if self._pending:
            await asyncio.wait(self._pending, timeout=5)


def start_leader_jobs(services: Services, database: Database, scheduler: AsyncIOScheduler,
                      jobs: JobRegistry | None = None) -> LeaderJobs:
    """Add this process's leader jobs to its (running) scheduler and start campaigning for the lock."""
    runner = make_runner(services, database, jobs)
    runs = runner.runs
    lock = make_lock(services.settings, database.engine)
    leader_jobs = LeaderJobs(scheduler, runner, Leadership(lock, runs.max_token),
                             misfire_grace_seconds=services.settings.scheduler_misfire_grace_seconds)
    leader_jobs.start()
    return leader_jobs
