"""One read query on the native connection of each async driver the CC&B engine pools: asyncpg, oracledb, aiosqlite."""
from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy.engine import Dialect

Rows = list[dict[str, Any]]
Parameters = Sequence[Any] | Mapping[str, Any]


@dataclass(frozen=True)
class Driver:
    """How a query runs on the driver's own connection (SQLAlchemy's cursor adapter costs more Python per query
    than the query itself on the demo database), and which of the driver's errors mean "CC&B did not answer"."""

    fetch: Callable[[Any, str, Parameters], Awaitable[Rows]]
    unavailable: Callable[[BaseException], bool]


def driver_for(dialect: Dialect) -> Driver:
    if dialect.driver == "asyncpg":
        return _asyncpg()
    if dialect.driver == "oracledb":
        return _oracledb(dialect)
    if dialect.driver == "aiosqlite":
        return _aiosqlite()
    raise ValueError(f"CC&B queries need an async driver: asyncpg, oracledb or aiosqlite, not {dialect.driver!r}")


def _asyncpg() -> Driver:
    import asyncpg
    from asyncpg import exceptions

    async def fetch(connection: asyncpg.Connection, sql: str, parameters: Parameters) -> Rows:
        # the engine's sessions are read-only from their connection settings (default_transaction_read_only)
        assert not isinstance(parameters, Mapping), "asyncpg takes $n parameters in order"
        return [dict(record.items()) for record in await connection.fetch(sql, *parameters)]

    # connection lost or refused (class 08), shut down or cancelled by the server (57), out of connections (53);
    # a closed connection, or one whose protocol state was left broken by the server going away (client errors)
    lost = (exceptions.PostgresConnectionError, exceptions.OperatorInterventionError,
            exceptions.InsufficientResourcesError, asyncpg.InterfaceError, exceptions.InternalClientError)
    return Driver(fetch, lambda error: isinstance(error, lost))


def _oracledb(dialect: Dialect) -> Driver:
    import oracledb

    async def fetch(connection: oracledb.AsyncConnection, sql: str, parameters: Parameters) -> Rows:
        cursor = connection.cursor()
        try:
            # the session refuses writes whatever a query file says; the pool's rollback on return ends it
            await cursor.execute("SET TRANSACTION READ ONLY")
            await cursor.execute(sql, parameters)
            # Oracle reports case-insensitive names in upper case; the SQL files' aliases are read in lower case
            columns = [dialect.normalize_name(column[0]) for column in cursor.description or ()]
            return [dict(zip(columns, row, strict=True)) for row in await cursor.fetchall()]
        finally:
            cursor.close()

    def unavailable(error: BaseException) -> bool:
        # DPY-4011 (closed by the database or the network) and ORA-00028 (session killed) are plain
        # DatabaseErrors: SQLAlchemy's dialect knows the codes that mean the session is gone
        return isinstance(error, oracledb.OperationalError | oracledb.InterfaceError) or (
            isinstance(error, oracledb.DatabaseError) and dialect.is_disconnect(cast(Any, error), None, None))

    return Driver(fetch, unavailable)


def _aiosqlite() -> Driver:
    import sqlite3

    import aiosqlite

    async def fetch(connection: aiosqlite.Connection, sql: str, parameters: Parameters) -> Rows:
        # the engine's sessions are read-only from their connection set-up (PRAGMA query_only)
        async with connection.execute(sql, parameters) as cursor:
            columns = [column[0] for column in cursor.description or ()]
            return [dict(zip(columns, row, strict=True)) for row in await cursor.fetchall()]

    # "database is locked", "unable to open database file": the demo database is not there to answer
    return Driver(fetch, lambda error: isinstance(error, sqlite3.OperationalError))
