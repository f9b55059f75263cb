"""The leader lock on Redis and on a PostgreSQL advisory lock: one holder, failover with a higher token."""
from __future__ import annotations

import asyncio

import pytest
from sqlalchemy import text

from app.runtime import Runtime
from scheduler.jobs import JobRegistry
from scheduler.leader import ADVISORY_KEY, Leadership, LocalLeaderLock, PostgresLeaderLock, RedisLeaderLock
from scheduler.runs import FENCED, JobRuns
from tests.conftest import REDIS_URL
from tests.scheduler.conftest import Clock, job_runs, make_runner


@pytest.fixture
def backend() -> str:
    return "postgres"


def ticking(calls: list[str]) -> JobRegistry:
    async def tick() -> str:
        calls.append("tick")
        return "ticked"

    registry = JobRegistry()
    registry.register("tick", "*/30 * * * *", tick)
    return registry


async def test_redis_leader_fails_over_when_its_lock_expires(runtime: Runtime, clock: Clock, lock_name: str) -> None:
    calls: list[str] = []
    runner = make_runner(runtime, ticking(calls), clock)
    max_token = runner.runs.max_token
    a = Leadership(RedisLeaderLock(REDIS_URL, name=lock_name, ttl=0.4, holder="a"), max_token)
    b = Leadership(RedisLeaderLock(REDIS_URL, name=lock_name, ttl=0.4, holder="b"), max_token)
    try:
        assert await a.campaign() and not await b.campaign()
        assert await a.campaign()  # renewing keeps it
        first = a.token
        assert first is not None
        assert (await runner.fire("tick", a)).outcome == "ok"  # type: ignore[union-attr]
        assert await runner.fire("tick", b) is None

        await asyncio.sleep(0.5)  # a stalls (a long pause, a partition): no renewal within the TTL
        assert not a.leading
        assert await b.campaign()
        second = b.token
        assert second is not None and second > first
        assert not await a.lock.renew()  # the key is b's now

        clock.advance(minutes=30)
        assert await runner.fire("tick", a) is None  # a stopped starting jobs
        assert (await runner.fire("tick", b)).outcome == "ok"  # type: ignore[union-attr]
        # even a stale leader that claims anyway is fenced off by the newer token stored with the runs
        later = clock.advance(minutes=30)
        stale = await runner.runs.claim("tick", later, trigger="schedule", leader="a", token=first, now=later)
        assert stale.state == FENCED
        runs = await job_runs(runtime, "tick")
        assert [(run.leader, run.fencing_token) for run in runs] == [("a", first), ("b", second)]
        assert len(calls) == 2
    finally:
        await a.stop()
        await b.stop()


async def test_redis_counter_lost_with_a_flushed_redis_never_goes_back(runtime: Runtime, clock: Clock,
                                                                       lock_name: str) -> None:
    runs = JobRuns(runtime.engine, lease_seconds=30)
    claim = await runs.claim("tick", clock.now, trigger="schedule", leader="old", token=41, now=clock.now)
    assert claim.run_id is not None
    leadership = Leadership(RedisLeaderLock(REDIS_URL, name=lock_name, ttl=5), runs.max_token)
    try:
        assert await leadership.campaign()
        assert leadership.token == 42
    finally:
        await leadership.stop()


async def test_a_leader_that_stops_hands_over_at_once(runtime: Runtime, lock_name: str) -> None:
    runs = JobRuns(runtime.engine, lease_seconds=30)
    a = Leadership(RedisLeaderLock(REDIS_URL, name=lock_name, ttl=30), runs.max_token)
    b = Leadership(RedisLeaderLock(REDIS_URL, name=lock_name, ttl=30), runs.max_token)
    try:
        assert await a.campaign() and not await b.campaign()
        await a.stop()
        assert await b.campaign()
    finally:
        await b.stop()


async def _lock_holder_pid(runtime: Runtime) -> int:
    async with runtime.engine.connect() as conn:
        pid = await conn.scalar(text(
            "SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = :high AND objid = :low"),
            {"high": ADVISORY_KEY >> 32, "low": ADVISORY_KEY & 0xFFFFFFFF})
    assert pid is not None
    return int(pid)


async def test_postgres_leader_fails_over_when_its_session_dies(runtime: Runtime, clock: Clock) -> None:
    calls: list[str] = []
    runner = make_runner(runtime, ticking(calls), clock)
    a = Leadership(PostgresLeaderLock(runtime.engine, ttl=5, holder="a"), runner.runs.max_token)
    b = Leadership(PostgresLeaderLock(runtime.engine, ttl=5, holder="b"), runner.runs.max_token)
    try:
        assert await a.campaign() and not await b.campaign()
        first = a.token
        assert first is not None
        assert (await runner.fire("tick", a)).outcome == "ok"  # type: ignore[union-attr]
        assert await runner.fire("tick", b) is None

        async with runtime.engine.connect() as conn:  # the leader's connection dies (network, restart, kill)
            await conn.execute(text("SELECT pg_terminate_backend(:pid)"), {"pid": await _lock_holder_pid(runtime)})
            await conn.commit()
        assert await b.campaign()
        second = b.token
        assert second is not None and second > first

        clock.advance(minutes=30)
        assert await runner.fire("tick", a) is None  # its renewal finds the session gone
        assert not a.leading
        assert (await runner.fire("tick", b)).outcome == "ok"  # type: ignore[union-attr]
        runs = await job_runs(runtime, "tick")
        assert [(run.leader, run.fencing_token) for run in runs] == [("a", first), ("b", second)]
        assert len(calls) == 2
        assert not await a.campaign()  # and it does not get it back while b holds it
    finally:
        await a.stop()
        await b.stop()


async def test_postgres_renewals_from_the_campaign_and_firings_at_once_keep_the_lock(runtime: Runtime) -> None:
    runs = JobRuns(runtime.engine, lease_seconds=30)
    leadership = Leadership(PostgresLeaderLock(runtime.engine, ttl=5), runs.max_token)
    try:
        assert await leadership.campaign()
        token = leadership.token
        results = await asyncio.gather(leadership.campaign(), *(leadership.confirm() for _ in range(4)))
        assert results == [True, token, token, token, token]
        assert leadership.leading
    finally:
        await leadership.stop()


async def test_the_sqlite_process_is_the_leader_with_a_token_above_every_run() -> None:
    async def floor() -> int:
        return 6

    leadership = Leadership(LocalLeaderLock(), floor)
    assert await leadership.campaign() and leadership.token == 7
    assert await leadership.confirm() == 7
    await leadership.stop()
    assert not leadership.leading
