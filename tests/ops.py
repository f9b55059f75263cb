"""Test helpers for operations monitoring: write batch runs into the demo CC&B, attach monitoring to a runtime."""
from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import delete, insert

from app.monitor_cli import attach_monitoring
from app.runtime import Runtime
from core.services.monitoring import Monitoring
from integrations.ccb.ops_schema import ci_batch_run, ci_batch_thd
from integrations.ccb.queries import make_engine
from tests.harness import ChatHarness, Person

DHAKA = ZoneInfo("Asia/Dhaka")


def local(text: str) -> datetime:
    """'2026-03-18 11:30' as an aware time in Asia/Dhaka (the tests' TIMEZONE)."""
    return datetime.fromisoformat(text).replace(tzinfo=DHAKA)


class BatchTables:
    """Writes `ci_batch_run` and `ci_batch_thd` as CC&B's batch framework would (naive local timestamps)."""

    def __init__(self, url: str) -> None:
        self.engine = make_engine(url, read_only=False)

    async def replace(self, *runs: dict[str, Any]) -> None:
        """Only these runs: each {batch_cd, batch_nbr, status, threads: [(start or None, records or None)]}."""
        async with self.engine.begin() as conn:
            await conn.execute(delete(ci_batch_thd))
            await conn.execute(delete(ci_batch_run))
            for run in runs:
                await conn.execute(insert(ci_batch_run).values(
                    batch_cd=run["batch_cd"], batch_nbr=run["batch_nbr"], run_status=run.get("status", "R")))
                for n, (start, records) in enumerate(run.get("threads", ()), 1):
                    await conn.execute(insert(ci_batch_thd).values(
                        batch_cd=run["batch_cd"], batch_nbr=run["batch_nbr"], batch_thread_nbr=n,
                        thread_stat_flg=run.get("status", "R"), start_dttm=start, end_dttm=None, rec_proc_cnt=records))

    async def one(self, batch_cd: str, batch_nbr: int, start: str, records: int, status: str = "R") -> None:
        """One run of four threads from `start` (local, naive text), `records` spread over them."""
        begin = datetime.fromisoformat(start)
        spread = [records // 4 + (1 if n < records % 4 else 0) for n in range(4)]
        await self.replace({"batch_cd": batch_cd, "batch_nbr": batch_nbr, "status": status,
                            "threads": [(begin, part) for part in spread]})

    async def close(self) -> None:
        await self.engine.dispose()


@asynccontextmanager
async def monitoring_of(runtime: Runtime) -> AsyncIterator[Monitoring]:
    monitoring = attach_monitoring(runtime.services, runtime.database, runtime.settings)
    try:
        yield monitoring
    finally:
        runtime.services.monitoring = None
        await monitoring.close()


async def person(chat: ChatHarness, name: str, role: str) -> Person:
    """`name` as a platform user with `role`, ready to say things."""
    await chat.runtime.services.identity.create_user(name, role=role)
    return chat.user(name)
