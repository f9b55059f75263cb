"""Runs the CC&B SQL files: per-dialect overrides, CCB_SQL_DIR, the read-only guard, timing and logging."""
from __future__ import annotations

import asyncio
import logging
import time
from pathlib import Path
from typing import Any

from sqlalchemy import TextClause, text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine, create_async_engine

from integrations.ccb.guard import check_read_only

log = logging.getLogger(__name__)
BUILTIN_SQL = Path(__file__).resolve().parent / "sql"
QUERY_NAMES = ("customer_details_search", "customer_balance", "customer_billing_details",
               "customer_recharge_history")


# Connections are recycled instead of pinged before each use: a ping is a round trip on every one of a
# lookup's four queries, and recycling keeps them well under the idle cut-off of firewalls in front of Oracle.
RECYCLE_SECONDS = 300


class CcbUnavailable(Exception):
    """CC&B did not answer (refused, timed out, failed)."""


def make_engine(url: str, pool_size: int = 10, connect_timeout: float = 5.0, *,
                read_only: bool = True) -> AsyncEngine:
    """Oracle through python-oracledb in thin mode (no Instant Client); the demo database otherwise.
    `read_only=False` is only for building the demo database."""
    if url.startswith("oracle"):
        return create_async_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=RECYCLE_SECONDS,
                                   pool_timeout=connect_timeout, connect_args={"tcp_connect_timeout": connect_timeout})
    if url.startswith("postgresql"):
        # every session of this engine is read-only on the server side: no per-query round trip needed; and
        # each query is one SELECT, so it runs as its own statement (autocommit) instead of paying a BEGIN and
        # a ROLLBACK round trip around it
        return create_async_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_recycle=RECYCLE_SECONDS,
                                   pool_timeout=connect_timeout, pool_use_lifo=True,
                                   isolation_level="AUTOCOMMIT" if read_only else "READ COMMITTED", connect_args={
                                       "timeout": connect_timeout,
                                       "server_settings": {
                                           "default_transaction_read_only": "on" if read_only else "off",
                                           # the lookups are key lookups: one plan per prepared statement
                                           # fits every customer, so don't re-plan them per execution
                                           "plan_cache_mode": "force_generic_plan"}})
    from core.db import create_engine

    return create_engine(url)


class CcbQueries:
    def __init__(self, engine: AsyncEngine, *, sql_dir: Path | None = None, timeout: float = 10.0) -> None:
        self.engine = engine
        self.dialect = engine.dialect.name
        self._dirs = [d for d in (sql_dir, BUILTIN_SQL) if d is not None]
        self._timeout = timeout
        # loading checks every file: a query that is not read-only stops the start-up
        self._statements = {name: text(self.load(name)) for name in QUERY_NAMES}

    def path(self, name: str) -> Path:
        """The file that runs for `name` on this dialect: a utility's own before ours, dialect before generic."""
        for directory in self._dirs:
            for candidate in (directory / f"{name}.{self.dialect}.sql", directory / f"{name}.sql"):
                if candidate.exists():
                    return candidate
        raise FileNotFoundError(f"no SQL file for {name!r} in {', '.join(map(str, self._dirs))}")

    def load(self, name: str) -> str:
        return check_read_only(self.path(name).read_text(encoding="utf-8"))

    async def rows(self, name: str, binds: dict[str, Any], *, user: str) -> list[dict[str, Any]]:
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self._timeout):  # unlike wait_for, no extra task per query
                result = await self._run(self._statements[name], binds)
        except TimeoutError:
            log.error("ccb query %s timed out after %.1f s (user %s)", name, self._timeout, user)
            raise CcbUnavailable(f"{name} timed out") from None
        except (OSError, ConnectionError) as error:
            log.error("ccb query %s failed: %s (user %s)", name, type(error).__name__, user)
            raise CcbUnavailable(f"{name}: {type(error).__name__}") from None
        except Exception as error:
            if _is_connection_problem(error):
                log.error("ccb query %s failed: %s (user %s)", name, error, user)
                raise CcbUnavailable(f"{name}: {type(error).__name__}") from None
            raise
        log.info("ccb query %s: %d rows in %.1f ms (user %s)", name, len(result),
                 (time.perf_counter() - started) * 1000, user)
        return result

    async def _run(self, statement: TextClause, binds: dict[str, Any]) -> list[dict[str, Any]]:
        async with self.engine.connect() as conn:
            await _read_only(conn)
            result = await conn.execute(statement, binds)
            return [row._asdict() for row in result]  # the pool rolls back on return: nothing is kept

    async def ping(self) -> bool:
        async with self.engine.connect() as conn:
            await conn.execute(text("SELECT 1 FROM dual" if self.dialect == "oracle" else "SELECT 1"))
        return True


async def _read_only(conn: AsyncConnection) -> None:
    """Belt and braces: the session itself refuses writes, whatever a query file says (PostgreSQL sessions
    are read-only from the connection settings already)."""
    if conn.dialect.name == "oracle":
        await conn.execute(text("SET TRANSACTION READ ONLY"))
    elif conn.dialect.name == "sqlite":
        await conn.exec_driver_sql("PRAGMA query_only = ON")


def _is_connection_problem(error: Exception) -> bool:
    from sqlalchemy.exc import InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    return isinstance(error, OperationalError | InterfaceError | PoolTimeout)
