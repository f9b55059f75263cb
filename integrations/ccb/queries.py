"""Runs the CC&B SQL files: per-dialect overrides, CCB_SQL_DIR, the read-only guard, timing and logging."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, text
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import Pool, QueuePool
from sqlalchemy.util import await_only, greenlet_spawn

from core.oldest_first import OldestFirst
from integrations.ccb.drivers import Parameters, Rows, driver_for
from integrations.ccb.guard import check_read_only

log = logging.getLogger(__name__)
BUILTIN_SQL = Path(__file__).resolve().parent / "sql"
QUERY_NAMES = ("customer_details_search", "customer_billing_details", "customer_recharge_history")

# Connections are recycled instead of pinged before each use: a ping is a round trip on every query, and
# recycling keeps them well under the idle cut-off of firewalls in front of Oracle.
RECYCLE_SECONDS = 300


class CcbUnavailable(Exception):
    """CC&B did not answer (refused, timed out, failed)."""


class SessionLost(Exception):
    """A pooled CC&B session failed under a query: the server closed it, or the network between us dropped."""

    def __init__(self, pool: Pool, error: Exception) -> None:
        super().__init__(f"{type(error).__name__}: {error}")
        self.pool = pool


def make_engine(url: str, pool_size: int = 10, connect_timeout: float = 5.0, *,
                read_only: bool = True) -> AsyncEngine:
    """Oracle through python-oracledb in thin mode (no Instant Client); the demo database otherwise.
    `read_only=False` is only for building the demo database."""
    # A fixed pool (no overflow): under load, queries beyond `pool_size` wait for a connection (CcbQueries
    # queues them, oldest lookup first) instead of each opening and closing a connection of its own, which
    # costs CC&B a new session per query exactly when it is busiest.
    if url.startswith("oracle"):
        return create_async_engine(url, pool_size=pool_size, max_overflow=0, pool_recycle=RECYCLE_SECONDS,
                                   pool_timeout=connect_timeout, connect_args={"tcp_connect_timeout": connect_timeout})
    if url.startswith("postgresql"):
        # every session of this engine is read-only on the server side: no per-query round trip needed; and
        # each query is one SELECT, so it runs as its own statement (autocommit) instead of paying a BEGIN and
        # a ROLLBACK round trip around it
        return create_async_engine(url, pool_size=pool_size, max_overflow=0, pool_recycle=RECYCLE_SECONDS,
                                   pool_timeout=connect_timeout, pool_use_lifo=True,
                                   isolation_level="AUTOCOMMIT" if read_only else "READ COMMITTED", connect_args={
                                       "timeout": connect_timeout,
                                       "server_settings": {
                                           "default_transaction_read_only": "on" if read_only else "off",
                                           # the lookups are key lookups: one plan per prepared statement
                                           # fits every customer, so don't re-plan them per execution
                                           "plan_cache_mode": "force_generic_plan"}})
    from core.db import create_engine

    engine = create_engine(url)
    if read_only:  # the session refuses writes whatever a query file says, as PostgreSQL's sessions do
        event.listen(engine.sync_engine, "connect", _query_only)
    return engine


def _query_only(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA query_only = ON")
    cursor.close()


@dataclass(frozen=True)
class Statement:
    """A query file compiled once for the engine's driver: the SQL as the driver takes it, and how the named
    binds of the file become the driver's parameters."""

    sql: str
    order: tuple[str, ...] | None   # bind names in placeholder order, for drivers with positional parameters
    renamed: Mapping[str, str]      # the driver's bind name for each bind name, for drivers with named ones

    @classmethod
    def compile(cls, sql: str, engine: AsyncEngine) -> Statement:
        compiled = text(sql).compile(dialect=engine.dialect)
        if compiled.positional:
            return cls(compiled.string, tuple(compiled.positiontup or ()), {})
        renamed = {key: compiled.bind_names[bind] for key, bind in compiled.binds.items()}
        return cls(compiled.string, None, renamed)

    def parameters(self, binds: Mapping[str, Any]) -> Parameters:
        if self.order is not None:
            return tuple(binds[key] for key in self.order)
        return {driver_name: binds[key] for key, driver_name in self.renamed.items()}


class CcbQueries:
    def __init__(self, engine: AsyncEngine, *, sql_dir: Path | None = None, timeout: float = 10.0) -> None:
        self.engine = engine
        # queries beyond the pool's connections wait here rather than in the pool, oldest lookup first
        self._turns = OldestFirst(engine.pool.size() if isinstance(engine.pool, QueuePool) else 1)
        self.dialect = engine.dialect.name
        self._dirs = [d for d in (sql_dir, BUILTIN_SQL) if d is not None]
        self._timeout = timeout
        self._driver = driver_for(engine.dialect)
        self._unavailable = _unavailable_errors(engine)
        # loading checks every file: a query that is not read-only stops the start-up
        self._statements = {name: Statement.compile(self.load(name), engine) for name in QUERY_NAMES}

    def path(self, name: str) -> Path:
        """The file that runs for `name` on this dialect: a utility's own before ours, dialect before generic."""
        for directory in self._dirs:
            for candidate in (directory / f"{name}.{self.dialect}.sql", directory / f"{name}.sql"):
                if candidate.exists():
                    return candidate
        raise FileNotFoundError(f"no SQL file for {name!r} in {', '.join(map(str, self._dirs))}")

    def load(self, name: str) -> str:
        return check_read_only(self.path(name).read_text(encoding="utf-8"))

    async def rows(self, name: str, binds: dict[str, Any], *, user: str) -> Rows:
        statement = self._statements[name]
        parameters = statement.parameters(binds)
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self._timeout):  # unlike wait_for, no extra task per query
                try:
                    result = await self._run(statement, parameters)
                except SessionLost as lost:
                    # The server dropped the pool's sessions (restart, killed sessions, a firewall): the rest
                    # of the pool is as dead, so it is replaced, and the query asked once more.
                    log.warning("ccb query %s: session lost (%s); reconnecting", name, lost)
                    if self.engine.sync_engine.pool is lost.pool:
                        await self.engine.dispose()
                    result = await self._run(statement, parameters)
        except TimeoutError:
            log.error("ccb query %s timed out after %.1f s (user %s)", name, self._timeout, user)
            raise CcbUnavailable(f"{name} timed out") from None
        except Exception as error:
            if not self._is_connection_problem(error):
                raise
            log.error("ccb query %s failed: %s: %s (user %s)", name, type(error).__name__, error, user)
            raise CcbUnavailable(f"{name}: {type(error).__name__}") from None
        log.info("ccb query %s: %d rows in %.1f ms (user %s)", name, len(result),
                 (time.perf_counter() - started) * 1000, user)
        return result

    async def _run(self, statement: Statement, parameters: Parameters) -> Rows:
        async with self._turns:
            return await greenlet_spawn(self._fetch, statement, parameters)

    def _fetch(self, statement: Statement, parameters: Parameters) -> Rows:
        """One query on a pooled connection, in SQLAlchemy's greenlet (its pool reaches async drivers through
        one). The engine provides the pool and each connection's set-up; the query itself goes to the driver."""
        pool = self.engine.sync_engine.pool
        connection = pool.connect()
        try:
            return await_only(self._driver.fetch(connection.driver_connection, statement.sql, parameters))
        except Exception as error:
            if not self._is_connection_problem(error):
                raise
            connection.invalidate(error)  # lost: not given to the next lookup
            raise SessionLost(pool, error) from error
        except BaseException:
            connection.invalidate()  # interrupted mid-query (timeout, cancel): its state is unknown
            raise
        finally:
            connection.close()  # back to the pool, which rolls back: nothing is kept

    def _is_connection_problem(self, error: Exception) -> bool:
        return isinstance(error, self._unavailable) or self._driver.unavailable(error)


def _unavailable_errors(engine: AsyncEngine) -> tuple[type[BaseException], ...]:
    """Errors beyond the driver's own that mean CC&B did not answer: while the pool connects, the dialect's
    DBAPI adapter raises its errors, and SQLAlchemy its own."""
    from sqlalchemy.exc import InterfaceError, OperationalError
    from sqlalchemy.exc import TimeoutError as PoolTimeout

    adapted = engine.dialect.loaded_dbapi
    return (OSError, OperationalError, InterfaceError, PoolTimeout, SessionLost,
            *(getattr(adapted, name) for name in ("OperationalError", "InterfaceError") if hasattr(adapted, name)))
