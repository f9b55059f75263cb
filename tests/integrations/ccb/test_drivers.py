"""Each driver's query path: what it sends and how rows come back (Oracle without a server: its cursor API)."""
from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.ext.asyncio import create_async_engine

from integrations.ccb.drivers import driver_for


class OracleCursor:
    """The part of python-oracledb's AsyncCursor the driver uses, recording what it is asked."""

    def __init__(self, log: list[Any]) -> None:
        self.log = log
        self.description: list[tuple[str, ...]] | None = None

    async def execute(self, sql: str, parameters: Any = None) -> None:
        self.log.append((sql, parameters))
        if sql.startswith("SELECT"):
            self.description = [("ACCT_ID",), ("PAYOFF_BALANCE",), ("MixedCase",)]

    async def fetchall(self) -> list[tuple[Any, ...]]:
        return [("3000000042", 12, "x")]

    def close(self) -> None:
        self.log.append("closed")


class OracleConnection:
    def __init__(self) -> None:
        self.log: list[Any] = []

    def cursor(self) -> OracleCursor:
        return OracleCursor(self.log)


async def test_oracle_runs_each_query_in_a_read_only_transaction_with_named_binds() -> None:
    driver = driver_for(create_async_engine("oracle+oracledb://reader:secret@ccb.example/?service_name=CCB").dialect)
    connection = OracleConnection()
    rows = await driver.fetch(connection, "SELECT acct_id FROM ci_acct WHERE acct_id = :acct_id",
                              {"acct_id": "3000000042"})
    assert connection.log == [("SET TRANSACTION READ ONLY", None),
                              ("SELECT acct_id FROM ci_acct WHERE acct_id = :acct_id", {"acct_id": "3000000042"}),
                              "closed"]
    # Oracle's upper-case names read as the SQL files write them; a quoted mixed-case alias is kept
    assert rows == [{"acct_id": "3000000042", "payoff_balance": 12, "MixedCase": "x"}]


async def test_oracle_closes_the_cursor_when_the_query_fails() -> None:
    driver = driver_for(create_async_engine("oracle+oracledb://reader:secret@ccb.example/?service_name=CCB").dialect)
    connection = OracleConnection()

    async def refuse(sql: str, parameters: Any = None) -> None:
        raise RuntimeError("ORA-01456: may not perform insert/delete/update operation inside a READ ONLY transaction")

    cursor = OracleCursor(connection.log)
    cursor.execute = refuse  # type: ignore[method-assign]
    connection.cursor = lambda: cursor  # type: ignore[method-assign]
    with pytest.raises(RuntimeError, match="ORA-01456"):
        await driver.fetch(connection, "SELECT 1 FROM dual", {})
    assert connection.log == ["closed"]


def _oracle_error(code: str) -> Exception:
    """The exception python-oracledb itself raises for one of its DPY errors."""
    from oracledb import errors

    try:
        errors._raise_err(getattr(errors, code))
    except Exception as error:
        return error
    raise AssertionError("no error raised")


def test_oracle_tells_a_lost_session_from_a_failing_query() -> None:
    import oracledb

    driver = driver_for(create_async_engine("oracle+oracledb://reader:secret@ccb.example/?service_name=CCB").dialect)
    closed = _oracle_error("ERR_CONNECTION_CLOSED")  # DPY-4011: a plain DatabaseError, yet the session is gone
    assert type(closed) is oracledb.DatabaseError and driver.unavailable(closed)
    assert driver.unavailable(_oracle_error("ERR_NOT_CONNECTED"))  # DPY-1001
    assert not driver.unavailable(oracledb.DatabaseError("ORA-00942: table or view does not exist"))
    assert not driver.unavailable(ValueError("not a database error"))


def test_a_sync_driver_is_refused_with_a_clear_message() -> None:
    from sqlalchemy import create_engine

    with pytest.raises(ValueError, match="async driver"):
        driver_for(create_engine("sqlite:///:memory:").dialect)
