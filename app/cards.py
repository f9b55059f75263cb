"""`switchboard cards dump DIR`: every card the product sends, from a scripted demo conversation."""
from __future__ import annotations

import json
import tempfile
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncEngine

from app.monitor_cli import attach_monitoring, monitoring_for
from app.runtime import Runtime, attach_lookups, build
from bots.console import turn_for
from bots.teams.cards import adaptive_card
from core.config import Settings
from core.replies import Card
from core.services.monitoring import Monitoring
from core.turn import Turn

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
    # "monitor" is the scheduler: a batch-monitoring cycle that many seconds into the demo batch scenario (the
    # simulator moves the runs on first; the card is the first alert it raises), one while CC&B is down, or the
    # hourly NOCS refresh
    ("monitor", None, "unreachable", "billing_unreachable"),
    ("monitor", None, "+0", "batch_warning"),
    ("monitor", None, "+30", None),
    ("monitor", None, "+60", None),
    ("monitor", None, "+90", "batch_stuck"),
    ("monitor", None, "+180", "batch_recovered"),
    ("monitor", None, "nocs", None),
    ("ops", None, "any batch stuck?", "batch_report"),
    ("ops", None, "open alerts", "alert_open"),
    ("ops", None, "/press Ack", "alert_acknowledged"),
    ("ops", None, "nocs balance", "nocs_balance"),
    ("ops", None, "nocs balance for Mirpur", "nocs_area"),
    ("ops", None, "RC/DC dashboard", "rcdc_dashboard"),
)


async def _monitor(line: str, monitoring: Monitoring, down: Monitoring, ccb: AsyncEngine, scenario: datetime,
                   settings: Settings) -> list[Card]:
    """One scheduled monitoring step of the script, and the alert cards it raised."""
    from core.services.monitoring_cards import alert_card, card_style
    from integrations.ccb.simulator import advance

    if line == "nocs":
        await monitoring.refresh_nocs_cache()
        return []
    zone = ZoneInfo(settings.timezone)
    if line == "unreachable":
        result = await down.check_batches((scenario - timedelta(minutes=1)).replace(tzinfo=zone))
    else:
        at = scenario + timedelta(seconds=int(line))
        await advance(ccb, at, started=scenario)
        result = await monitoring.check_batches(at.replace(tzinfo=zone))
    return [alert_card(alert, card_style(settings)) for alert in result.alerts]


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
        monitoring = attach_monitoring(runtime.services, runtime.database, settings)
        down = _unreachable(settings, runtime)
        ccb = make_engine(ccb_url, read_only=False)
        scenario = datetime.now(ZoneInfo(settings.timezone)).replace(tzinfo=None, microsecond=0)
        await runtime.services.identity.create_user("ops", role="operator")
        latest: dict[str, Card] = {}
        try:
            for who, chat, line, kind in SCRIPT:
                if who == "monitor":
                    cards = await _monitor(line, monitoring, down, ccb, scenario, settings)
                elif line.startswith("/press "):
                    label = line[len("/press "):]
                    action = next(a for a in latest[who].actions if a.label == label)
                    cards = await _cards(runtime, turn_for(who, chat, button_key=action.key))
                else:
                    cards = await _cards(runtime, turn_for(who, chat, line))
                if cards:
                    latest[who] = cards[0]
                if kind is not None:
                    if not cards:
                        raise RuntimeError(f"{line!r} produced no card")
                    path = directory / f"{kind}.json"
                    path.write_text(json.dumps(adaptive_card(cards[0]), ensure_ascii=False, indent=2))
                    written.append(path)
        finally:
            await ccb.dispose()
            await monitoring.close()
            await down.close()
            await runtime.close()
    return written


async def _cards(runtime: Runtime, turn: Turn) -> list[Card]:
    return [r for r in await runtime.dispatcher.handle(turn) if isinstance(r, Card)]


def _unreachable(settings: Settings, runtime: Runtime) -> Monitoring:
    """Monitoring of the same deployment on a CC&B that refuses connections (nothing listens on port 9)."""
    from integrations.ccb.operations import CcbOperations, OperationsQueries
    from integrations.ccb.queries import make_engine

    engine = make_engine("postgresql+asyncpg://ccb@127.0.0.1:9/ccb", pool_size=1, connect_timeout=2)
    source = CcbOperations(OperationsQueries(engine), timezone=settings.timezone)
    return monitoring_for(settings, runtime.database.sessions, source, closers=[engine.dispose])
