"""Group commit: concurrent inserts share transactions, each caller returns after its row is committed."""
from __future__ import annotations

import asyncio
from datetime import UTC, datetime
from typing import Any, cast

from sqlalchemy import Table, event, func, select

from app.runtime import Runtime
from core.group_commit import GroupInserter
from core.models import AuditRecord
from tests.harness import database_down

AUDIT = cast(Table, AuditRecord.__table__)


def _row(n: int, **changes: Any) -> dict[str, Any]:
    return {"at": datetime.now(UTC), "turn_id": f"t{n}", "user_id": None, "channel": "console", "chat": "c",
            "intent": "test", "outcome": "ok", "detail": {}} | changes


async def _count(runtime: Runtime) -> int:
    async with runtime.engine.connect() as conn:
        return int(await conn.scalar(select(func.count()).select_from(AUDIT)) or 0)


async def test_concurrent_rows_are_committed_in_few_transactions(runtime: Runtime) -> None:
    before = await _count(runtime)
    writer = GroupInserter(runtime.database.sessions)
    commits: list[int] = []

    def counted(_conn: Any) -> None:
        commits.append(1)

    event.listen(runtime.engine.sync_engine, "commit", counted)
    try:
        await asyncio.gather(*(writer.insert(AUDIT, _row(n)) for n in range(200)))
    finally:
        event.remove(runtime.engine.sync_engine, "commit", counted)
    assert await _count(runtime) == before + 200
    assert 1 <= len(commits) <= 3  # 200 callers, not 200 transactions


async def test_each_caller_sees_its_row_committed_when_it_returns(runtime: Runtime) -> None:
    writer = GroupInserter(runtime.database.sessions)
    await writer.insert(AUDIT, _row(1, turn_id="visible-at-once"))
    async with runtime.engine.connect() as conn:
        found = await conn.scalar(select(AUDIT.c.id).where(AUDIT.c.turn_id == "visible-at-once"))
    assert found is not None


async def test_a_bad_row_fails_only_its_own_caller(runtime: Runtime) -> None:
    before = await _count(runtime)
    writer = GroupInserter(runtime.database.sessions)
    rows = [_row(n) for n in range(10)]
    rows[4] = _row(4, turn_id=None)  # NOT NULL violated
    results = await asyncio.gather(*(writer.insert(AUDIT, row) for row in rows), return_exceptions=True)
    failed = [i for i, result in enumerate(results) if isinstance(result, Exception)]
    assert failed == [4]
    assert await _count(runtime) == before + 9


async def test_database_down_fails_every_waiting_caller(runtime: Runtime) -> None:
    before = await _count(runtime)
    writer = GroupInserter(runtime.database.sessions)
    async with database_down(runtime):
        results = await asyncio.gather(*(writer.insert(AUDIT, _row(n)) for n in range(5)), return_exceptions=True)
    assert all(isinstance(result, Exception) for result in results)
    assert await _count(runtime) == before
    await writer.insert(AUDIT, _row(99))  # the same writer works again once the database is back
    assert await _count(runtime) == before + 1
