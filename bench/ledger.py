"""Confirmed ledger entries per second through the dispatcher (parse → preview → Save → commit), 50 users."""
from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import tempfile
import time
from pathlib import Path

from sqlalchemy import func, select

from app.runtime import Runtime, build_services
from bench.pg import REDIS, create_database, drop_database
from bots.console import turn_for
from core import db
from core.config import Settings
from core.dispatcher import Dispatcher
from core.models import Entry
from core.replies import Card
from core.store import MemoryStore, RedisStore, Store
from handlers import all_routers


async def _runtime(backend: str, workdir: Path) -> tuple[Runtime, str | None]:
    store: Store
    dropper = None
    if backend == "sqlite":
        url = f"sqlite+aiosqlite:///{workdir}/bench.db"
        store = MemoryStore()
    else:
        name, url = await create_database()
        store = RedisStore(REDIS, prefix=f"sbbench:{name}:")
        dropper = name
    settings = Settings(_env_file=None, database_url=url, rate_limit_per_minute=1_000_000,
                        db_pool_size=50)
    engine = db.create_engine(url, settings.db_pool_size)
    await db.upgrade(engine)
    services = build_services(settings, engine, store)
    return Runtime(settings, engine, store, services, Dispatcher(services, all_routers())), dropper


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


async def run(backend: str, users: int, per_user: int) -> dict[str, object]:
    with tempfile.TemporaryDirectory() as tmp:
        runtime, database = await _runtime(backend, Path(tmp))
        try:
            for u in range(users):  # first contact (user provisioning) is not what we measure
                await runtime.dispatcher.handle(turn_for(f"user{u}", None, "hi"))
            latencies: list[float] = []
            started = time.perf_counter()
            await asyncio.gather(*(_user(runtime, f"user{u}", per_user, latencies) for u in range(users)))
            elapsed = time.perf_counter() - started
            async with runtime.services.sessions() as session:
                written = int(await session.scalar(select(func.count()).select_from(Entry)) or 0)
        finally:
            await runtime.close()
            if database:
                await drop_database(database)
    latencies.sort()
    return {"backend": backend, "users": users, "entries": written,
            "entries_per_s": round(written / elapsed, 1),
            "p50_ms": round(statistics.median(latencies) * 1000, 2),
            "p99_ms": round(latencies[int(len(latencies) * 0.99) - 1] * 1000, 2)}


async def main(users: int, per_user: int, backends: list[str]) -> None:
    results = [await run(backend, users, per_user) for backend in backends]
    print(json.dumps({"bench": "ledger", "results": results}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--per-user", type=int, default=40)
    parser.add_argument("--backends", default="sqlite,postgres")
    args = parser.parse_args()
    asyncio.run(main(args.users, args.per_user, args.backends.split(",")))
