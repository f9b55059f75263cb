"""Batch monitoring cycles against the demo CC&B, on SQLite and PostgreSQL: the issue's walkthrough, alert
deduplication, CC&B down or slow, and rows CC&B should not have."""
from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any

import pytest
from sqlalchemy import func, select

from app.monitor_cli import monitoring_for
from app.runtime import Runtime
from core.models import BatchAlert, BatchCheck, MonitorCycle
from core.services.monitoring import Monitoring
from core.services.monitoring_cards import CardStyle, alert_card, report_card
from core.services.operations import MonitoringSourceDown, NocsFigures, RunningBatch
from integrations.ccb.operations import CcbOperations, OperationsQueries
from integrations.ccb.queries import make_engine
from tests.ops import BatchTables, local, monitoring_of


@pytest.fixture
async def monitoring(runtime: Runtime, ccb: str) -> AsyncIterator[Monitoring]:
    async with monitoring_of(runtime) as attached:
        yield attached


@pytest.fixture
async def batches(ccb: str) -> AsyncIterator[BatchTables]:
    tables = BatchTables(ccb)
    yield tables
    await tables.close()


# The walkthrough: BMHHS #1001 starts at 10:00 and is checked every 30 minutes.
# (time, records, run status, status it is reported with or None when gone, reason, alerts newly raised)
WALKTHROUGH: tuple[tuple[str, int, str, str | None, str, list[str]], ...] = (
    ("10:30", 45_230, "R", "ok", "", []),
    ("11:00", 46_120, "R", "warning", "running 1h 0m with RPS 12.81 < 50", ["warning"]),
    ("11:30", 46_120, "R", "stuck", "records not increasing since 11:00", ["stuck"]),
    ("12:00", 46_120, "R", "stuck", "records not increasing since 11:00", []),
    ("12:30", 468_450, "R", "ok", "", ["recovered"]),
    ("13:00", 470_000, "C", None, "", []),
)


async def test_the_walkthrough(monitoring: Monitoring, batches: BatchTables) -> None:
    for time, records, run_status, status, reason, alerts in WALKTHROUGH:
        await batches.one("BMHHS", 1001, "2026-03-18 10:00", records, run_status)
        result = await monitoring.check_batches(local(f"2026-03-18 {time}"))
        printed = result.as_json("Asia/Dhaka")
        assert printed["checked_at"] == f"2026-03-18T{time}:00+06:00" and printed["pending_imd"] == 2345
        assert [a["kind"] for a in printed["alerts"]] == alerts, time
        if status is None:
            assert printed["batches"] == [], "a completed run leaves the report"
            continue
        [batch] = printed["batches"]
        assert (batch["status"], batch["reason"], batch["records"]) == (status, reason, records), time
        assert batch["start"] == "2026-03-18T10:00:00+06:00"

    rows = {r.checked_at.astimezone(local("2026-03-18 00:00").tzinfo).strftime("%H:%M"): r
            for r in await _checks(monitoring)}
    figures = {time: (row.duration_s, row.rps and round(row.rps, 2), row.interval_rps and round(row.interval_rps, 2))
               for time, row in rows.items()}
    assert figures["11:30"] == (5400, 8.54, 0.0) and figures["11:00"] == (3600, 12.81, 0.49)
    assert figures["12:30"] == (9000, 52.05, 234.63) and figures["10:30"] == (1800, 25.13, None)


async def test_the_walkthrough_cards(monitoring: Monitoring, batches: BatchTables) -> None:
    style = CardStyle("Asia/Dhaka", "en_IN")
    for time, records in (("10:30", 45_230), ("11:00", 46_120), ("11:30", 46_120)):
        await batches.one("BMHHS", 1001, "2026-03-18 10:00", records)
        result = await monitoring.check_batches(local(f"2026-03-18 {time}"))
    [stuck] = result.alerts
    card = alert_card(stuck, style)
    assert card.title == "Batch stuck: BMHHS #1001" and card.style == "attention"
    assert card.text == "records not increasing since 11:00"
    assert dict(card.facts)["Duration"] == "1h 30m" and dict(card.facts)["RPS"] == "🔴 8.54"
    comparison = card.sections[0]
    assert comparison.title == "Compared with the previous check (11:00)"
    assert dict(comparison.facts) == {"Previous records": "46,120", "Current records": "46,120", "Records diff": "+0",
                                      "Previous RPS": "12.81", "Current RPS": "8.54", "Trend": "declining ↘"}
    report = report_card(result, style)
    assert dict(report.facts)["Pending IMD"] == "2,345" and report.style == "attention"
    assert report.sections[0].title == "🔴 BMHHS #1001 · stuck"
    assert dict(report.sections[-1].facts)["BMHHS"] == (
        "avg 15.49 · peak 25.13 RPS · peak 46,120 records · 3 checks")
    latest = await monitoring.batches.latest()
    assert latest is not None and latest.cycle_id == result.cycle_id
    assert [(b.status, b.reason) for b in latest.batches] == [("stuck", "records not increasing since 11:00")]


async def test_an_alert_repeats_after_two_hours_and_after_a_recovery(monitoring: Monitoring,
                                                                     batches: BatchTables) -> None:
    async def kinds(time: str, records: int) -> list[str]:
        await batches.one("BMHHS", 1001, "2026-03-18 10:00", records)
        return [a.kind for a in (await monitoring.check_batches(local(f"2026-03-18 {time}"))).alerts]

    assert await kinds("10:30", 200_000) == []
    assert await kinds("11:00", 200_000) == ["stuck"]
    assert [await kinds(t, 200_000) for t in ("11:30", "12:00", "12:30")] == [[], [], []]
    assert await kinds("13:00", 200_000) == ["stuck"], "still stuck two hours after the first alert"
    assert await kinds("13:30", 900_000) == ["recovered"]
    assert await kinds("14:00", 900_000) == ["stuck"], "a new episode is alerted although 13:00 was within 2 h"


async def test_cc_b_unreachable_fails_the_cycle_with_one_alert(runtime: Runtime, monitoring: Monitoring,
                                                               batches: BatchTables) -> None:
    refused = make_engine("postgresql+asyncpg://ccb@127.0.0.1:9/ccb", pool_size=1, connect_timeout=2)
    down = monitoring_for(runtime.settings, runtime.database.sessions,
                          CcbOperations(OperationsQueries(refused), timezone="Asia/Dhaka"), closers=[refused.dispose])
    try:
        first = await down.check_batches(local("2026-03-18 10:00"))
        assert first.failed and first.pending_imd is None and first.batches == []
        printed = first.as_json("Asia/Dhaka")
        assert printed["error"].endswith("ConnectionRefusedError") and printed["batches"] == []
        [alert] = printed["alerts"]
        assert alert["kind"] == "unreachable" and alert["batch_cd"] is None
        assert alert["reason"].startswith("monitoring cannot reach the billing system")
        assert (await down.check_batches(local("2026-03-18 10:30"))).alerts == [], "deduplicated"
        await batches.one("BMHHS", 1001, "2026-03-18 10:50", 1000)
        assert not (await monitoring.check_batches(local("2026-03-18 11:00"))).failed, "the next cycle retries"
        assert [a.kind for a in (await down.check_batches(local("2026-03-18 11:30"))).alerts] == ["unreachable"]
    finally:
        await down.close()
    cycles = await _all(runtime, MonitorCycle)
    assert [c.outcome for c in cycles] == ["failed", "failed", "ok", "failed"]
    assert cycles[0].error == "batch_pending_imd: ConnectionRefusedError"
    assert {c.cycle_id for c in await _all(runtime, BatchCheck)} == {cycles[2].id}, "failed cycles store no checks"


class HalfDown:
    """CC&B answers the pending count but not the batch runs."""

    async def pending_imd(self) -> int:
        return 15_234

    async def running_batches(self) -> list[RunningBatch]:
        raise MonitoringSourceDown("batch_running_runs timed out")

    async def nocs_balances(self) -> list[NocsFigures]:
        return []

    async def rcdc_counts(self, since: datetime) -> list[tuple[str, str, int]]:
        return []


async def test_a_partial_answer_is_never_reported_as_complete(runtime: Runtime) -> None:
    monitoring = monitoring_for(runtime.settings, runtime.database.sessions, HalfDown())
    result = await monitoring.check_batches(local("2026-03-18 10:00"))
    assert result.error == "batch_running_runs timed out" and result.pending_imd is None and result.batches == []
    [cycle] = await _all(runtime, MonitorCycle)
    assert (cycle.outcome, cycle.pending_imd) == ("failed", None)


@pytest.mark.parametrize("backend", ["postgres"])
async def test_a_slow_cc_b_counts_as_unreachable(runtime: Runtime, ccb: str, tmp_path: Any) -> None:
    """A query slower than CCB_QUERY_TIMEOUT_SECONDS (here a utility's own file from CCB_SQL_DIR that sleeps)."""
    (tmp_path / "batch_running_runs.postgresql.sql").write_text(
        "SELECT NULL AS batch_cd, NULL AS batch_nbr, NULL AS start_dttm, NULL AS records, 0 AS threads "
        "FROM pg_sleep(2)")
    engine = make_engine(ccb, pool_size=2)
    source = CcbOperations(OperationsQueries(engine, sql_dir=tmp_path, timeout=0.3), timezone="Asia/Dhaka")
    slow = monitoring_for(runtime.settings, runtime.database.sessions, source, closers=[engine.dispose])
    try:
        result = await slow.check_batches(local("2026-03-18 10:00"))
    finally:
        await slow.close()
    assert result.error == "batch_running_runs timed out" and [a.kind for a in result.alerts] == ["unreachable"]


async def test_rows_with_nulls_or_a_future_start_are_reported_not_crashed_on(monitoring: Monitoring,
                                                                              batches: BatchTables) -> None:
    start = datetime(2026, 3, 18, 10, 0)
    await batches.replace(
        {"batch_cd": "NOSTART", "batch_nbr": 1, "threads": [(None, 100), (None, 200)]},
        {"batch_cd": "NOCOUNT", "batch_nbr": 2, "threads": [(start, None)]},
        {"batch_cd": "FUTURE", "batch_nbr": 3, "threads": [(datetime(2026, 3, 18, 12, 0), 10)]},
        {"batch_cd": "NOTHREADS", "batch_nbr": 4},
        {"batch_cd": "PARTIAL", "batch_nbr": 5, "threads": [(start, 90_000), (None, None)]})
    printed = (await monitoring.check_batches(local("2026-03-18 10:30"))).as_json("Asia/Dhaka")
    by_code = {b["batch_cd"]: b for b in printed["batches"]}
    assert by_code["NOSTART"] == {"batch_cd": "NOSTART", "batch_nbr": 1, "start": None, "duration_s": None,
                                       "records": 300, "rps": None, "interval_rps": None, "status": "warning",
                                       "reason": "no start time in CC&B"}
    assert (by_code["NOCOUNT"]["status"], by_code["NOCOUNT"]["reason"]) == ("warning", "no record count in CC&B")
    assert by_code["FUTURE"]["duration_s"] is None and "12:00 is after the check time" in by_code["FUTURE"]["reason"]
    assert by_code["NOTHREADS"]["reason"] == "no start time in CC&B"
    assert (by_code["PARTIAL"]["status"], by_code["PARTIAL"]["rps"]) == ("ok", 50.0)


async def _checks(monitoring: Monitoring) -> list[BatchCheck]:
    async with monitoring.batches._sessions() as session:
        return list((await session.scalars(select(BatchCheck).order_by(BatchCheck.checked_at))).all())


async def _all(runtime: Runtime, model: Any) -> list[Any]:
    async with runtime.database.sessions() as session:
        return list((await session.scalars(select(model).order_by(model.id))).all())


async def test_old_history_is_dropped(monitoring: Monitoring, batches: BatchTables, runtime: Runtime) -> None:
    await batches.one("BMHHS", 1001, "2026-03-01 10:00", 1000)
    await monitoring.check_batches(local("2026-03-01 10:30"))
    await monitoring.check_batches(local("2026-04-15 10:30"))
    async with runtime.database.sessions() as session:
        assert await session.scalar(select(func.count()).select_from(MonitorCycle)) == 1
        assert await session.scalar(select(func.count()).select_from(BatchAlert)) == 1  # April's stuck alert


async def test_the_scheduled_jobs_summarise_and_fail_loudly(runtime: Runtime, monitoring: Monitoring) -> None:
    summary = await monitoring.run_batch_cycle()
    assert summary.startswith("3 running, 1 warning, 0 stuck, 2345 pending IMD")
    assert await monitoring.run_nocs_refresh() == "9 NOCS areas, 30 customers"
    down = monitoring_for(runtime.settings, runtime.database.sessions, HalfDown())
    with pytest.raises(RuntimeError, match="could not reach the billing system: batch_running_runs timed out"):
        await down.run_batch_cycle()
