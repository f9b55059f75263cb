"""`switchboard cards dump DIR`: every card the product sends, from a scripted demo conversation."""
from __future__ import annotations

import json
import tempfile
from pathlib import Path

from app.runtime import attach_lookups, build
from bots.console import turn_for
from bots.teams.cards import adaptive_card
from core.config import Settings
from core.replies import Card

# (who, chat, what they say or "/press LABEL", the card kind it produces)
SCRIPT = (
    ("alice", None, "spent 450 tk on groceries", "ledger_preview"),
    ("alice", None, "/press Change category", "category_choice"),
    ("alice", None, "/press Food", None),
    ("alice", None, "/press Save", None),
    ("alice", "trip", "split 900 taxi with @bob @carol", "split_preview"),
    ("alice", "trip", "/press Save", None),
    ("bob", "trip", "settle up with @alice", "settlement_preview"),
    ("alice", "trip", "balances", "balances"),
    ("alice", None, "received salary 50000", None),
    ("alice", None, "summary this month", "spending_summary"),
    ("alice", None, "budget food 5000 per month", None),
    ("alice", None, "budgets", "budgets"),
    ("ops", None, "customer 30000005", "customer_info"),
    ("ops", None, "/press Balance", "customer_balance"),
    ("ops", None, "/press Monthly billing", "customer_billing"),
    ("ops", None, "/press Recharge history", "customer_recharges"),
)


async def dump(directory: Path) -> list[Path]:
    """Run the script on a throw-away embedded deployment and write each card kind's Adaptive Card JSON."""
    from integrations.ccb.queries import make_engine
    from integrations.ccb.seed import seed_demo

    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    with tempfile.TemporaryDirectory() as tmp:
        ccb_url = f"sqlite+aiosqlite:///{tmp}/ccb.db"
        engine = make_engine(ccb_url, read_only=False)
        await seed_demo(engine, customers=20, days=90)
        await engine.dispose()
        settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{tmp}/app.db",
                            ccb_database_url=ccb_url)
        runtime = await build(settings)
        attach_lookups(runtime.services, settings)
        await runtime.services.identity.create_user("ops", role="operator")
        latest: dict[str, Card] = {}
        try:
            for who, chat, line, kind in SCRIPT:
                if line.startswith("/press "):
                    label = line[len("/press "):]
                    action = next(a for a in latest[who].actions if a.label == label)
                    turn = turn_for(who, chat, button_key=action.key)
                else:
                    turn = turn_for(who, chat, line)
                cards = [r for r in await runtime.dispatcher.handle(turn) if isinstance(r, Card)]
                if cards:
                    latest[who] = cards[0]
                if kind is not None:
                    if not cards:
                        raise RuntimeError(f"{line!r} produced no card")
                    path = directory / f"{kind}.json"
                    path.write_text(json.dumps(adaptive_card(cards[0]), ensure_ascii=False, indent=2))
                    written.append(path)
        finally:
            await runtime.close()
    return written
