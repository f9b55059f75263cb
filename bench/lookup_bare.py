"""bench.lookup's baseline: the three CC&B SQL files run bare through asyncpg, in the order a lookup runs them,
by the same people asking for the same customers at the same concurrency on a pool of the same size."""
from __future__ import annotations

import asyncio
import random
import time
from datetime import date
from typing import Any

import asyncpg

from integrations.ccb.queries import CcbQueries, make_engine
from integrations.ccb.seed import account_id, meter_no

SERVER_SETTINGS = {"default_transaction_read_only": "on", "plan_cache_mode": "force_generic_plan"}


async def statements(url: str) -> dict[str, tuple[str, tuple[str, ...]]]:
    """Each query file as asyncpg takes it ($n placeholders) and its bind names in placeholder order."""
    engine = make_engine(url)
    try:
        compiled = CcbQueries(engine)._statements
    finally:
        await engine.dispose()
    return {name: (s.sql, s.order or ()) for name, s in compiled.items()}


async def lookups(url: str, customers: int, users: int, per_user: int, pool: int, since: date,
                  recharge_rows: int) -> tuple[list[float], float, float]:
    """(latencies, start, end): as `bench.lookup.lookups`, the same random customers, with no service, cache,
    aggregation or card: a customer id's three queries at once, a meter number's details first."""
    sql = await statements(url)
    connections = await asyncpg.create_pool(url.replace("postgresql+asyncpg://", "postgresql://"), min_size=pool,
                                            max_size=pool, server_settings=SERVER_SETTINGS)

    async def fetch(name: str, **binds: Any) -> list[Any]:
        text, order = sql[name]
        return await connections.fetch(text, *(binds[key] for key in order))

    async def one(query: str, by: str) -> None:
        details = {"customer_id": query if by in ("customer", "auto") else None,
                   "meter_no": query if by in ("meter", "auto") else None}
        if by == "customer":
            await asyncio.gather(fetch("customer_details_search", **details),
                                 fetch("customer_billing_details", acct_id=query, since=since),
                                 fetch("customer_recharge_history", acct_id=query, max_rows=recharge_rows))
            return
        found = await fetch("customer_details_search", **details)
        acct = str(found[0]["acct_id"]).strip()
        await asyncio.gather(fetch("customer_billing_details", acct_id=acct, since=since),
                             fetch("customer_recharge_history", acct_id=acct, max_rows=recharge_rows))

    latencies: list[float] = []

    async def user(n: int, count: int, record: bool) -> None:
        rnd = random.Random(n)
        for i in range(count):
            who = rnd.randrange(customers)
            started = time.perf_counter()
            await one(*((account_id(who), "customer") if i % 3 else (meter_no(who), "auto")))
            if record:
                latencies.append(time.perf_counter() - started)

    try:
        await asyncio.gather(*(user(1000 + n, 5, False) for n in range(max(users, pool))))  # statements prepared
        started = time.time()
        await asyncio.gather(*(user(n, per_user, True) for n in range(users)))
        return latencies, started, time.time()
    finally:
        await connections.close()
