"""Confirmed ledger entries per second through the dispatcher (parse → preview → Save → commit), 50 users, beside
the same rows written by the bare driver at the same concurrency, interleaved."""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import threading
import time
from typing import Any

from sqlalchemy import func, select

from app.runtime import Runtime, build_services, freeze_heap, run
from bench import ledger_bare
from bench.pg import REDIS, create_database, drop_database
from bench.procs import in_processes
from bench.ratios import figure
from bots.console import turn_for
from core import db
from core.config import Settings
from core.dispatcher import Dispatcher
from core.models import Entry
from core.replies import Card
from core.store import MemoryStore, RedisStore, Store
from handlers import all_routers

WARM_UP = 2  # entries per user before the clock starts
POOL = 50  # DB_POOL_SIZE of ours, and the bare driver's pool
TARGET = ">= 0.5"  # ours ÷ the bare driver's writes


async def _runtime(url: str, store: Store, migrate: bool) -> Runtime:
    settings = Settings(_env_file=None, database_url=url, rate_limit_per_minute=1_000_000, db_pool_size=POOL)
    database = db.Database.on(db.create_engine(url, settings.db_pool_size))
    if migrate:
        await db.upgrade(database.engine)
    services = build_services(settings, database.engine, store)
    return Runtime(settings, database, store, services, Dispatcher(services, all_routers()))


def _store(backend: str, database: str) -> Store:
    return MemoryStore() if backend == "sqlite" else RedisStore(REDIS, prefix=f"sbbench:{database}:")


async def _user(runtime: Runtime, name: str, entries: int, latencies: list[float]) -> None:
    dispatcher = runtime.dispatcher
    for i in range(entries):
        started = time.perf_counter()
        replies = await dispatcher.handle(turn_for(name, None, f"spent {100 + i} tk on lunch"))
        card = replies[0]
        assert isinstance(card, Card), replies
        saved = await dispatcher.handle(turn_for(name, None, button_key=card.actions[0].key))
        assert "Saved" in getattr(saved[0], "text", ""), saved
        latencies.append(time.perf_counter() - started)


async def _worker(backend: str, url: str, database: str, names: list[str], per_user: int,
                  start: Any) -> tuple[list[float], float, float]:
    """One process's share of the users: warm up, wait for the others, then run; (latencies, start, end)."""
    runtime = await _runtime(url, _store(backend, database), migrate=False)
    try:
        for name in names:  # first contact (user provisioning) is not what we measure
            await runtime.dispatcher.handle(turn_for(name, None, "hi"))
        # nor a cold start: a running service has its connections open and its statements prepared
        await asyncio.gather(*(_user(runtime, name, WARM_UP, []) for name in names))
        await asyncio.get_running_loop().run_in_executor(None, start.wait)
        freeze_heap()  # as `serve` does once it is up
        latencies: list[float] = []
        began = time.time()
        await asyncio.gather(*(_user(runtime, name, per_user, latencies) for name in names))
        return latencies, began, time.time()
    finally:
        await runtime.close()


def _figures(latencies: list[float], elapsed: float) -> dict[str, float]:
    latencies = sorted(latencies)
    return {"entries": len(latencies), "entries_per_s": round(len(latencies) / elapsed, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 2),
            "p99_ms": round(latencies[max(0, int(len(latencies) * 0.99) - 1)] * 1000, 2)}


async def measure(backend: str, users: int, per_user: int, processes: int) -> dict[str, Any]:
    """Ours on a fresh database, then the bare driver's writes on the same database (its tables as ours left
    them), right after."""
    with tempfile.TemporaryDirectory() as tmp:
        if backend == "sqlite":
            url, database = f"sqlite+aiosqlite:///{tmp}/bench.db", ""
        else:
            database, url = await create_database()
        try:
            migrated = await _runtime(url, MemoryStore(), migrate=True)
            await migrated.close()
            names = [f"user{u}" for u in range(users)]
            shares = [names[i::processes] for i in range(processes)]
            if processes == 1:
                runs = [await _worker(backend, url, database, names, per_user, threading.Barrier(1))]
            else:
                runs = await asyncio.to_thread(in_processes, _worker,
                                               [(backend, url, database, names, per_user) for names in shares])
            ours = _figures([lat for run_latencies, _, _ in runs for lat in run_latencies],
                            max(end for _, _, end in runs) - min(began for _, began, _ in runs))
            check = await _runtime(url, _store(backend, database), migrate=False)
            async with check.database.sessions() as session:
                written = int(await session.scalar(select(func.count()).select_from(Entry)) or 0)
            await check.close()
            assert written == users * (per_user + WARM_UP), written  # every Save wrote exactly one entry
            template = await ledger_bare.template(url)
            bare_latencies, began, ended = await ledger_bare.measure(url, template, per_user, POOL)
        finally:
            if database:
                await drop_database(database)
    return {"backend": backend, "processes": processes, "users": users, **ours,
            "bare": _figures(bare_latencies, ended - began)}


async def main(users: int, per_user: int, backends: list[str], processes: list[int], repeat: int) -> None:
    configs = [(backend, count) for backend in backends for count in processes
               if backend == "postgres" or count == 1]  # SQLite has one writer: more processes only queue
    results = [await measure(backend, users, per_user, count) for _ in range(repeat) for backend, count in configs]
    figures = []
    for backend, count in configs:
        runs = [r for r in results if (r["backend"], r["processes"]) == (backend, count)]
        figures.append(figure(
            f"ledger: confirmed entries/s, {backend}, {count} process{'es' if count > 1 else ''}", "entries/s",
            [r["entries_per_s"] for r in runs], [r["bare"]["entries_per_s"] for r in runs],
            f"bare {'aiosqlite' if backend == 'sqlite' else 'asyncpg'} writes/s", TARGET))
    print(json.dumps({"bench": "ledger", "repeat": repeat, "results": results, "figures": figures}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--per-user", type=int, default=40)
    parser.add_argument("--backends", default="sqlite,postgres")
    parser.add_argument("--processes", default="1,2",
                        help="dispatcher processes sharing the users (like serve's WEB_WORKERS), comma-separated")
    parser.add_argument("--repeat", type=int, default=3, help="interleaved (ours, bare driver) pairs per setting")
    args = parser.parse_args()
    run(main(args.users, args.per_user, args.backends.split(","), [int(n) for n in args.processes.split(",")],
             args.repeat))
