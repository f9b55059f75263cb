"""Group commit for plain inserts: rows from concurrent turns share one transaction, each caller awaits it."""
from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlalchemy import Table, insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.db import engine_of

log = logging.getLogger(__name__)
Pending = tuple[Table, dict[str, Any], "asyncio.Future[None]"]


class GroupInserter:
    """`await insert(table, row)` returns once the row is committed, as a single INSERT would; but while one
    transaction is in flight the rows of every other caller gather and go in the next one. Under load that
    turns N commits (N round trips and N WAL flushes) into one, with nothing acknowledged before it is durable.
    A batch that fails is retried row by row, so one bad row fails only its own caller."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], max_batch: int = 500) -> None:
        self._sessions = sessions
        self._max_batch = max_batch
        self._pending: list[Pending] = []
        self._writer: asyncio.Task[None] | None = None

    async def insert(self, table: Table, row: dict[str, Any]) -> None:
        done: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._pending.append((table, row, done))
        if self._writer is None:
            self._writer = asyncio.create_task(self._write_all(), name="group-insert")
        # shielded: a caller that gives up (cancelled turn) must not cancel other callers' commit
        await asyncio.shield(done)

    async def _write_all(self) -> None:
        try:
            while self._pending:
                batch, self._pending = self._pending[:self._max_batch], self._pending[self._max_batch:]
                await self._write(batch)
        finally:
            self._writer = None

    async def _write(self, batch: list[Pending]) -> None:
        try:
            await self._commit(batch)
        except Exception as error:
            if len(batch) == 1:
                _settle(batch, error)
                return
            for item in batch:  # find the bad row instead of failing everyone with it
                try:
                    await self._commit([item])
                except Exception as single:
                    _settle([item], single)
                else:
                    _settle([item], None)
        except BaseException as error:  # cancelled while shutting down: callers must not hang
            _settle(batch, error)
            raise
        else:
            _settle(batch, None)

    async def _commit(self, batch: list[Pending]) -> None:
        by_table: dict[Table, list[dict[str, Any]]] = {}
        for table, row, _ in batch:
            by_table.setdefault(table, []).append(row)
        async with engine_of(self._sessions).begin() as conn:
            for table, rows in by_table.items():
                await conn.execute(insert(table), rows)


def _settle(batch: list[Pending], error: BaseException | None) -> None:
    for _, _, done in batch:
        if done.done():
            continue
        if error is None:
            done.set_result(None)
        else:
            done.set_exception(error)
