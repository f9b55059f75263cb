"""Teams figures: 1,000 proactive cards to 1,000 conversations through the outbox and the notifier."""
from __future__ import annotations

import asyncio
import json
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from app.runtime import build
from bots.teams.cards import adaptive_card
from bots.teams.channel import TeamsChannel
from core.config import Settings
from core.models import ConversationRef
from core.replies import Action, Card
from tests.fakes.bot_connector import FakeBotConnector

MESSAGES = 1000


def render_time(samples: int = 2000) -> float:
    card = Card("Batch BILLING-NIGHTLY is stuck", text="No progress for 42 minutes.",
                facts=[("Started", "02:10"), ("Processed", "1,20,450 of 3,00,000"), ("Owner", "ops team")],
                actions=[Action("monitor.ack", "Acknowledge", key="k" * 16)])
    started = time.perf_counter()
    for _ in range(samples):
        adaptive_card(card)
    return (time.perf_counter() - started) / samples * 1000


async def main() -> None:
    connector = FakeBotConnector(enforce_limits=True)
    url = await connector.start()
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(_env_file=None, database_url=f"sqlite+aiosqlite:///{Path(tmp)}/app.db",
                            outbox_batch_size=200)
        runtime = await build(settings)
        teams = TeamsChannel(settings, runtime.dispatcher, runtime.services)
        async with runtime.database.sessions.begin() as session:
            for n in range(MESSAGES):
                cid = f"a:conversation-{n}"
                reference = {"activityId": None, "user": {"id": f"29:user-{n}", "name": f"User {n}"},
                             "bot": {"id": "28:bot", "name": "Switchboard"},
                             "conversation": {"id": cid, "conversationType": "personal"}, "channelId": "msteams",
                             "serviceUrl": url}
                session.add(ConversationRef(channel="teams", conversation_id=cid, service_url=url,
                                            tenant_id="tenant-1", reference=reference, updated_at=datetime.now(UTC)))
        outbox = runtime.services.outbox
        for n in range(MESSAGES):
            await outbox.post(channel="teams", target=f"a:conversation-{n}", kind="alert",
                              payload={"kind": "card", "title": f"Batch BILLING-{n} is stuck",
                                       "facts": [["Since", "02:10"], ["Processed", "1,20,450"]]})
        elapsed = await outbox.drain({"teams": teams.notifier})
        counts = await outbox.counts()
        await runtime.close()
    await connector.stop()
    sends = sum(1 for r in connector.received)
    sent = counts.get("sent", 0)
    print(json.dumps({"bench": "teams", "messages": MESSAGES, "delivered": sent, "lost": MESSAGES - sent,
                      "messages_per_s": round(sent / elapsed, 1),
                      "share_429": round(connector.throttled / max(1, sends), 4),
                      "schema_violations": len(connector.violations), "render_ms_per_card": round(render_time(), 4)}))


if __name__ == "__main__":
    asyncio.run(main())
