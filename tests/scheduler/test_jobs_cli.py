"""`switchboard jobs list` and `switchboard jobs run NAME` through the command-line entry point."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import insert

from core import db
from core.models import OutboxMessage


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/cli.db", "REDIS_URL": "",
            "CCB_DATABASE_URL": f"sqlite+aiosqlite:///{tmp_path}/ccb.db", "LOG_LEVEL": "WARNING",
            "TIMEZONE": "Asia/Dhaka", "SWITCHBOARD_TEST_CWD": str(tmp_path)}


def switchboard(env: dict[str, str], *args: str, registering: str = "") -> subprocess.CompletedProcess[str]:
    """`python -m app.cli ARGS`; `registering` is code run first, as a feature registers its jobs at start-up."""
    program = textwrap.dedent(registering) + f"\nimport sys\nfrom app.cli import main\nsys.exit(main({list(args)!r}))\n"
    return subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, env=env, timeout=120,
                          check=False, cwd=env["SWITCHBOARD_TEST_CWD"])


async def test_jobs_list_and_run_the_built_in_prune(env: dict[str, str]) -> None:
    engine = db.create_engine(env["DATABASE_URL"])
    await db.upgrade(engine)
    old = datetime.now(UTC) - timedelta(days=45)
    async with engine.begin() as conn:
        await conn.execute(insert(OutboxMessage).values(
            channel="console", target="alice", kind="notice", payload={}, status="sent", next_attempt_at=old,
            created_at=old, sent_at=old))
    await engine.dispose()

    before = switchboard(env, "jobs", "list")
    assert before.returncode == 0, before.stderr
    header, *rows = before.stdout.splitlines()
    assert header.split() == ["JOB", "SCHEDULE", "NEXT", "RUN", "LAST", "RUN", "OUTCOME", "DETAIL"]
    assert {row.split()[0] for row in rows} == {"outbox-prune", "alerts-sweep", "batch-monitor", "nocs-balance",
                                               "rcdc-report"}
    prune = next(row for row in rows if row.startswith("outbox-prune"))
    assert prune.split()[:5] == ["outbox-prune", "30", "3", "*", "*"] and " never " in prune
    assert "03:30:00 +0600" in prune

    ran = switchboard(env, "jobs", "run", "outbox-prune")
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.startswith("outbox-prune: ok — deleted 1 outbox message(s) sent before")

    after = next(row for row in switchboard(env, "jobs", "list").stdout.splitlines() if row.startswith("outbox-prune"))
    assert " ok " in after and "deleted 1 outbox message(s)" in after and " never " not in after


def test_jobs_run_a_failing_job_exits_non_zero_with_the_error(env: dict[str, str]) -> None:
    registering = """
        from scheduler.jobs import register

        async def check():
            raise ConnectionError("billing system unreachable")

        register("batch-monitor", "*/30 * * * *", check)
        register("rcdc-report", "", check)
    """
    failed = switchboard(env, "jobs", "run", "batch-monitor", registering=registering)
    assert failed.returncode == 1
    assert failed.stderr.strip().endswith("batch-monitor: failed: ConnectionError: billing system unreachable")
    listed = switchboard(env, "jobs", "list", registering=registering)
    rows = {line.split()[0]: line for line in listed.stdout.splitlines()[1:]}
    # a feature's own jobs are kept
    assert set(rows) == {"batch-monitor", "outbox-prune", "alerts-sweep", "rcdc-report", "nocs-balance"}
    assert " failed " in rows["batch-monitor"] and rows["batch-monitor"].endswith(
        "ConnectionError: billing system unreachable")
    assert rows["rcdc-report"].split()[1:3] == ["off", "-"]
    unknown = switchboard(env, "jobs", "run", "nocs", registering=registering)
    assert unknown.returncode == 2 and "No job named 'nocs'" in unknown.stderr
