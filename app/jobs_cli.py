"""`switchboard jobs list` and `switchboard jobs run NAME`: the leader jobs, their schedules and last runs."""
from __future__ import annotations

import argparse
import sys
from datetime import datetime
from typing import TYPE_CHECKING, Any, TextIO
from zoneinfo import ZoneInfo

from core.errors import UserError

if TYPE_CHECKING:
    from scheduler.runner import JobRunner


def add_jobs_parser(sub: Any) -> None:
    """The `jobs` subcommand, hooked into `app.cli.build_parser`."""
    jobs = sub.add_parser("jobs", help="scheduled leader jobs: list them, or run one now")
    jobs_sub = jobs.add_subparsers(dest="jobs_command", required=True)
    jobs_sub.add_parser("list", help="every job's schedule, next run, last run and its outcome")
    run = jobs_sub.add_parser("run", help="run one job now (recorded like a scheduled run); exits 1 when it fails")
    run.add_argument("name")
    jobs.set_defaults(func=cmd_jobs)


def cmd_jobs(args: argparse.Namespace) -> int:
    from app.cli import _run, _settings, _with_runtime

    settings = _settings()

    async def body(runtime: Any) -> int:
        from scheduler.cron import make_runner

        runner = make_runner(runtime.services, runtime.database)
        if args.jobs_command == "list":
            return await list_jobs(runner, sys.stdout)
        return await run_job(runner, args.name, sys.stdout, sys.stderr)

    return _run(_with_runtime(settings, body))


def _when(moment: datetime | None, zone: ZoneInfo) -> str:
    return moment.astimezone(zone).strftime("%Y-%m-%d %H:%M:%S %z") if moment else "-"


async def list_jobs(runner: JobRunner, out: TextIO) -> int:
    zone = ZoneInfo(runner.timezone)
    now = runner.now()
    jobs = list(runner.registry)
    latest = await runner.runs.latest([job.name for job in jobs])
    rows = [("JOB", "SCHEDULE", "NEXT RUN", "LAST RUN", "OUTCOME", "DETAIL")]
    for job in jobs:
        next_run = job.trigger(runner.timezone).get_next_fire_time(None, now) if job.enabled else None
        last = latest.get(job.name)
        detail = ""
        if last is not None:
            detail = (last.error if last.outcome in ("failed", "skipped") else last.summary) or ""
        rows.append((job.name, job.schedule or "off", _when(next_run, zone),
                     _when(last.started_at or last.scheduled_for, zone) if last else "never",
                     last.outcome if last else "-", detail.splitlines()[0][:100] if detail else ""))
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]) - 1)]
    for row in rows:
        line = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)) + "  " + row[-1]
        print(line.rstrip(), file=out)
    return 0


async def run_job(runner: JobRunner, name: str, out: TextIO, err: TextIO) -> int:
    """One run now, claimed like a firing (never alongside a run of the same job on any replica)."""
    from scheduler.leader import holder_id

    job = runner.registry.get(name)
    if job is None:
        known = ", ".join(job.name for job in runner.registry) or "none"
        raise UserError(f"No job named {name!r} (jobs: {known}).")
    result = await runner.run(job, runner.now(), trigger="manual", leader=holder_id("cli"), token=None)
    if result.outcome == "ok":
        print(f"{name}: ok" + (f" — {result.summary}" if result.summary else ""), file=out)
        return 0
    print(f"{name}: {result.outcome}: {result.error}", file=err)
    return 1
