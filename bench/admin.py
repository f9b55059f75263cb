"""Admin page figures on PostgreSQL: each page's time at N concurrent signed-in sessions, the NOCS customer payoff
page of the largest area and its Excel export, and the live feed's delay from a chat turn to the browser."""
from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import sys
import time
from datetime import UTC, date, datetime, timedelta
from typing import Any

import aiohttp
from aiohttp import web
from sqlalchemy import insert, text

from app.runtime import build, run
from bench.pg import prewarm, scratch_database
from bench.ratios import figure
from bots.console import turn_for
from core.config import Settings
from core.models import Entry
from integrations.ccb.queries import make_engine
from integrations.ccb.seed import seed_demo
from web.app import create_app

PASSWORD = "bench horse battery staple 42"
PAGES = ("/admin/", "/admin/alerts", "/admin/jobs", "/admin/reports", "/admin/reports/nocs", "/admin/users",
         "/admin/subscriptions", "/admin/audit", "/admin/outbox", "/admin/ai", "/admin/ledger", "/admin/settings")


def _spread(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered) * 1000, 1),
            "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 1),
            "max_ms": round(ordered[-1] * 1000, 1)}


async def signed_in(base: str) -> aiohttp.ClientSession:
    http = aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    async with http.get(f"{base}/admin/login") as response:
        token = re.search(r'name="csrf_token" value="([^"]+)"', await response.text())
    assert token is not None
    async with http.post(f"{base}/admin/login", allow_redirects=False, data={
            "username": "ada", "password": PASSWORD, "csrf_token": token.group(1), "next": "/admin/"}) as response:
        assert response.status == 303, response.status
    return http


async def timed(http: aiohttp.ClientSession, url: str) -> tuple[float, int, int]:
    started = time.perf_counter()
    async with http.get(url) as response:
        body = await response.read()
    return time.perf_counter() - started, response.status, len(body)


def server_time(response: aiohttp.ClientResponse) -> float:
    """The page's own time as the server reports it (`Server-Timing: app;dur=MS`), in seconds."""
    found = re.search(r"app;dur=([\d.]+)", response.headers.get("Server-Timing", ""))
    return float(found.group(1)) / 1000 if found else float("nan")


async def browse_all(base: str, sessions: int, rounds: int) -> dict[str, Any]:
    """`sessions` signed-in admins, each opening every page `rounds` times one after another, all at once: each
    page's time as this client saw it and as the server reported it."""
    clients = [await signed_in(base) for _ in range(sessions)]
    seen: dict[str, list[float]] = {page: [] for page in PAGES}
    served: dict[str, list[float]] = {page: [] for page in PAGES}
    failures = 0

    async def browse(http: aiohttp.ClientSession) -> None:
        nonlocal failures
        for _ in range(rounds):
            for page in PAGES:
                started = time.perf_counter()
                async with http.get(base + page) as response:
                    await response.read()
                seen[page].append(time.perf_counter() - started)
                served[page].append(server_time(response))
                failures += response.status != 200

    await asyncio.gather(*(browse(http) for http in clients))
    for http in clients:
        await http.close()
    return {"seen": seen, "served": served, "failures": failures}


async def browse_elsewhere(base: str, sessions: int, rounds: int) -> dict[str, Any]:
    """`browse_all` in a process of its own, so that ten clients' work is not done on the server's event loop."""
    child = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bench.admin", "--browse", base, "--sessions", str(sessions), "--rounds", str(rounds),
        stdout=asyncio.subprocess.PIPE)
    out, _ = await child.communicate()
    if child.returncode != 0:
        raise RuntimeError(f"the browsing client failed ({child.returncode})")
    return dict(json.loads(out))


async def ledger_entries(runtime: Any, count: int) -> None:
    """`count` saved entries over a year in 20 group chats, written in bulk (the ledger's own path is measured by
    bench.ledger; here they are what the ledger page filters and totals)."""
    identity = runtime.services.identity
    chats = []
    for n in range(20):
        actor, chat = await identity.resolve(turn_for(f"user{n}", f"flat{n}").address,
                                             turn_for(f"user{n}", f"flat{n}").sender)
        chats.append((actor.id, chat.id))
    today, now = date.today(), datetime.now(UTC)
    rows = [{"chat_id": chats[n % 20][1], "user_id": chats[n % 20][0], "recorded_by": chats[n % 20][0],
             "draft_id": None, "kind": "expense", "amount_minor": 1000 + n % 50_000, "currency": "BDT",
             "description": f"item {n}", "category": ("food", "transport", "bills", "other")[n % 4],
             "occurred_on": today - timedelta(days=n % 365), "created_at": now, "voided_at": None,
             "voided_by": None} for n in range(count)]
    async with runtime.engine.begin() as conn:
        for start in range(0, count, 5000):
            await conn.execute(insert(Entry), rows[start:start + 5000])
    if runtime.engine.dialect.name == "postgresql":
        # a ledger that grew to 100,000 entries has been analysed by autovacuum long since; one loaded in bulk
        # a second ago has not, and its planner would sort the whole table believing it holds a few thousand
        async with runtime.engine.begin() as conn:
            await conn.execute(text("ANALYZE entries"))


async def main(customers: int, days: int, entries: int, sessions: int, rounds: int) -> None:
    async with scratch_database("sb_ccb_admin") as ccb_url, scratch_database("sb_app_admin") as app_url:
        engine = make_engine(ccb_url, read_only=False)
        seeded = await seed_demo(engine, customers=customers, days=days)
        await engine.dispose()
        seeded.update(await prewarm(ccb_url))
        settings = Settings(_env_file=None, database_url=app_url, ccb_database_url=ccb_url, log_level="WARNING",
                            rate_limit_per_minute=1_000_000)
        runtime = await build(settings)
        try:
            assert runtime.services.monitoring is not None
            refresh_started = time.perf_counter()
            await runtime.services.monitoring.refresh_nocs_cache()  # the summary and the payoff copy of every area
            refresh_s = time.perf_counter() - refresh_started
            snapshot = await runtime.services.monitoring.nocs.snapshot()
            assert snapshot is not None
            area = max(snapshot.areas, key=lambda a: a.customers)
            await ledger_entries(runtime, entries)
            await runtime.services.identity.create_user("ada", "admin")
            await runtime.services.admin.set_password("ada", PASSWORD)
            runner = web.AppRunner(create_app(runtime.services, runtime.database), access_log=None)
            await runner.setup()
            site = web.TCPSite(runner, "127.0.0.1", 0)
            await site.start()
            port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
            base = f"http://127.0.0.1:{port}"
            browsed = await browse_elsewhere(base, sessions, rounds)
            times, served, failures = browsed["seen"], browsed["served"], browsed["failures"]
            every = [t for page in PAGES for t in times[page]]
            every_served = [t for page in PAGES for t in served[page]]
            clients = [await signed_in(base)]
            last = -(-area.customers // 50)
            payoff = [await timed(clients[0], f"{base}/admin/reports/payoff?nocs={area.nocs}&page={n}{order}")
                      for n in (1, 2, 3, last // 2, last) for order in ("", "&sort=customer_name&dir=asc")]
            searched = await timed(clients[0], f"{base}/admin/reports/payoff?nocs={area.nocs}&q=road+1")
            export = await timed(clients[0], f"{base}/admin/reports/payoff.xlsx?nocs={area.nocs}")
            delays = [await feed_delay(clients[0], base, runtime) for _ in range(5)]
            for http in clients:
                await http.close()
            await runner.cleanup()
        finally:
            await runtime.close()
        print(json.dumps({
            "bench": "admin", "seed": seeded, "ledger_entries": entries, "sessions": sessions, "rounds": rounds,
            "pages": {"all": _spread(every), **{page: _spread(times[page]) for page in PAGES}},
            "server_time": {"all": _spread(every_served), **{page: _spread(served[page]) for page in PAGES}},
            "non_200": failures,
            "payoff": {"nocs": area.nocs, "customers": area.customers, "pages": _spread([p[0] for p in payoff]),
                       "search_ms": round(searched[0] * 1000, 1),
                       "export_s": round(export[0], 2), "export_bytes": export[2], "export_status": export[1]},
            "feed_delay": _spread(delays), "nocs_refresh_s": round(refresh_s, 2),
            # no same-run baseline: a page's own SQL run bare would be one (not built yet); absolute targets here
            "figures": [figure(f"admin: p95 server time over all pages, {sessions} sessions", "ms",
                               [_spread(every_served)["p95_ms"]], target="<= 100"),
                        figure(f"admin: p95 over all pages as the client saw them, {sessions} sessions", "ms",
                               [_spread(every)["p95_ms"]]),
                        figure("admin: NOCS payoff page, p95", "ms", [_spread([p[0] for p in payoff])["p95_ms"]],
                               target="<= 200"),
                        figure("admin: NOCS payoff Excel export", "s", [export[0]], target="<= 5"),
                        figure("admin: live feed delay, p50", "ms", [_spread(delays)["p50_ms"]], target="<= 1000")]}))


async def feed_delay(http: aiohttp.ClientSession, base: str, runtime: Any) -> float:
    """Seconds from a chat turn's end to its line on the live feed's stream."""
    async with http.get(f"{base}/admin/feed", timeout=aiohttp.ClientTimeout(total=30)) as stream:
        await asyncio.sleep(0.6)  # the stream has read where the feed stands
        await runtime.dispatcher.handle(turn_for("feeder", "feed-room", "balances"))
        ended = time.perf_counter()
        while True:
            line = (await stream.content.readline()).decode()
            if line.startswith("data: ") and "feeder" in line:
                return time.perf_counter() - ended


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--customers", type=int, default=20_000)
    parser.add_argument("--days", type=int, default=7)
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--sessions", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--browse", metavar="BASE_URL", help="only browse a running server (the client process)")
    args = parser.parse_args()
    if args.browse:
        print(json.dumps(asyncio.run(browse_all(args.browse, args.sessions, args.rounds))))
    else:
        run(main(args.customers, args.days, args.entries, args.sessions, args.rounds))
