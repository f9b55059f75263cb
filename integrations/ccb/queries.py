"""Runs the CC&B SQL files: per-dialect overrides, CCB_SQL_DIR, the read-only guard, timing and logging."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine.interfaces import DBAPICursor
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine
from sqlalchemy.pool import PoolProxiedConnection, QueuePool
from sqlalchemy.util import greenlet_spawn

from core.oldest_first import OldestFirst
from integrations.ccb.guard import check_read_only

log = logging.getLogger(__name__)
BUILTIN_SQL = Path(__file__).resolve().parent / "sql"
QUERY_NAMES = ("customer_details_search", "customer_billing_details", "customer_recharge_history")

# Connections are recycled instead of pinged before each use: a ping is a round trip on every query, and
# recycling keeps them well under the idle cut-off of firewalls in front of Oracle.
RECYCLE_SECONDS = 300

# Run first on every checked-out connection, so the session itself refuses writes whatever a query file says.
# PostgreSQL sessions are read-only from their connection settings already; the pool's rollback on return
# ends Oracle's read-only transaction.
READ_ONLY_SETUP = {"oracle": "SET TRANSACTION READ ONLY", "sqlite": "PRAGMA query_only = ON"}


class CcbUnavailable(Exception):
    """CC&B did not answer (refused, timed out, failed)."""


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

    return create_engine(url)


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

    def parameters(self, binds: Mapping[str, Any]) -> Sequence[Any] | dict[str, Any]:
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
        self._setup = READ_ONLY_SETUP.get(self.dialect)
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

    async def rows(self, name: str, binds: dict[str, Any], *, user: str) -> list[dict[str, Any]]:
        statement = self._statements[name]
        started = time.perf_counter()
        try:
            async with asyncio.timeout(self._timeout), self._turns:  # unlike wait_for, no extra task per query
                result = await greenlet_spawn(self._fetch, statement, statement.parameters(binds))
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

    def _fetch(self, statement: Statement, parameters: Sequence[Any] | dict[str, Any]) -> list[dict[str, Any]]:
        """One query on a pooled DBAPI connection, in SQLAlchemy's greenlet (its async drivers need one).
        Straight through the driver: a key lookup costs less than SQLAlchemy's Connection and Result around
        it, and the engine still provides the pool, the dialect's connection set-up and the driver adapter."""
        connection = self.engine.sync_engine.raw_connection()
        cursor: DBAPICursor | None = None
        try:
            cursor = connection.cursor()
            if self._setup is not None:
                cursor.execute(self._setup)
            cursor.execute(statement.sql, parameters)
            columns = [self._column_name(column[0]) for column in cursor.description or ()]
            return [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
        except BaseException as error:
            self._invalidate_if_broken(connection, cursor, error)
            raise
        finally:
            if cursor is not None:
                cursor.close()
            connection.close()  # back to the pool, which rolls back: nothing is kept

    def _invalidate_if_broken(self, connection: PoolProxiedConnection, cursor: DBAPICursor | None,
                              error: BaseException) -> None:
        """A connection interrupted mid-query (timeout, cancel) or lost is not given to the next lookup,
        as SQLAlchemy's own Connection does."""
        dialect = self.engine.dialect
        if not isinstance(error, Exception) or (
                isinstance(error, dialect.loaded_dbapi.Error)
                and dialect.is_disconnect(error, connection.dbapi_connection, cursor)):
            connection.invalidate(error if isinstance(error, Exception) else None)

    def _column_name(self, name: str) -> str:
        # Oracle reports case-insensitive names in upper case; SQLAlchemy's rows show them in lower case
        return self.engine.dialect.normalize_name(name) if self.engine.dialect.requires_name_normalize else name

    def _is_connection_problem(self, error: Exception) -> bool:
        from sqlalchemy.exc import InterfaceError, OperationalError
        from sqlalchemy.exc import TimeoutError as PoolTimeout

        dbapi = self.engine.dialect.loaded_dbapi
        return isinstance(error, OSError | ConnectionError | OperationalError | InterfaceError | PoolTimeout
                          | dbapi.OperationalError | dbapi.InterfaceError)
