"""The registry of leader jobs: a name, a cron schedule from a setting (empty: off) and what to run."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta

from apscheduler.triggers.cron import CronTrigger

RunJob = Callable[[], Awaitable[str | None]]


@dataclass(frozen=True)
class Job:
    """A job that runs once per firing on the leader; `run` returns a short summary for `job_runs`."""

    name: str
    schedule: str
    run: RunJob

    @property
    def enabled(self) -> bool:
        return bool(self.schedule.strip())

    def trigger(self, timezone: str) -> CronTrigger:
        return CronTrigger.from_crontab(self.schedule.strip(), timezone=timezone)


class JobRegistry:
    """Jobs by name; registering a name again replaces it (a process that builds its services again)."""

    def __init__(self) -> None:
        self._jobs: dict[str, Job] = {}

    def register(self, name: str, schedule: str | None, run: RunJob) -> Job:
        job = Job(name, (schedule or "").strip(), run)
        if job.enabled:
            try:
                job.trigger("UTC")
            except ValueError as error:
                raise ValueError(f"job {name!r}: {job.schedule!r} is not a cron schedule ({error})") from error
        self._jobs[name] = job
        return job

    def get(self, name: str) -> Job | None:
        return self._jobs.get(name)

    def __iter__(self) -> Iterator[Job]:
        return iter(sorted(self._jobs.values(), key=lambda job: job.name))

    def __len__(self) -> int:
        return len(self._jobs)


registry = JobRegistry()


def register(name: str, schedule: str | None, run: RunJob) -> Job:
    """Add a leader job to this process's registry, e.g.
    `register("batch-monitor", settings.monitor_batch_schedule, monitor.run_cycle)`; call it while the
    runtime is built, before `serve`/`worker` start the scheduler or `jobs list`/`jobs run` read the registry."""
    return registry.register(name, schedule, run)


def latest_fire(trigger: CronTrigger, now: datetime, lookback: timedelta) -> datetime | None:
    """The cron firing a run started at `now` belongs to: the latest fire time not after `now`. Every replica
    computes the same instant however many milliseconds apart their clocks fire, so it keys the firing."""
    fire = trigger.get_next_fire_time(None, now - lookback)
    latest = None
    while fire is not None and fire <= now:
        latest = fire
        fire = trigger.get_next_fire_time(fire, now)
    return latest
