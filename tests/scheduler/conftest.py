"""Scheduler fixtures: a settable clock, a lock name of its own per test, and job runs read back."""
from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from redis.asyncio import Redis
from sqlalchemy import select

from app.runtime import Runtime
from core.models import JobRun
from scheduler.jobs import JobRegistry
from scheduler.runner import JobRunner
from scheduler.runs import JobRuns
from tests.conftest import REDIS_URL

TZ = "Asia/Dhaka"


class Clock:
    """The wall clock a runner sees; tests move it to the next cron firing instead of waiting for it."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock(datetime(2026, 3, 18, 4, 30, 0, 4000, tzinfo=UTC))  # 10:30:00.004 in Dhaka


def make_runner(runtime: Runtime, registry: JobRegistry, clock: Clock, lease_seconds: float = 30) -> JobRunner:
    return JobRunner(registry, JobRuns(runtime.engine, lease_seconds=lease_seconds), timezone=TZ,
                     misfire_grace_seconds=300, lease_seconds=lease_seconds, clock=clock)


async def job_runs(runtime: Runtime, job: str | None = None) -> list[JobRun]:
    async with runtime.database.sessions() as session:
        query = select(JobRun).order_by(JobRun.scheduled_for, JobRun.id)
        if job is not None:
            query = query.where(JobRun.job == job)
        return list((await session.scalars(query)).all())


@pytest.fixture
async def lock_name() -> AsyncIterator[str]:
    """A Redis lock of this test's own (the server is shared with other test sessions)."""
    name = f"sbtest:{uuid.uuid4().hex[:8]}:scheduler"
    yield name
    redis: Redis[Any] = Redis.from_url(REDIS_URL)
    try:
        await redis.delete(f"{{{name}}}:leader", f"{{{name}}}:token")
    finally:
        await redis.aclose()
