"""Teams figures: 1,000 proactive cards to 1,000 conversations through the outbox and the notifier, against the
Bot Connector's 50 messages a second per tenant."""
from __future__ import annotations

import argparse
import asyncio
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from app.runtime import build
from bench.ratios import figure
from bots.teams.cards import adaptive_card
from bots.teams.channel import TeamsChannel
from core.config import Settings
from core.models import ConversationRef
from core.replies import Action, Card
from tests.fakes.bot_connector import FakeBotConnector

CEILING = 50.0  # messages a second per app and tenant (the fake enforces it)
TARGET = ">= 0.9"


def render_time(samples: int = 2000) -> float:
    card = Card("Batch BILLING-NIGHTLY is stuck", text="No progress for 42 minutes.",
                facts=[("Started", "02:10"), ("Processed", "1,20,450 of 3,00,000"), ("Owner", "ops team")],
                actions=[Action("monitor.ack", "Acknowledge", key="k" * 16)])
    started = time.perf_counter()
    for _ in range(samples):
        adaptive_card(card)
    return (time.perf_counter() - started) / samples * 1000


async def deliver(messages: int) -> dict[str, float | int]:
    """`messages` cards to as many conversations, drained through the notifier as fast as the limits allow."""
    connector = FakeBotConnector(enforce_limits=True)
    url = await connector.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{Path(tmp)}/app.db",
                            outbox_batch_size=200)
        runtime = await build(settings)
        teams = TeamsChannel(settings, runtime.dispatcher, runtime.services)
        async with runtime.database.sessions.begin() as session:
            for n in range(messages):
                cid = f"a:conversation-{n}"
                reference = {"activityId": None, "user": {"id": f"29:user-{n}", "name": f"User {n}"},
                             "bot": {"id": "28:bot", "name": "Switchboard"},
                             "conversation": {"id": cid, "conversationType": "personal"}, "channelId": "msteams",
                             "serviceUrl": url}
                session.add(ConversationRef(channel="teams", conversation_id=cid, service_url=url,
                                            tenant_id="tenant-1", reference=reference, updated_at=datetime.now(UTC)))
        outbox = runtime.services.outbox
        for n in range(messages):
            await outbox.post(channel="teams", target=f"a:conversation-{n}", kind="alert",
                              payload={"kind": "card", "title": f"Batch BILLING-{n} is stuck",
                                       "facts": [["Since", "02:10"], ["Processed", "1,20,450"]]})
        elapsed = await outbox.drain({"teams": teams.notifier})
        counts = await outbox.counts()
        await runtime.close()
    await connector.stop()
    sends = sum(1 for r in connector.received)
    sent = counts.get("sent", 0)
    return {"messages": messages, "delivered": sent, "lost": messages - sent,
            "messages_per_s": round(sent / elapsed, 1), "of_ceiling": round(sent / elapsed / CEILING, 3),
            "share_429": round(connector.throttled / max(1, sends), 4), "schema_violations": len(connector.violations)}


async def main(messages: int, repeat: int) -> None:
    runs = [await deliver(messages) for _ in range(repeat)]
    rate = figure("teams: delivery messages/s ÷ the Bot Connector's 50/s", "messages/s",
                  [r["messages_per_s"] for r in runs], CEILING, "Teams' ceiling per tenant", TARGET)
    print(json.dumps({"bench": "teams", **runs[0], "ceiling_per_s": CEILING, "runs": runs,
                      "render_ms_per_card": round(render_time(), 4), "figures": [rate]}))


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--messages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=1, help="deliveries, each to fresh conversations")
    args = parser.parse_args()
    asyncio.run(main(args.messages, args.repeat))
