"""Starting a scheduled job from chat: operators only, the run claimed like any other, its progress in the chat."""
from __future__ import annotations

import io

from app.runtime import attach_jobs
from bots.console import ConsoleNotifier
from core.services import progress
from scheduler.jobs import JobRegistry
from tests.harness import ChatHarness
from tests.ops import person


async def test_an_operator_runs_a_job_and_the_chat_sees_its_progress(chat: ChatHarness) -> None:
    runtime = chat.runtime
    notifier = ConsoleNotifier(out=io.StringIO())
    runtime.notifiers["console"] = notifier
    jobs = JobRegistry()

    async def reconcile() -> str:
        await progress.report(1, 2, "reading the bank file")
        await progress.report(2, 2, "matching 1,200 payments")
        return "1,200 payments matched"

    jobs.register("bank-reconcile", "0 2 * * *", reconcile)
    control = attach_jobs(runtime.services, runtime.database, jobs)
    ops = await person(chat, "ops", "operator")
    said = await ops.say("run bank-reconcile", chat="ops-room")
    assert "Started bank-reconcile" in said.text
    await control.wait()
    await runtime.services.outbox.drain(runtime.notifiers, within=10, pause=0.01)
    shown = [(target, p["title"], p["text"]) for target, p in notifier.delivered]
    assert shown == [("group:ops-room", "✅ Job bank-reconcile", "1,200 payments matched")]
    latest = await control.runner.runs.latest(["bank-reconcile"])
    assert latest["bank-reconcile"].outcome == "ok"

    carol = await person(chat, "carol", "member")
    assert "Only operators and admins" in (await carol.say("run bank-reconcile", chat="ops-room")).text
    assert "no job called 'nightly-thing'" in (await ops.say("run nightly-thing", chat="ops-room")).text
    assert "Which job?" in (asked := (await ops.say("job ta abar run korao", chat="ops-room")).text)
    assert "bank-reconcile" in asked
