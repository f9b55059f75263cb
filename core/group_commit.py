"""Group commit: work from concurrent turns shares one transaction, and each caller awaits its own outcome."""
from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from sqlalchemy import Table, insert
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.db import engine_of

Item = TypeVar("Item")
Result = TypeVar("Result")


class Batcher(Generic[Item, Result]):
    """`await submit(item)` returns `item`'s result once `run` has done (and committed) it. While one `run`
    is in flight, the items of every other caller gather and go in the next: under load N transactions
    (N sets of round trips and WAL flushes) become one, and nothing is answered before it is durable.
    When a batch fails, its items are run one by one, so one bad item fails only its own caller."""

    def __init__(self, run: Callable[[list[Item]], Awaitable[list[Result]]], max_batch: int = 200) -> None:
        self._run = run
        self._max_batch = max_batch
        self._pending: list[tuple[Item, asyncio.Future[Result]]] = []
        self._worker: asyncio.Task[None] | None = None

    async def submit(self, item: Item) -> Result:
        done: asyncio.Future[Result] = asyncio.get_running_loop().create_future()
        self._pending.append((item, done))
        if self._worker is None:
            self._worker = asyncio.create_task(self._run_all(), name="group-commit")
        # shielded: a caller that gives up (a cancelled turn) must not cancel the others' commit
        return await asyncio.shield(done)

    async def _run_all(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending[:self._max_batch], self._pending[self._max_batch:]
                await self._run_batch(batch)
        finally:
            self._worker = None

    async def _run_batch(self, batch: list[tuple[Item, asyncio.Future[Result]]]) -> None:
        try:
            results = await self._run([item for item, _ in batch])
        except Exception as error:
            if len(batch) == 1:
                _settle(batch[0][1], error=error)
                return
            for item, done in batch:  # find the bad item instead of failing everyone with it
                try:
                    (result,) = await self._run([item])
                except Exception as single:
                    _settle(done, error=single)
                else:
                    _settle(done, result)
        except BaseException as error:  # cancelled while shutting down: callers must not hang
            for _, done in batch:
                _settle(done, error=error)
            raise
        else:
            for (_, done), result in zip(batch, results, strict=True):
                _settle(done, result)


def _settle(done: asyncio.Future[Any], result: Any = None, *, error: BaseException | None = None) -> None:
    if done.done():
        return
    if error is None:
        done.set_result(result)
    else:
        done.set_exception(error)


class GroupInserter:
    """Plain inserts (audit rows, drafts) of concurrent turns in one transaction; `insert` returns once the
    row is committed, as a single INSERT would. With `if_absent`, a row whose key exists is left as it is."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], max_batch: int = 500) -> None:
        self._sessions = sessions
        self._batcher: Batcher[tuple[Table, bool, dict[str, Any]], None] = Batcher(self._commit, max_batch)

    async def insert(self, table: Table, row: dict[str, Any], *, if_absent: bool = False) -> None:
        await self._batcher.submit((table, if_absent, row))

    async def _commit(self, rows: list[tuple[Table, bool, dict[str, Any]]]) -> list[None]:
        by_table: dict[tuple[Table, bool], list[dict[str, Any]]] = {}
        for table, if_absent, row in rows:
            by_table.setdefault((table, if_absent), []).append(row)
        async with engine_of(self._sessions).begin() as conn:
            for (table, if_absent), table_rows in by_table.items():
                if if_absent:
                    build = pg_insert if conn.dialect.name == "postgresql" else sqlite_insert
                    await conn.execute(build(table).on_conflict_do_nothing(), table_rows)
                else:
                    await conn.execute(insert(table), table_rows)
        return [None] * len(rows)
