"""Customer lookup figures on PostgreSQL: seed time, then full lookups (queries, aggregation, card) at 1 and 20."""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from app.runtime import build, freeze_heap
from bench.pg import scratch_database
from bots.console import turn_for
from core.config import Settings
from core.context import Context
from handlers.lookup import card
from integrations.ccb.queries import make_engine
from integrations.ccb.seed import account_id, meter_no, seed_demo


async def lookups(ctx: Context, customers: int, users: int, per_user: int) -> dict[str, float]:
    service = ctx.services.lookups
    assert service is not None
    today = datetime.now(UTC).date()
    latencies: list[float] = []

    async def user(n: int) -> None:
        rnd = random.Random(n)
        for i in range(per_user):
            who = rnd.randrange(customers)
            query, by = (account_id(who), "customer") if i % 3 else (meter_no(who), "auto")
            started = time.perf_counter()
            found = await service.search(f"bench:{n}", query, by, user=f"bench{n}", today=today)
            card(ctx, found, "lookup.info")
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(user(n) for n in range(users)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {"users": users, "lookups": len(latencies), "lookups_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 2),
            "p99_ms": round(latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000, 2)}


async def main(customers: int, days: int, keep: bool, reuse: str | None) -> None:
    async with contextlib.AsyncExitStack() as stack:
        if reuse:  # a database an earlier `--keep` run seeded with the same --customers
            url, seeded = reuse, {"customers": customers, "days": days, "reused": True}
        else:
            url = await stack.enter_async_context(scratch_database("sb_ccb_bench", keep=keep))
            engine = make_engine(url, read_only=False)
            seeded = await seed_demo(engine, customers=customers, days=days)
            await engine.dispose()
            if keep:
                print(f"kept {url}", file=sys.stderr)
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{Path(tmp)}/app.db",
                                ccb_database_url=url, ccb_pool_size=60)
            runtime = await build(settings)
            ctx = Context(turn=turn_for("bench", None), services=runtime.services)
            await lookups(ctx, customers, 20, 5)  # warm-up: a running service has its pool and plans ready
            freeze_heap()  # as `serve` does once it is up
            one = await lookups(ctx, customers, 1, 200)
            twenty = await lookups(ctx, customers, 20, 50)
            await runtime.close()
        print(json.dumps({"bench": "lookup", "seed": seeded, "one_user": one, "twenty_users": twenty}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=300_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", metavar="URL", help="skip seeding: run on a database kept by --keep")
    args = parser.parse_args()
    asyncio.run(main(args.customers, args.days, args.keep, args.reuse))
