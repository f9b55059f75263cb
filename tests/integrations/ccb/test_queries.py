"""The SQL files run on the demo database (SQLite and PostgreSQL) and the session refuses writes."""
from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy.util import greenlet_spawn

from app.runtime import Runtime
from integrations.ccb.queries import CcbQueries, Statement
from integrations.ccb.seed import account_id, meter_no


@pytest.fixture
def queries(runtime: Runtime, ccb: str) -> CcbQueries:
    from integrations.ccb.directory import CcbDirectory

    directory = runtime.services.lookups._directory  # type: ignore[union-attr]
    assert isinstance(directory, CcbDirectory)
    return directory.queries


async def test_every_query_runs_on_the_demo_database(queries: CcbQueries) -> None:
    found = await queries.rows("customer_details_search", {"customer_id": account_id(4), "meter_no": None},
                               user="t")
    assert found[0]["acct_id"].strip() == account_id(4) and found[0]["meter_no"].strip() == meter_no(4)
    by_meter = await queries.rows("customer_details_search", {"customer_id": None, "meter_no": meter_no(4)},
                                  user="t")
    assert by_meter[0]["acct_id"].strip() == account_id(4)
    assert found[0]["payoff_balance"] == by_meter[0]["payoff_balance"] != 0
    months = await queries.rows("customer_billing_details", {"acct_id": account_id(4), "since": date(2000, 1, 1)},
                                user="t")
    assert sum(int(m["billing_days"]) for m in months) == 75
    recharges = await queries.rows("customer_recharge_history", {"acct_id": account_id(4), "max_rows": 3}, user="t")
    assert len(recharges) == 3 and str(recharges[0]["pay_dt"]) >= str(recharges[-1]["pay_dt"])


async def test_the_session_itself_refuses_writes(queries: CcbQueries) -> None:
    """Past the guard (as a file edited after start-up would be), the session still refuses the write."""
    delete = Statement.compile("DELETE FROM ci_acct WHERE acct_id = :acct_id", queries.engine)
    with pytest.raises(Exception, match=r"(?i)read.only|readonly|query_only"):
        await greenlet_spawn(queries._fetch, delete, delete.parameters({"acct_id": account_id(4)}))
    found = await queries.rows("customer_details_search", {"customer_id": account_id(4), "meter_no": None},
                               user="t")
    assert found, "the account is still there, and the connection still answers"


def test_a_utility_sql_dir_overrides_and_is_guarded(tmp_path, runtime: Runtime, ccb: str) -> None:  # type: ignore[no-untyped-def]
    from integrations.ccb.guard import NotReadOnly

    engine = runtime.services.ccb.engine
    (tmp_path / "customer_recharge_history.sql").write_text("SELECT 1 AS pay_id FROM ci_pay -- :acct_id\n")
    custom = CcbQueries(engine, sql_dir=tmp_path)
    assert custom.path("customer_recharge_history") == tmp_path / "customer_recharge_history.sql"
    (tmp_path / "customer_recharge_history.sql").write_text("DELETE FROM ci_ft")
    with pytest.raises(NotReadOnly):
        CcbQueries(engine, sql_dir=tmp_path)
