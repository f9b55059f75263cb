"""Throw-away PostgreSQL databases for benchmarks (the machine's local server, trust auth)."""
from __future__ import annotations

import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import create_async_engine

PG_ADMIN = "postgresql+asyncpg://postgres@127.0.0.1:5432/test"
REDIS = "redis://127.0.0.1:6379/0"


async def create_database(prefix: str = "sb_bench") -> tuple[str, str]:
    """(name, URL) of a new empty database."""
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_async_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    await admin.dispose()
    return name, PG_ADMIN.rsplit("/", 1)[0] + f"/{name}"


async def drop_database(name: str) -> None:
    admin = create_async_engine(PG_ADMIN, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
    await admin.dispose()


@asynccontextmanager
async def scratch_database(prefix: str = "sb_bench", keep: bool = False) -> AsyncIterator[str]:
    name, url = await create_database(prefix)
    try:
        yield url
    finally:
        if not keep:
            await drop_database(name)


async def prewarm(url: str) -> dict[str, float | str]:
    """Reads every table and index of the database once into the OS page cache (pg_prewarm's 'read' mode), so
    a run measures the queries rather than the disk: this machine's memory reclaim (DAMON) drops cold file
    pages within half an hour, while a database server in production keeps its working set in memory."""
    started = time.perf_counter()
    engine = create_async_engine(url, isolation_level="AUTOCOMMIT")
    try:
        async with engine.connect() as conn:
            await conn.execute(text("CREATE EXTENSION IF NOT EXISTS pg_prewarm"))
            pages = await conn.scalar(text(
                "SELECT sum(pg_prewarm(c.oid, 'read')) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                " WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i')"))
    except DBAPIError as error:  # no contrib package, or no right to create the extension
        return {"prewarm": f"not done: {type(error.orig).__name__}"}
    finally:
        await engine.dispose()
    return {"prewarmed_mb": round(int(pages or 0) * 8 / 1024),
            "prewarm_seconds": round(time.perf_counter() - started, 1)}
