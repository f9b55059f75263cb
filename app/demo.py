"""`switchboard demo`: migrate the embedded database, seed demo users and ledger entries, then serve."""
from __future__ import annotations

import asyncio
import logging
import secrets
import time
from collections.abc import Callable, Coroutine
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from app.runtime import Runtime, build
from app.serve import serve
from bots.console import address_for
from core.config import Settings
from core.nlu.dates import local_today
from core.turn import Mention, Sender

log = logging.getLogger(__name__)
DEMO_OPS_CHAT = "group:ops"  # the console group chat subscribed to batch alerts by default
DEMO_USERS = (("alice", "admin"), ("bob", "operator"), ("carol", "member"))
# (who, chat or None for private, amount, description, category, days ago, split with)
DEMO_ENTRIES = (
    ("alice", "trip", "900", "taxi to the airport", "transport", 3, ("bob", "carol")),
    ("bob", "trip", "2400", "hotel dinner", "food", 2, ("alice", "carol")),
    ("carol", "trip", "600", "museum tickets", "entertainment", 1, ("alice",)),
    ("alice", None, "450", "groceries", "groceries", 5, ()),
    ("alice", None, "1250.50", "electricity bill", "utilities", 4, ()),
    ("alice", None, "320", "lunch", "food", 1, ()),
)


async def seed(runtime: Runtime) -> bool:
    """Demo users and entries, made through the same services chat uses; False when already seeded."""
    services = runtime.services
    identity, ledger = services.identity, services.ledger
    if await identity.exists("alice"):
        return False
    actors = {name: await identity.ensure_user(name, role) for name, role in DEMO_USERS}
    today = local_today(datetime.now(UTC), runtime.settings.timezone)
    for who, chat_name, amount, description, category, days_ago, split in DEMO_ENTRIES:
        address = address_for(who, chat_name)
        _, chat = await identity.resolve(address, Sender(who, who, who))
        actor = actors[who]
        people = await identity.participants(address, [Mention(n) for n in split])
        draft = await ledger.draft(actor, chat, kind="expense", amount=ledger.checked_amount(amount),
                                   currency=runtime.settings.default_currency, description=description,
                                   category=category, occurred_on=today - timedelta(days=days_ago),
                                   participants=people)
        await ledger.confirm(draft.id, actor)
    return True


async def seed_ccb(settings: Settings) -> str:
    """A small demo CC&B database, made once; a real CC&B is never written to."""
    from sqlalchemy import inspect

    from integrations.ccb.queries import make_engine
    from integrations.ccb.seed import seed_demo, seed_operations

    if settings.ccb_database_url.startswith("oracle"):
        return "CC&B: Oracle (read-only)"
    engine = make_engine(settings.ccb_database_url, read_only=False)
    try:
        async with engine.connect() as conn:
            exists = await conn.run_sync(lambda sync: inspect(sync).has_table("ci_acct"))
        if exists:
            # a fresh batch scenario each start: the runs the simulator moves on begin now
            await seed_operations(engine, at=local_now(settings.timezone))
            return "demo CC&B database already there (batch runs restarted)"
        result = await seed_demo(engine, customers=500, days=90, timezone=settings.timezone)
        return f"demo CC&B database seeded: {result['customers']} customers x {result['days']} days"
    finally:
        await engine.dispose()


def local_now(timezone: str) -> datetime:
    """Now as CC&B keeps time: naive, local to TIMEZONE."""
    return datetime.now(ZoneInfo(timezone)).replace(tzinfo=None, microsecond=0)


def batch_simulator(settings: Settings) -> Callable[[Runtime], Coroutine[Any, Any, None]]:
    """The demo's operations: the simulator moves the demo batch runs on every few seconds (one healthy, one
    that slows, stalls and recovers) and a monitoring cycle runs every MONITOR_DEMO_SECONDS, so a report, a
    stuck alert and its recovery reach the subscribed console chat within three minutes."""
    from integrations.ccb import simulator
    from integrations.ccb.queries import make_engine

    async def run(runtime: Runtime) -> None:
        monitoring = runtime.services.monitoring
        if monitoring is None:
            return
        engine = make_engine(settings.ccb_database_url, pool_size=1, read_only=False)
        started = local_now(settings.timezone)
        every = settings.monitor_demo_seconds
        next_check = 0.0
        try:
            while True:
                await simulator.advance(engine, local_now(settings.timezone), started=started)
                if time.monotonic() >= next_check:
                    result = await monitoring.check_batches()
                    log.info("demo monitoring cycle: %d running, %d new alert(s)", len(result.batches),
                             len(result.alerts))
                    next_check = time.monotonic() + every
                await asyncio.sleep(min(5.0, every))
        except asyncio.CancelledError:
            raise
        except Exception:
            log.exception("the demo batch simulator stopped")
        finally:
            await engine.dispose()

    return run


async def demo(settings: Settings, *, host: str, port: int, seed_only: bool = False) -> int:
    ccb = await seed_ccb(settings)
    runtime = await build(settings)
    seeded = await seed(runtime)
    password = None
    if seeded:  # a random one, shown once: a known demo password would outlive the demo
        password = secrets.token_urlsafe(12)
        await runtime.services.admin.set_password("alice", password, by="demo")
    print("Switchboard demo")
    print(f"  database: {settings.database_url}  ({'seeded demo data' if seeded else 'demo data already there'})")
    print("  demo users: alice (admin), bob (operator), carol (member); group chat 'trip'")
    print(f"  {ccb}; try as bob: customer 30000005 · meter 600000035 · balance of 30000012")
    print("  chat locally:   switchboard chat --user alice --chat trip   (.venv/bin/switchboard after ./dev)")
    print("                  (try: balances · split 300 snacks with @bob · /press 1 · undo · export)")
    if not settings.ccb_database_url.startswith("oracle"):
        await runtime.services.subscriptions.add("console", DEMO_OPS_CHAT, "batch", by="demo")
        print(f"  operations: batch monitoring every {settings.monitor_demo_seconds:g} s; reports and alerts "
              f"for the console chat '{DEMO_OPS_CHAT.split(':', 1)[1]}' are printed here (📨)")
        print("                  (as bob: switchboard chat --user bob --chat ops, then: any batch stuck? · "
              "nocs balance · rcdc dashboard)")
    print(f"  admin page: http://{host}:{port}/admin/  as alice, "
          + (f"password {password}  (shown once)" if password else
             "with the password printed at the first run (new one: switchboard users set-password alice)"))
    if seed_only:
        await runtime.close()
        return 0
    print(f"  web: http://{host}:{port}/healthz  and  http://{host}:{port}/metrics   (Ctrl-C stops)")
    return await serve(settings, host=host, port=port, runtime=runtime, background=[batch_simulator(settings)])
