"""`switchboard ccb seed-demo`: a CC&B-shaped demo database of prepaid electricity customers, deterministic per seed,
with the operations tables monitoring reads (batch runs, IMD, RC/DC commands)."""
from __future__ import annotations

import logging
import random
import time
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from functools import partial
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import Table
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine
from sqlalchemy.schema import CreateIndex

from integrations.ccb import ops_schema, schema, simulator

log = logging.getLogger(__name__)

FIRST = ("Abdul", "Rahima", "Karim", "Nadia", "Rafiq", "Sultana", "Hasan", "Farzana", "Jamal", "Ayesha", "Tanvir",
         "Shirin", "Mizanur", "Nasrin", "Sabbir", "Taslima", "Imran", "Roksana", "Arif", "Mahmuda", "Zahid", "Lipi")
LAST = ("Rahman", "Ahmed", "Hossain", "Islam", "Chowdhury", "Khan", "Uddin", "Begum", "Akter", "Sarkar", "Miah",
        "Talukder", "Bhuiyan", "Siddique", "Haque", "Molla")
AREAS = (("Dhanmondi", "Dhaka", "1209"), ("Mirpur", "Dhaka", "1216"), ("Uttara", "Dhaka", "1230"),
         ("Gulshan", "Dhaka", "1212"), ("Motijheel", "Dhaka", "1000"), ("Agrabad", "Chattogram", "4100"),
         ("Zindabazar", "Sylhet", "3100"), ("Shaheb Bazar", "Rajshahi", "6100"), ("Sonadanga", "Khulna", "9100"))
CHANNELS = ("BKASH", "NAGAD", "ROCKET", "UPAY", "BANK", "POS")
TARIFF = Decimal("8.95")  # taka per kWh, before the daily demand charge
DEMAND = Decimal("2.10")


def account_id(n: int) -> str:
    return str(30_000_000 + n)


def meter_no(n: int) -> str:
    return str(600_000_000 + n * 7)


def rows_for(n: int, days: int, today: date, rnd: random.Random,
             daily: bool = True) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of one customer: person, account, premise (with its NOCS area), meter, recharges and (unless
    `daily` is off, when PostgreSQL generates them in bulk) the daily bill segments."""
    acct, key = account_id(n), f"{n:09d}"
    per, prem, sa, sp, mtr = f"P{key}", f"R{key}", f"S{key}", f"V{key}", f"M{key}"
    area, city, postal = AREAS[n % len(AREAS)]
    start = today - timedelta(days=days)
    out: dict[str, list[tuple[Any, ...]]] = {t: [] for t in schema.metadata.tables}
    out["ci_per"].append((per, "P"))
    out["ci_per_name"].append((per, 1, f"{rnd.choice(FIRST)} {rnd.choice(LAST)}", "Y"))
    out["ci_per_phone"].append((per, 1, f"01{rnd.choice('3456789')}{rnd.randrange(10**8):08d}"))
    out["ci_acct"].append((acct, "RES", start - timedelta(days=rnd.randrange(30, 3000)), "DESCO"))
    out["ci_acct_per"].append((acct, per, "Y"))
    out["ci_prem"].append((prem, f"House {rnd.randrange(1, 120)}, Road {rnd.randrange(1, 30)}", area, city, postal))
    out["ci_prem_char"].append((prem, "NOCS", start, f"{area.upper()[:10]}"))
    out["ci_sa"].append((sa, acct, prem, "E-PREPD", "20", start))
    out["ci_sp"].append((sp, prem))
    out["ci_sa_sp"].append((f"X{key}", sa, sp))
    out["ci_mtr"].append((mtr, meter_no(n), "PREPAID"))
    out["ci_sp_mtr_hist"].append((f"H{key}", sp, mtr, start))
    frozen = datetime.combine(start, datetime.min.time(), tzinfo=UTC).replace(tzinfo=None)
    base_use = rnd.uniform(3, 12)
    next_recharge, paid = 0, 0
    for day in range(days):
        when = start + timedelta(days=day)
        if daily:
            bseg = f"B{key}{day:04d}"
            kwh = Decimal(str(round(base_use * rnd.uniform(0.6, 1.5), 3)))
            charge = (kwh * TARIFF + DEMAND).quantize(Decimal("0.01"))
            out["ci_bseg"].append((bseg, sa, when, when, "50"))
            out["ci_bseg_sq"].append((bseg, "KWH", kwh))
            out["ci_ft"].append((f"F{key}{day:04d}", sa, bseg, "BS", charge, when,
                                 frozen + timedelta(days=day + 1)))
        if day == next_recharge:
            amount = Decimal(rnd.choice((500, 1000, 1000, 1500, 2000)))
            event, pay = f"E{key}{paid:03d}", f"Y{key}{paid:03d}"
            out["ci_pay_event"].append((event, when))
            out["ci_pay"].append((pay, event, acct, amount, "50"))
            out["ci_pay_tndr"].append((f"T{key}{paid:03d}", event, amount, rnd.choice(CHANNELS)))
            out["ci_ft"].append((f"G{key}{paid:03d}", sa, pay, "PS", -amount, when, frozen + timedelta(days=day)))
            paid += 1
            next_recharge = day + rnd.randrange(6, 16)
    return out


def chunks(customers: int, days: int, seed: int, size: int,
           daily: bool = True) -> Iterator[dict[str, list[tuple[Any, ...]]]]:
    today = date.today()
    for first in range(0, customers, size):
        merged: dict[str, list[tuple[Any, ...]]] = {t: [] for t in schema.metadata.tables}
        for n in range(first, min(customers, first + size)):
            for table, rows in rows_for(n, days, today, random.Random(seed * 1_000_003 + n), daily).items():
                merged[table].extend(rows)
        yield merged


async def seed_demo(engine: AsyncEngine, *, customers: int = 500, days: int = 90, seed: int = 7,
                    chunk: int = 2000, timezone: str = "Asia/Dhaka") -> dict[str, Any]:
    """Drop and rebuild the demo schema, load it, then index it (indexes after the load are faster). The
    operations tables (batch runs, IMD, RC/DC) are stamped in `timezone` (TIMEZONE), as CC&B keeps time."""
    started = time.perf_counter()
    indexes = [index for table in schema.metadata.tables.values() for index in table.indexes]
    async with engine.begin() as conn:
        await conn.run_sync(schema.metadata.drop_all)
        for table in schema.metadata.sorted_tables:
            await conn.run_sync(partial(_create_without_indexes, table))
    total = 0
    bulk = engine.dialect.name == "postgresql"
    for batch in chunks(customers, days, seed, chunk, daily=not bulk):
        async with engine.begin() as conn:
            for name, rows in batch.items():
                if rows:
                    await _load(conn, schema.metadata.tables[name], rows)
                    total += len(rows)
    if bulk:
        total += await _daily_bills_in_postgres(engine, customers, days, seed)
    total += await seed_operations(engine, at=datetime.now(ZoneInfo(timezone)).replace(tzinfo=None, microsecond=0),
                                   seed=seed)
    async with engine.begin() as conn:
        for index in indexes:
            await conn.execute(CreateIndex(index))
    if engine.dialect.name == "postgresql":
        # VACUUM (not only ANALYZE): it marks the freshly loaded pages all-visible, so lookups read the
        # covering indexes alone instead of visiting the table for every bill segment
        async with engine.connect() as conn:
            autocommit = await conn.execution_options(isolation_level="AUTOCOMMIT")
            await autocommit.exec_driver_sql("VACUUM ANALYZE")
            await _checkpoint(autocommit)
    return {"customers": customers, "days": days, "rows": total, "seconds": round(time.perf_counter() - started, 1)}


BATCH_HISTORY = (("BMHHS", 1000, "C", 95), ("D1-IMDLD", 2000, "C", 160), ("C1-BILLG", 3000, "C", 55),
                 ("C1-PAYUP", 4000, "E", 20))  # yesterday's runs: code, number, status, RPS
RCDC_STATUSES = (("COMPLETED", 85), ("PENDING", 5), ("FAILED", 6), ("TIMEOUT", 4))  # weights, percent


async def seed_operations(engine: AsyncEngine, *, at: datetime, seed: int = 7, pending_imd: int = 2345,
                          commands: int = 240) -> int:
    """The operations tables as CC&B has them at local time `at` (naive): yesterday's batch runs, the demo
    runs the simulator moves on (their scenario starting at `at`), IMD rows (`pending_imd` pending) and RC/DC
    commands over the last two days (`commands` in the last 24 hours). Returns the rows written."""
    rnd = random.Random(seed * 7_919)
    async with engine.begin() as conn:
        await conn.run_sync(ops_schema.metadata.drop_all)
        await conn.run_sync(ops_schema.metadata.create_all)
    runs: list[tuple[Any, ...]] = []
    threads: list[tuple[Any, ...]] = []
    for code, number, status, pace in BATCH_HISTORY:
        begin = at - timedelta(days=1, hours=rnd.randrange(0, 6))
        seconds = rnd.randrange(1800, 7200)
        runs.append((code, number, status))
        for n in range(simulator.THREADS):
            share = int(seconds * pace) // simulator.THREADS
            threads.append((code, number, n + 1, status, begin + timedelta(seconds=n),
                            begin + timedelta(seconds=seconds), share))
    imd = [(f"IMD{n:011d}", "P" if n < pending_imd else "C") for n in range(pending_imd + pending_imd // 5)]
    activity = []
    for n in range(commands + commands // 4):
        age = timedelta(seconds=rnd.randrange(0, 86_400)) if n < commands else timedelta(
            seconds=rnd.randrange(86_400 + 600, 2 * 86_400))
        status = rnd.choices([s for s, _ in RCDC_STATUSES], weights=[w for _, w in RCDC_STATUSES])[0]
        activity.append((f"ACT{n:011d}", rnd.choice(("RC", "DC")), status, at - age))
    async with engine.begin() as conn:
        for table, rows in ((ops_schema.ci_batch_run, runs), (ops_schema.ci_batch_thd, threads),
                            (ops_schema.d1_imd_ctrl, imd), (ops_schema.d1_activity, activity)):
            await _load(conn, table, rows)
    await simulator.advance(engine, at, started=at)
    return len(runs) + len(threads) + len(imd) + len(activity) + len(simulator.DEMO_RUNS) * (1 + simulator.THREADS)


async def _checkpoint(conn: AsyncConnection) -> None:
    """Write the load out before returning: otherwise the server flushes gigabytes of fresh pages while the
    first lookups run. CHECKPOINT needs a superuser or pg_checkpoint; without one, the server does it later."""
    try:
        await conn.exec_driver_sql("CHECKPOINT")
    except DBAPIError as error:
        log.warning("no CHECKPOINT after loading the demo database (%s); it is written out in the background",
                    type(error.orig).__name__)


# Rows are written customer by customer (the LATERAL dependency on n keeps n as the outer loop, the ORDER BY
# does the same for charges), as CC&B's own tables end up for an account's history: one account's 90 days sit
# in a few pages instead of 90 pages scattered over the table, which is what a lookup reads.
DAILY_SQL = (
    # one bill segment a day per customer
    """INSERT INTO ci_bseg (bseg_id, sa_id, start_dt, end_dt, bseg_stat_flg)
       SELECT 'B' || lpad(n::text, 9, '0') || lpad(d::text, 4, '0'), 'S' || lpad(n::text, 9, '0'),
              CAST(:start AS date) + d, CAST(:start AS date) + d, '50'
         FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS n
        CROSS JOIN LATERAL generate_series(0, CAST(:days AS integer) - 1 + 0 * n) AS d""",
    # its consumption: a per-customer level times a per-day factor, both from a hash of the seed (deterministic)
    """INSERT INTO ci_bseg_sq (bseg_id, uom_cd, bill_sq)
       SELECT 'B' || lpad(n::text, 9, '0') || lpad(d::text, 4, '0'), 'KWH',
              round(((3 + 9 * (abs(hashtext(n || ':level:' || CAST(:seed AS text))) % 1000) / 1000.0)
                     * (0.6 + 0.9 * (abs(hashtext(n || ':' || d || ':' || CAST(:seed AS text))) % 1000)
                        / 1000.0))::numeric, 3)
         FROM generate_series(CAST(:first AS integer), CAST(:last AS integer)) AS n
        CROSS JOIN LATERAL generate_series(0, CAST(:days AS integer) - 1 + 0 * n) AS d""",
    # and its charge, frozen the next day
    """INSERT INTO ci_ft (ft_id, sa_id, parent_id, ft_type_flg, cur_amt, ars_dt, freeze_dttm)
       SELECT 'F' || substr(b.bseg_id, 2), b.sa_id, b.bseg_id, 'BS',
              round(sq.bill_sq * CAST(:tariff AS numeric) + CAST(:demand AS numeric), 2),
              b.end_dt, CAST(b.end_dt + 1 AS timestamp)
         FROM ci_bseg b JOIN ci_bseg_sq sq ON sq.bseg_id = b.bseg_id
        WHERE b.bseg_id >= :lo AND b.bseg_id < :hi
        ORDER BY b.bseg_id""",
)


async def _daily_bills_in_postgres(engine: AsyncEngine, customers: int, days: int, seed: int) -> int:
    """Daily billing generated inside PostgreSQL: tens of millions of rows without a Python round trip each."""
    from sqlalchemy import text

    start = date.today() - timedelta(days=days)
    step = 50_000
    for first in range(0, customers, step):
        last = min(customers, first + step) - 1
        async with engine.begin() as conn:
            params = {"start": start, "first": first, "last": last, "days": days, "seed": str(seed),
                      "tariff": TARIFF, "demand": DEMAND, "lo": f"B{first:09d}", "hi": f"B{last + 1:09d}"}
            for sql in DAILY_SQL:
                statement = text(sql)
                await conn.execute(statement, {k: v for k, v in params.items() if k in statement._bindparams})
    return customers * days * 3


def _create_without_indexes(table: Table, sync_conn: Any) -> None:
    """Create a table now and its indexes after the load (bulk loads into unindexed tables are faster)."""
    saved = set(table.indexes)
    table.indexes.clear()
    try:
        table.create(sync_conn)
    finally:
        table.indexes.update(saved)


async def _load(conn: AsyncConnection, table: Table, rows: list[tuple[Any, ...]]) -> None:
    columns = [c.name for c in table.columns]
    if conn.dialect.name == "postgresql":
        raw = await conn.get_raw_connection()
        await raw.driver_connection.copy_records_to_table(table.name, records=rows, columns=columns)  # type: ignore[union-attr]
        return
    await conn.execute(table.insert(), [dict(zip(columns, row, strict=True)) for row in rows])
