"""Built-in leader jobs: `outbox-prune` deletes outbox messages sent more than OUTBOX_KEEP_DAYS ago, and
`alerts-sweep` wakes snoozed alerts and escalates unacknowledged critical ones (ALERT_SWEEP_SCHEDULE)."""
from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import cast

from sqlalchemy import Table, delete, select
from sqlalchemy.ext.asyncio import AsyncEngine

from core.context import Services
from core.db import Database
from core.models import OutboxMessage
from scheduler.jobs import JobRegistry

_outbox = cast(Table, OutboxMessage.__table__)
PRUNE_BATCH = 5000


async def prune_outbox(engine: AsyncEngine, keep_days: int, now: datetime) -> str:
    """Delete sent (and superseded) messages older than `keep_days`, in batches so that no transaction holds
    the table long."""
    cutoff = now.astimezone(UTC) - timedelta(days=keep_days)
    total = 0
    while True:
        done = ((_outbox.c.status == "sent") & (_outbox.c.sent_at < cutoff)) | (
            (_outbox.c.status == "skipped") & (_outbox.c.created_at < cutoff))
        oldest = select(_outbox.c.id).where(done).limit(PRUNE_BATCH)
        async with engine.begin() as conn:
            deleted = (await conn.execute(delete(_outbox).where(_outbox.c.id.in_(oldest)))).rowcount
        total += deleted
        if deleted < PRUNE_BATCH:
            return f"deleted {total} outbox message(s) sent before {cutoff:%Y-%m-%d %H:%M} UTC"


def register_builtin(services: Services, database: Database, jobs: JobRegistry,
                     clock: Callable[[], datetime] = lambda: datetime.now(UTC)) -> None:
    settings = services.settings

    async def outbox_prune() -> str:
        return await prune_outbox(database.engine, settings.outbox_keep_days, clock())

    jobs.register("outbox-prune", settings.outbox_prune_schedule, outbox_prune)
    jobs.register("alerts-sweep", settings.alert_sweep_schedule, services.alerts.sweep)
