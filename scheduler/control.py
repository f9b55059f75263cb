"""Jobs started from chat or the admin page: a run in the background through the same runner (and claim) as
`jobs run`, its progress message edited in the conversation that asked (or sent to the `system` topic)."""
from __future__ import annotations

import asyncio
import logging

from core.errors import NotFound
from core.jobs import JobStatus
from scheduler.leader import holder_id
from scheduler.runner import JobRunner

log = logging.getLogger(__name__)


class ChatJobControl:
    def __init__(self, runner: JobRunner) -> None:
        self.runner = runner
        self._running: set[asyncio.Task[object]] = set()

    def names(self) -> list[str]:
        return [job.name for job in self.runner.registry]

    async def overview(self) -> list[JobStatus]:
        runner = self.runner
        jobs = list(runner.registry)
        latest = await runner.runs.latest([job.name for job in jobs])
        now = runner.now()
        statuses = []
        for job in jobs:
            last = latest.get(job.name)
            upcoming = job.trigger(runner.timezone).get_next_fire_time(None, now) if job.enabled else None
            detail = ((last.error if last.outcome in ("failed", "skipped") else last.summary) or "") if last else ""
            statuses.append(JobStatus(job.name, job.schedule, upcoming,
                                      (last.started_at or last.scheduled_for) if last else None,
                                      last.outcome if last else None, detail))
        return statuses

    async def start(self, name: str, *, by: str, watch: tuple[str, str] | None = None) -> None:
        job = self.runner.registry.get(name)
        if job is None:
            raise NotFound(f"There is no job called {name!r}. Jobs: {', '.join(self.names()) or 'none'}.")
        run = self.runner.run(job, self.runner.now(), trigger="manual", leader=holder_id(f"chat:{by}"),
                               token=None, watch=watch)
        task: asyncio.Task[object] = asyncio.get_running_loop().create_task(run, name=f"chat-job:{name}")
        self._running.add(task)  # a task nobody references may be collected before it ends
        task.add_done_callback(self._running.discard)

    async def wait(self) -> None:
        """Until every run started here has ended (tests, shutdown)."""
        if self._running:
            await asyncio.gather(*self._running, return_exceptions=True)
