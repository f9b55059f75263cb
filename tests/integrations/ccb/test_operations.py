"""The operations SQL files on the demo CC&B (SQLite and PostgreSQL), their overrides, and the demo simulator."""
from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from app.runtime import Runtime
from integrations.ccb.guard import NotReadOnly
from integrations.ccb.operations import CcbOperations, OperationsQueries
from integrations.ccb.queries import make_engine
from integrations.ccb.simulator import DEMO_RUNS, advance, rows_at

SCENARIO = datetime(2026, 3, 18, 10, 0)


@pytest.fixture
async def operations(runtime: Runtime, ccb: str) -> AsyncIterator[CcbOperations]:
    engine = make_engine(ccb, pool_size=2)
    yield CcbOperations(OperationsQueries(engine), timezone="Asia/Dhaka")
    await engine.dispose()


async def test_every_operations_query_runs_on_the_demo_database(operations: CcbOperations) -> None:
    assert await operations.pending_imd() == 2345
    runs = {(r.batch_cd, r.batch_nbr): r for r in await operations.running_batches()}
    assert set(runs) == {(d.batch_cd, d.batch_nbr) for d in DEMO_RUNS}, "yesterday's completed runs are not running"
    bmhhs = runs[("BMHHS", 1001)]
    assert bmhhs.threads == 4 and bmhhs.records == 144_000 and bmhhs.start is not None
    assert bmhhs.start.tzinfo is not None and timedelta(minutes=19) < datetime.now(UTC) - bmhhs.start < timedelta(
        minutes=25)
    counts = await operations.rcdc_counts(datetime.now(UTC) - timedelta(hours=24))
    assert sum(n for _, _, n in counts) == 240 and {kind for kind, _, _ in counts} == {"RC", "DC"}
    assert {status for _, status, _ in counts} <= {"COMPLETED", "PENDING", "FAILED", "TIMEOUT"}
    areas = await operations.nocs_balances()
    assert len(areas) == 9 and sum(a.customers for a in areas) == 30
    assert all(a.net == a.due - a.credit for a in areas)


async def test_the_simulator_moves_the_runs_on(runtime: Runtime, ccb: str, operations: CcbOperations) -> None:
    writer = make_engine(ccb, read_only=False)
    try:
        now = datetime.now(operations.zone).replace(tzinfo=None, microsecond=0)
        await advance(writer, now + timedelta(seconds=200), started=now)
        runs = {r.batch_cd: r for r in await operations.running_batches()}
        assert runs["BMHHS"].records == 156_840 + 20 * 300
        await advance(writer, now + timedelta(seconds=420), started=now)
        assert "BMHHS" not in {r.batch_cd for r in await operations.running_batches()}, "completed"
    finally:
        await writer.dispose()


def test_the_troubled_run_slows_stalls_recovers_and_completes() -> None:
    def bmhhs(seconds: int) -> tuple[str, int]:
        runs, threads = rows_at(SCENARIO + timedelta(seconds=seconds), SCENARIO)
        status = next(r["run_status"] for r in runs if r["batch_cd"] == "BMHHS")
        return status, sum(t["rec_proc_cnt"] for t in threads if t["batch_cd"] == "BMHHS")

    assert [bmhhs(s)[1] for s in (0, 30, 60, 90, 120, 150, 180)] == [
        144_000, 147_600, 147_840, 147_840, 147_840, 147_840, 156_840]
    assert bmhhs(419)[0] == "R" and bmhhs(420) == bmhhs(3600) == ("C", 147_840 + 270 * 300)
    _, threads = rows_at(SCENARIO, SCENARIO)
    billg = [t for t in threads if t["batch_cd"] == "C1-BILLG"]
    assert min(t["start_dttm"] for t in billg) == SCENARIO - timedelta(minutes=75)


async def test_a_utility_sql_dir_overrides_and_is_guarded(runtime: Runtime, ccb: str, tmp_path: Path) -> None:
    engine = make_engine(ccb, pool_size=1)
    try:
        (tmp_path / "batch_pending_imd.sql").write_text("SELECT 7 AS pending FROM ci_batch_run WHERE 1 = 1")
        custom = CcbOperations(OperationsQueries(engine, sql_dir=tmp_path), timezone="Asia/Dhaka")
        assert custom.queries.path("batch_pending_imd") == tmp_path / "batch_pending_imd.sql"
        assert await custom.pending_imd() == 7
        (tmp_path / "batch_pending_imd.sql").write_text("SELECT 1 AS pending; DELETE FROM d1_imd_ctrl")
        with pytest.raises(NotReadOnly):
            OperationsQueries(engine, sql_dir=tmp_path)
    finally:
        await engine.dispose()
