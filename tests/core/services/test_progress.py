"""Progress messages: one message per subscribed chat, edited as a job goes, coalesced so a fast job sends little."""
from __future__ import annotations

import io

from app.runtime import Runtime
from bots.console import ConsoleNotifier
from core.services import progress
from scheduler.cron import make_runner
from scheduler.jobs import JobRegistry


async def watching(runtime: Runtime) -> ConsoleNotifier:
    notifier = ConsoleNotifier(out=io.StringIO())
    runtime.notifiers["console"] = notifier
    for chat in ("group:ops", "group:noc"):
        await runtime.services.subscriptions.add("console", chat, "system", by="test")
    return notifier


async def deliver(runtime: Runtime) -> None:
    await runtime.services.outbox.drain(runtime.notifiers, within=10, pause=0.01)


async def test_a_fast_job_edits_each_copy_once_and_ends_with_done(runtime: Runtime) -> None:
    notifier = await watching(runtime)
    message = await runtime.services.progress.start("Import", "system")
    await deliver(runtime)
    assert [p["title"] for _, p in notifier.delivered] == ["⏳ Import", "⏳ Import"]
    for step in range(1, 51):
        await message.step(step, 50, f"validating row block {step}")
    await message.finish(True, "12,000 rows imported")
    assert message.writes <= 2, "steps inside one interval are not written"
    await deliver(runtime)
    assert len(notifier.edited) == 2, "one edit per copy: waiting edits were replaced by newer ones"
    assert {p["title"] for _, _, p in notifier.edited} == {"✅ Import"}
    assert {receipt for _, receipt, _ in notifier.edited} == {"0", "1"}


async def test_steps_show_while_the_job_runs_and_a_failure_is_shown(runtime: Runtime) -> None:
    notifier = await watching(runtime)
    runtime.services.progress.interval = 0.0
    message = await runtime.services.progress.start("Export", "system")
    await deliver(runtime)
    await message.step(2, 5, "validating 12,000 rows")
    await deliver(runtime)
    assert [p["text"] for _, _, p in notifier.edited] == ["Step 2/5: validating 12,000 rows"] * 2
    await message.finish(False, "the file is not a statement")
    await deliver(runtime)
    assert [p["title"] for _, _, p in notifier.edited[2:]] == ["❌ Export"] * 2


async def test_a_job_run_by_hand_reports_its_steps_to_the_system_topic(runtime: Runtime) -> None:
    notifier = await watching(runtime)
    runtime.services.progress.interval = 0.0
    jobs = JobRegistry()

    async def nightly() -> str:
        await progress.report(1, 2, "reading")
        await progress.report(2, 2, "writing")
        return "42 rows"

    job = jobs.register("nightly", "0 1 * * *", nightly)
    runner = make_runner(runtime.services, runtime.database, jobs)
    result = await runner.run(job, runner.now(), trigger="manual", leader="test", token=None)
    assert result.outcome == "ok"
    await deliver(runtime)
    assert [p["title"] for _, p in notifier.delivered] == ["✅ Job nightly"] * 2, "delivered once, in its end state"
    assert notifier.delivered[0][1]["text"] == "42 rows"
    scheduled = await runner.run(job, runner.now(), trigger="schedule", leader="test", token=None)
    assert scheduled.outcome in ("ok", "taken") and len(notifier.delivered) == 2, "scheduled runs post nothing"
