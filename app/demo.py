"""`switchboard demo`: migrate the embedded database, seed demo users and ledger entries, then serve."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

from app.runtime import Runtime, build
from app.serve import serve
from bots.console import address_for
from core.config import Settings
from core.nlu.dates import local_today
from core.turn import Mention, Sender

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
        people = await identity.participants(address.channel, [Mention(n) for n in split])
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
    from integrations.ccb.seed import seed_demo

    if settings.ccb_database_url.startswith("oracle"):
        return "CC&B: Oracle (read-only)"
    engine = make_engine(settings.ccb_database_url, read_only=False)
    try:
        async with engine.connect() as conn:
            exists = await conn.run_sync(lambda sync: inspect(sync).has_table("ci_acct"))
        if exists:
            return "demo CC&B database already there"
        result = await seed_demo(engine, customers=500, days=90)
        return f"demo CC&B database seeded: {result['customers']} customers x {result['days']} days"
    finally:
        await engine.dispose()


async def demo(settings: Settings, *, host: str, port: int, seed_only: bool = False) -> int:
    ccb = await seed_ccb(settings)
    runtime = await build(settings)
    seeded = await seed(runtime)
    print("Switchboard demo")
    print(f"  database: {settings.database_url}  ({'seeded demo data' if seeded else 'demo data already there'})")
    print("  demo users: alice (admin), bob (operator), carol (member); group chat 'trip'")
    print(f"  {ccb}; try as bob: customer 30000005 · meter 600000035 · balance of 30000012")
    print("  chat locally:   switchboard chat --user alice --chat trip   (.venv/bin/switchboard after ./dev)")
    print("                  (try: balances · split 300 snacks with @bob · /press 1 · undo · export)")
    if seed_only:
        await runtime.close()
        return 0
    print(f"  web: http://{host}:{port}/healthz  and  http://{host}:{port}/metrics   (Ctrl-C stops)")
    return await serve(settings, host=host, port=port, runtime=runtime)
