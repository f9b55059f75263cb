"""Leader jobs on real APScheduler schedulers: two replicas run each firing once, overlap is skipped and
recorded, and `serve`/`worker` wiring schedules the enabled jobs."""
from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from apscheduler.events import EVENT_JOB_ERROR, EVENT_JOB_EXECUTED
from apscheduler.schedulers.asyncio import AsyncIOScheduler

from app.runtime import Runtime
from core.config import Settings
from scheduler.cron import JOB_ID_PREFIX, LeaderJobs, make_lock, start_leader_jobs
from scheduler.jobs import JobRegistry
from scheduler.leader import Leadership, LocalLeaderLock, PostgresLeaderLock, RedisLeaderLock
from tests.conftest import REDIS_URL
from tests.scheduler.conftest import Clock, job_runs, make_runner


async def eventually(condition: Callable[[], Any], seconds: float = 5) -> None:
    for _ in range(int(seconds / 0.02)):
        if await condition() if asyncio.iscoroutinefunction(condition) else condition():
            return
        await asyncio.sleep(0.02)
    raise AssertionError("condition not met in time")


def fire_now(replica: LeaderJobs, name: str) -> None:
    """What the cron trigger does at the job's time, without waiting for that minute."""
    replica.scheduler.modify_job(JOB_ID_PREFIX + name, next_run_time=datetime.now(UTC))


@pytest.mark.parametrize("backend", ["postgres"])  # replicas share PostgreSQL and Redis
async def test_two_schedulers_run_each_firing_once_and_fail_over(runtime: Runtime, clock: Clock,
                                                                 lock_name: str) -> None:
    calls: list[str] = []

    async def tick() -> str:
        calls.append("tick")
        return "ticked"

    registry = JobRegistry()
    registry.register("tick", "*/30 * * * *", tick)
    replicas: list[LeaderJobs] = []
    done: list[asyncio.Queue[Any]] = []
    for n in range(2):
        scheduler = AsyncIOScheduler(timezone="UTC")
        scheduler.start()
        runner = make_runner(runtime, registry, clock)
        lock = RedisLeaderLock(REDIS_URL, name=lock_name, ttl=0.6, holder=f"replica-{n}")
        replica = LeaderJobs(scheduler, runner, Leadership(lock, runner.runs.max_token), misfire_grace_seconds=300)
        queue: asyncio.Queue[Any] = asyncio.Queue()
        scheduler.add_listener(queue.put_nowait, EVENT_JOB_EXECUTED | EVENT_JOB_ERROR)
        replica.start()
        replicas.append(replica)
        done.append(queue)
    try:
        await eventually(lambda: sum(r.leadership.leading for r in replicas) == 1)
        for _ in range(3):
            for replica in replicas:  # both fire the same firing, milliseconds apart
                fire_now(replica, "tick")
            for queue in done:
                assert (await asyncio.wait_for(queue.get(), 5)).code == EVENT_JOB_EXECUTED
            clock.advance(minutes=30)
        runs = await job_runs(runtime, "tick")
        assert len(runs) == len(calls) == 3
        assert len({run.leader for run in runs}) == 1 and {run.outcome for run in runs} == {"ok"}

        leader = next(r for r in replicas if r.leadership.leading)
        follower = next(r for r in replicas if r is not leader)
        old_token = leader.leadership.token
        await leader.stop()  # the leader goes away: the other takes over on its own
        await eventually(lambda: follower.leadership.leading)
        fire_now(follower, "tick")
        await asyncio.wait_for(done[replicas.index(follower)].get(), 5)
        last = (await job_runs(runtime, "tick"))[-1]
        assert last.leader == follower.leadership.holder and last.fencing_token is not None
        assert old_token is not None and last.fencing_token > old_token
        assert len(calls) == 4
    finally:
        for replica in replicas:
            await replica.stop()
            replica.scheduler.shutdown(wait=False)


async def test_a_firing_while_the_job_still_runs_is_skipped_and_recorded(runtime: Runtime, clock: Clock) -> None:
    started, release = asyncio.Event(), asyncio.Event()

    async def slow() -> str:
        started.set()
        await release.wait()
        return "done"

    registry = JobRegistry()
    registry.register("slow", "0 * * * *", slow)
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.start()
    runner = make_runner(runtime, registry, clock)
    replica = LeaderJobs(scheduler, runner, Leadership(LocalLeaderLock(), runner.runs.max_token),
                         misfire_grace_seconds=300)
    replica.start()
    try:
        await eventually(lambda: replica.leadership.leading)
        fire_now(replica, "slow")
        await asyncio.wait_for(started.wait(), 5)
        fire_now(replica, "slow")  # max_instances=1: APScheduler does not start a second one

        async def skipped_recorded() -> bool:
            return [run.outcome for run in await job_runs(runtime, "slow")] == ["running", "skipped"]

        await eventually(skipped_recorded)
        release.set()

        async def finished() -> bool:
            return [run.outcome for run in await job_runs(runtime, "slow")] == ["ok", "skipped"]

        await eventually(finished)
        skipped = (await job_runs(runtime, "slow"))[1]
        assert skipped.error == "the previous run is still going" and skipped.leader == replica.leadership.holder
    finally:
        release.set()
        await replica.stop()
        scheduler.shutdown(wait=False)


async def test_serve_wiring_schedules_enabled_jobs_in_the_timezone(runtime: Runtime) -> None:
    async def nothing() -> None:
        return None

    registry = JobRegistry()
    registry.register("batch-monitor", "*/30 * * * *", nothing)
    registry.register("rcdc-report", "", nothing)  # empty setting: off
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.start()
    jobs = start_leader_jobs(runtime.services, runtime.database, scheduler, registry)
    try:
        monitor = scheduler.get_job(JOB_ID_PREFIX + "batch-monitor")
        prune = scheduler.get_job(JOB_ID_PREFIX + "outbox-prune")
        assert monitor is not None and prune is not None
        assert scheduler.get_job(JOB_ID_PREFIX + "rcdc-report") is None
        assert str(monitor.trigger.timezone) == runtime.settings.timezone
        assert monitor.coalesce and monitor.max_instances == 1
        assert monitor.misfire_grace_time == runtime.settings.scheduler_misfire_grace_seconds
        assert monitor.next_run_time.minute in (0, 30)
        await eventually(lambda: jobs.leadership.leading)
    finally:
        await jobs.stop()
        scheduler.shutdown(wait=False)
    assert scheduler.get_job(JOB_ID_PREFIX + "batch-monitor") is None


async def test_the_lock_follows_the_settings(runtime: Runtime, backend: str) -> None:
    with_redis = make_lock(Settings(_env_file=None, redis_url=REDIS_URL), runtime.engine)  # type: ignore[call-arg]
    assert isinstance(with_redis, RedisLeaderLock)
    await with_redis.release()
    without = make_lock(Settings(_env_file=None, redis_url=None), runtime.engine)  # type: ignore[call-arg]
    assert isinstance(without, PostgresLeaderLock if backend == "postgres" else LocalLeaderLock)
