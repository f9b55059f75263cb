"""Running a job through `job_runs` on both backends: once per firing, failures recorded, no overlap."""
from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, select

from app.runtime import Runtime
from core.models import OutboxMessage
from scheduler.builtin import prune_outbox, register_builtin
from scheduler.jobs import JobRegistry
from scheduler.leader import Leadership, LocalLeaderLock
from scheduler.runs import FENCED, JobRuns
from tests.scheduler.conftest import Clock, job_runs, make_runner


async def leader(runtime: Runtime) -> Leadership:
    leadership = Leadership(LocalLeaderLock(), JobRuns(runtime.engine, lease_seconds=30).max_token)
    assert await leadership.campaign()
    return leadership


async def test_replicas_that_both_think_they_lead_still_run_a_firing_once(runtime: Runtime, clock: Clock) -> None:
    # split brain on purpose: two leaders, firing a few milliseconds apart on clocks that disagree a little
    calls: list[str] = []

    async def tick() -> str:
        calls.append("tick")
        await asyncio.sleep(0.01)
        return "ticked"

    registry = JobRegistry()
    registry.register("tick", "*/30 * * * *", tick)
    late = Clock(clock.now + timedelta(milliseconds=7))
    first, second = make_runner(runtime, registry, clock), make_runner(runtime, registry, late)
    one, two = await leader(runtime), await leader(runtime)
    for _ in range(3):
        results = await asyncio.gather(first.fire("tick", one), second.fire("tick", two))
        assert sorted(r.outcome for r in results if r) == ["ok", "taken"]
        clock.advance(minutes=30)
        late.advance(minutes=30)
    runs = await job_runs(runtime, "tick")
    assert len(calls) == len(runs) == 3
    assert [run.scheduled_for for run in runs] == [datetime(2026, 3, 18, 4, 30, tzinfo=UTC) + timedelta(minutes=30 * n)
                                                   for n in range(3)]
    assert {run.outcome for run in runs} == {"ok"} and {run.summary for run in runs} == {"ticked"}


async def test_a_failing_job_is_recorded_and_the_next_firing_runs(runtime: Runtime, clock: Clock) -> None:
    answers: list[BaseException | str] = [ConnectionError("billing system unreachable"), "42 batches checked"]

    async def check() -> str:
        answer = answers.pop(0)
        if isinstance(answer, BaseException):
            raise answer
        return answer

    registry = JobRegistry()
    registry.register("batch-monitor", "*/30 * * * *", check)
    runner, leadership = make_runner(runtime, registry, clock), await leader(runtime)
    failed = await runner.fire("batch-monitor", leadership)
    assert failed is not None and failed.outcome == "failed"
    assert failed.error == "ConnectionError: billing system unreachable"
    clock.advance(minutes=30)
    ok = await runner.fire("batch-monitor", leadership)
    assert ok is not None and ok.outcome == "ok"
    first, second = await job_runs(runtime, "batch-monitor")
    assert (first.outcome, first.error, first.summary) == ("failed", "ConnectionError: billing system unreachable",
                                                           None)
    assert (second.outcome, second.summary) == ("ok", "42 batches checked")
    assert first.finished_at is not None and first.leader == leadership.holder
    assert first.fencing_token == second.fencing_token == leadership.token


async def test_a_slow_run_makes_the_next_firing_skip_and_says_so(runtime: Runtime, clock: Clock) -> None:
    started, release = asyncio.Event(), asyncio.Event()
    calls = 0

    async def slow() -> str:
        nonlocal calls
        calls += 1
        started.set()
        await release.wait()
        return "slow done"

    registry = JobRegistry()
    registry.register("nocs-refresh", "0 * * * *", slow)
    # the clock jumps an hour at once: a lease longer than that stands for the renewals it would have had
    runner, leadership = make_runner(runtime, registry, clock, lease_seconds=7200), await leader(runtime)
    first = asyncio.create_task(runner.fire("nocs-refresh", leadership))
    await asyncio.wait_for(started.wait(), 5)
    clock.advance(hours=1)
    skipped = await runner.fire("nocs-refresh", leadership)
    assert skipped is not None and skipped.outcome == "skipped" and "still going" in str(skipped.error)
    release.set()
    assert (await first).outcome == "ok"  # type: ignore[union-attr]
    clock.advance(hours=1)
    started.clear()
    assert (await runner.fire("nocs-refresh", leadership)).outcome == "ok"  # type: ignore[union-attr]
    runs = await job_runs(runtime, "nocs-refresh")
    assert [run.outcome for run in runs] == ["ok", "skipped", "ok"] and calls == 2
    assert runs[1].error is not None and "still going" in runs[1].error


async def test_a_run_whose_process_died_is_recorded_abandoned_and_does_not_block(runtime: Runtime,
                                                                                   clock: Clock) -> None:
    runs = JobRuns(runtime.engine, lease_seconds=30)
    dead = await runs.claim("rcdc-report", clock.now, trigger="schedule", leader="gone", token=1, now=clock.now)
    assert dead.run_id is not None  # its process dies here: no outcome, no lease renewal

    async def report() -> str:
        return "report sent"

    registry = JobRegistry()
    registry.register("rcdc-report", "0 9 * * *", report)
    runner = make_runner(runtime, registry, clock)
    clock.advance(seconds=10)
    job = registry.get("rcdc-report")
    assert job is not None
    busy = await runner.run(job, clock.now, trigger="manual", leader="cli", token=None)
    assert busy.outcome == "skipped"  # the lease is still running: it may be alive
    clock.advance(seconds=60)
    again = await runner.run(job, clock.now, trigger="manual", leader="cli", token=None)
    assert again.outcome == "ok"
    recorded = await job_runs(runtime, "rcdc-report")
    assert [(run.trigger, run.outcome) for run in recorded] == [("schedule", "failed"), ("manual", "skipped"),
                                                                ("manual", "ok")]
    assert recorded[0].error is not None and recorded[0].error.startswith("abandoned")


async def test_a_claim_with_an_older_fencing_token_is_refused(runtime: Runtime, clock: Clock) -> None:
    runs = JobRuns(runtime.engine, lease_seconds=30)
    newer = await runs.claim("tick", clock.now, trigger="schedule", leader="new", token=8, now=clock.now)
    assert newer.run_id is not None
    await runs.finish(newer.run_id, "ok", now=clock.now)
    later = clock.advance(minutes=30)
    stale = await runs.claim("tick", later, trigger="schedule", leader="old", token=7, now=later)
    assert stale.state == FENCED and stale.run_id is None
    assert len(await job_runs(runtime, "tick")) == 1


async def test_outbox_prune_deletes_only_old_sent_messages(runtime: Runtime, clock: Clock) -> None:
    now = clock.now
    rows = [("sent", now - timedelta(days=40)), ("sent", now - timedelta(days=2)), ("failed", None),
            ("pending", None)]
    async with runtime.engine.begin() as conn:
        for n, (status, sent_at) in enumerate(rows):
            await conn.execute(insert(OutboxMessage).values(
                channel="console", target=f"t{n}", kind="notice", payload={}, status=status,
                next_attempt_at=now - timedelta(days=41), created_at=now - timedelta(days=41), sent_at=sent_at))
    summary = await prune_outbox(runtime.engine, 30, now)
    assert summary.startswith("deleted 1 outbox message(s) sent before 2026-02-16")
    async with runtime.engine.connect() as conn:
        left = (await conn.execute(select(OutboxMessage.target).order_by(OutboxMessage.target))).scalars().all()
    assert left == ["t1", "t2", "t3"]
    registry = JobRegistry()
    register_builtin(runtime.services, runtime.database, registry, clock)
    job = registry.get("outbox-prune")
    assert job is not None and job.schedule == runtime.settings.outbox_prune_schedule
    assert await job.run() == "deleted 0 outbox message(s) sent before 2026-02-16 04:30 UTC"
