"""Customer lookup figures on PostgreSQL: seed time, then full lookups (queries, aggregation, card) at 1 and 20
users, the 20 interleaved with the same SQL run bare through asyncpg."""
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
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from app.runtime import Runtime, build, freeze_heap, run
from bench import lookup_bare
from bench.cpu import CpuSample
from bench.pg import prewarm, scratch_database
from bench.procs import in_processes
from bench.ratios import figure
from bots.console import turn_for
from core import logs
from core.config import Settings
from core.context import Context
from handlers.lookup import card
from integrations.ccb.queries import make_engine
from integrations.ccb.seed import account_id, meter_no, seed_demo


async def lookups(ctx: Context, customers: int, users: int, per_user: int,
                  first_user: int = 0) -> tuple[list[float], float, float]:
    """(latencies, start, end) of `users` people doing `per_user` full lookups each, back to back."""
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

    started = time.time()
    await asyncio.gather(*(user(n) for n in range(first_user, first_user + users)))
    return latencies, started, time.time()


def figures(users: int, runs: list[tuple[list[float], float, float]]) -> dict[str, float]:
    latencies = sorted(lat for run, _, _ in runs for lat in run)
    elapsed = max(end for _, _, end in runs) - min(start for _, start, _ in runs)
    return {"users": users, "processes": len(runs), "lookups": len(latencies),
            "lookups_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 2),
            "p99_ms": round(latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000, 2)}


async def _serving(url: str, tmp: str, pool: int) -> tuple[Runtime, Context]:
    """A warmed-up service, as a running `serve` process would be: logging as LOG_LEVEL says (every query
    is an INFO line), every pooled connection has its statements prepared, heap frozen."""
    settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{Path(tmp)}/app.db",
                        ccb_database_url=url, ccb_pool_size=pool)
    logs.configure(settings.log_level, settings.log_json, settings.secret_values())
    runtime = await build(settings)
    ctx = Context(turn=turn_for("bench", None), services=runtime.services)
    await lookups(ctx, 1000, max(20, pool // 3), 5)
    freeze_heap()
    return runtime, ctx


async def _share(url: str, pool: int, customers: int, first_user: int, users: int, per_user: int,
                 start: Any) -> tuple[list[float], float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        runtime, ctx = await _serving(url, tmp, pool)
        await asyncio.get_running_loop().run_in_executor(None, start.wait)
        try:
            return await lookups(ctx, customers, users, per_user, first_user)
        finally:
            await runtime.close()


TARGET = ">= 0.6"  # ours ÷ the bare SQL, lookups a second at 20 users


def _since(ctx: Context) -> tuple[date, int]:
    """The first month a lookup's billing query asks for, and how many recharges: what the service asks."""
    service = ctx.services.lookups
    months, rows = service._months, service._recharge_rows  # type: ignore[union-attr]
    today = datetime.now(UTC).date()
    back = today.year * 12 + today.month - 1 - (months - 1)
    return date(back // 12, back % 12 + 1, 1), rows


async def main(customers: int, days: int, keep: bool, reuse: str | None, processes: list[int], pool: int,
               repeat: int) -> None:
    async with contextlib.AsyncExitStack() as stack:
        seeded: dict[str, Any]
        if reuse:  # a database an earlier `--keep` run seeded with the same --customers
            url, seeded = reuse, {"customers": customers, "days": days, "reused": True}
        else:
            url = await stack.enter_async_context(scratch_database("sb_ccb_bench", keep=keep))
            engine = make_engine(url, read_only=False)
            seeded = await seed_demo(engine, customers=customers, days=days)
            await engine.dispose()
            if keep:
                print(f"kept {url}", file=sys.stderr)
        seeded.update(await prewarm(url))
        with tempfile.TemporaryDirectory() as tmp:
            runtime, ctx = await _serving(url, tmp, pool)
            one = figures(1, [await lookups(ctx, customers, 1, 200)])
            since, rows = _since(ctx)
            ours, bare = [], []
            for _ in range(repeat):  # interleaved: ours, then the bare SQL, and again
                before = CpuSample.now()
                ours.append(figures(20, [await lookups(ctx, customers, 20, 50)]))
                ours[-1].update(before.per_operation(CpuSample.now(), 20 * 50))
                bare.append(figures(20, [await lookup_bare.lookups(url, customers, 20, 50, pool, since, rows)]))
            await runtime.close()
        twenty = [ours[0]]
        for count in processes[1:]:
            size = 20 // count
            twenty.append(figures(20, await asyncio.to_thread(
                in_processes, _share, [(url, pool, customers, n * size, size, 50) for n in range(count)])))
        rates = [f["lookups_per_s"] for f in ours]
        print(json.dumps({"bench": "lookup", "seed": seeded, "ccb_pool_size": pool, "one_user": one,
                          "twenty_users": twenty, "repeats": {"ours": ours, "bare_sql": bare}, "figures": [
                              figure("lookup: 20 users, lookups/s, 1 process", "lookups/s", rates,
                                     [f["lookups_per_s"] for f in bare], "the 3 SQL files bare, asyncpg", TARGET),
                              figure("lookup: 20 users, p99", "ms", [f["p99_ms"] for f in ours], target="<= 100")]}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=300_000)
    parser.add_argument("--days", type=int, default=90)
    parser.add_argument("--keep", action="store_true", help="keep the database afterwards")
    parser.add_argument("--reuse", metavar="URL", help="skip seeding: run on a database kept by --keep")
    parser.add_argument("--processes", default="1,2",
                        help="serving processes the 20 users are split over (serve's WEB_WORKERS); 1 comes first")
    parser.add_argument("--pool", type=int, default=Settings.model_fields["ccb_pool_size"].default,
                        help="CCB_POOL_SIZE of each serving process (default: the setting's default)")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved (ours, bare SQL) pairs at 20 users")
    args = parser.parse_args()
    run(main(args.customers, args.days, args.keep, args.reuse,
             sorted({1, *(int(n) for n in args.processes.split(","))}), args.pool, args.repeat))
