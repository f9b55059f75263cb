"""Every query file is one read-only statement that compiles for Oracle; anything else is refused."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from integrations.ccb.guard import NotReadOnly, check_read_only
from integrations.ccb.queries import BUILTIN_SQL, Statement

FILES = sorted(BUILTIN_SQL.glob("*.sql"))
EXPECTED_BINDS = {
    "customer_details_search": {"customer_id", "meter_no"},
    "customer_billing_details": {"acct_id", "since"},
    "customer_recharge_history": {"acct_id", "max_rows"},
    "batch_pending_imd": set(),
    "batch_running_runs": set(),
    "rcdc_activity_summary": {"since"},
    "nocs_customer_payoff": {"nocs"},
    "nocs_balance_summary": set(),
}


def test_every_query_has_a_portable_file() -> None:
    assert {path.name.split(".")[0] for path in FILES} == set(EXPECTED_BINDS)
    assert all((BUILTIN_SQL / f"{name}.sql").exists() for name in EXPECTED_BINDS)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_file_is_read_only_and_has_the_expected_binds(path) -> None:  # type: ignore[no-untyped-def]
    sql = check_read_only(path.read_text())
    statement = text(sql)
    assert set(statement._bindparams) == EXPECTED_BINDS[path.name.split(".")[0]]
    if path.name.count(".") == 1:  # the portable file is what runs on Oracle, as python-oracledb gets it
        engine = create_async_engine("oracle+oracledb://reader:secret@ccb.example/?service_name=CCB")
        compiled = Statement.compile(sql, engine)
        expected = EXPECTED_BINDS[path.stem]
        assert compiled.order is None and set(compiled.renamed) == expected
        assert all(f":{compiled.renamed[name]}" in compiled.sql for name in expected)
        assert compiled.parameters({name: name.upper() for name in expected}) == {
            compiled.renamed[name]: name.upper() for name in expected}


@pytest.mark.parametrize("url", ["postgresql+asyncpg://reader@db/ccb", "sqlite+aiosqlite:///ccb.db"])
def test_positional_drivers_get_the_binds_in_placeholder_order(url: str) -> None:
    sql = "SELECT 1 FROM ci_acct WHERE acct_id = :acct_id OR acct_id = :other OR :acct_id IS NULL"
    compiled = Statement.compile(check_read_only(sql), create_async_engine(url))
    assert compiled.parameters({"other": "B", "acct_id": "A"}) in (("A", "B"), ("A", "B", "A"))
    assert ":acct_id" not in compiled.sql


@pytest.mark.parametrize("sql", [
    "DELETE FROM ci_acct",
    "UPDATE ci_acct SET cust_cl_cd = 'X'",
    "INSERT INTO ci_acct (acct_id) VALUES ('1')",
    "MERGE INTO ci_acct a USING dual ON (1=1) WHEN MATCHED THEN UPDATE SET a.cust_cl_cd = 'X'",
    "DROP TABLE ci_acct",
    "TRUNCATE TABLE ci_ft",
    "CREATE TABLE x AS SELECT * FROM ci_acct",
    "GRANT SELECT ON ci_acct TO public",
    "BEGIN DELETE FROM ci_acct; END;",
    "DECLARE x NUMBER; BEGIN NULL; END;",
    "SELECT 1 FROM dual; DELETE FROM ci_acct",
    "SELECT 1 FROM dual /* harmless? */ ; DROP TABLE ci_acct",
    "SELECT 1 FROM dual -- comment\n; DELETE FROM ci_acct",
    "SELECT * FROM ci_acct FOR UPDATE",
    "SELECT * INTO copy_of_accounts FROM ci_acct",
    "WITH x AS (SELECT 1 FROM dual) DELETE FROM ci_acct",
    "SELECT dbms_random.value FROM dual",
    "SELECT q'[it's]' FROM dual",
    "SELECT 'unterminated FROM dual",
    "/* only a comment */",
    "EXEC some_procedure",
])
def test_guard_refuses(sql: str) -> None:
    with pytest.raises(NotReadOnly):
        check_read_only(sql)


@pytest.mark.parametrize("sql", [
    "SELECT ';DROP TABLE ci_acct' AS looks_bad FROM dual",
    "SELECT 1 FROM dual -- DELETE FROM ci_acct in a comment is only words",
    "SELECT 1 FROM dual /* ; UPDATE ci_acct */",
    "WITH t AS (SELECT acct_id FROM ci_acct) SELECT * FROM t;",
    "SELECT REPLACE(city, 'a', 'b') AS updated_city FROM ci_prem",
    "SELECT 'it''s' FROM dual",
])
def test_guard_accepts_plain_queries(sql: str) -> None:
    runnable = check_read_only(sql)
    assert not runnable.endswith(";")
    assert "--" not in runnable and "/*" not in runnable


def test_binds_in_comments_do_not_become_parameters() -> None:
    runnable = check_read_only("-- :ghost\nSELECT 1 FROM dual WHERE 1 = :real /* :ghost2 */")
    assert set(text(runnable)._bindparams) == {"real"}
    assert not re.search(r":ghost", runnable)
