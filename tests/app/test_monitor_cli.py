"""`switchboard monitor check [--now] [--json]` as scripts and outside checks use it (CONTRACTS.md)."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.app.test_cli import env, run  # noqa: F401  (the `env` fixture)
from tests.ops import BatchTables


@pytest.fixture
async def demo(env: dict[str, str]) -> dict[str, str]:  # noqa: F811
    seeded = run(env, "ccb", "seed-demo", "--customers", "5", "--days", "3")
    assert seeded.returncode == 0, seeded.stderr
    tables = BatchTables(env["CCB_DATABASE_URL"])
    await tables.one("BMHHS", 1001, "2026-03-18 10:00", 46_120)
    await tables.close()
    return env


def test_json_is_the_contract(demo: dict[str, str]) -> None:
    first = run(demo, "monitor", "check", "--now", "2026-03-18T11:00:00+06:00", "--json")
    assert first.returncode == 0, first.stderr
    assert [a["kind"] for a in json.loads(first.stdout)["alerts"]] == ["warning"]
    second = run(demo, "monitor", "check", "--now", "2026-03-18T11:30", "--json")  # no offset: TIMEZONE
    assert second.returncode == 0, second.stderr
    assert json.loads(second.stdout) == {
        "checked_at": "2026-03-18T11:30:00+06:00", "pending_imd": 2345,
        "batches": [{"batch_cd": "BMHHS", "batch_nbr": 1001, "start": "2026-03-18T10:00:00+06:00",
                     "duration_s": 5400, "records": 46120, "rps": 8.54, "interval_rps": 0.0,
                     "status": "stuck", "reason": "records not increasing since 11:00"}],
        "alerts": [{"batch_cd": "BMHHS", "batch_nbr": 1001, "kind": "stuck",
                    "reason": "records not increasing since 11:00"}]}
    text = run(demo, "monitor", "check", "--now", "2026-03-18T12:00:00+06:00")
    assert text.returncode == 0 and "Batch monitoring report" in text.stdout and "🔴 BMHHS #1001 · stuck" in text.stdout


def test_unreachable_billing_system(demo: dict[str, str], tmp_path: Path) -> None:
    down = {**demo, "CCB_DATABASE_URL": "postgresql+asyncpg://ccb@127.0.0.1:9/ccb"}
    result = run(down, "monitor", "check", "--json")
    assert result.returncode == 1
    printed = json.loads(result.stdout)
    assert set(printed) == {"checked_at", "pending_imd", "batches", "alerts", "error"}
    assert printed["pending_imd"] is None and printed["batches"] == [] and "ConnectionRefusedError" in printed["error"]
    assert [a["kind"] for a in printed["alerts"]] == ["unreachable"]
    assert set(printed["alerts"][0]) == {"batch_cd", "batch_nbr", "kind", "reason"}
    assert run(demo, "monitor", "check", "--now", "yesterday").returncode == 2


async def test_jobs_are_registered_from_their_schedule_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.monitor_cli import monitoring_for, register_jobs, schedule_interval
    from core.config import Settings
    from scheduler import jobs
    from tests.core.services.test_monitoring import HalfDown

    monkeypatch.setattr(jobs, "registry", jobs.JobRegistry())
    settings = Settings(_env_file=None, monitor_nocs_schedule="")
    register_jobs(monitoring_for(settings, None, HalfDown()), None, settings)  # type: ignore[arg-type]
    assert [(job.name, job.schedule, job.enabled) for job in jobs.registry] == [
        ("batch-monitor", "*/30 * * * *", True), ("nocs-balance", "", False), ("rcdc-report", "0 * * * *", True)]
    assert schedule_interval("*/30 * * * *", "Asia/Dhaka").total_seconds() == 1800
    assert schedule_interval("0 * * * *", "Asia/Dhaka").total_seconds() == 3600
    assert schedule_interval("", "Asia/Dhaka").total_seconds() == 0
