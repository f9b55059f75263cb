"""Background jobs (APScheduler 3): the outbox delivery worker, run in-process or alone (`switchboard worker`)."""
from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from core.services.outbox import Notifier, Outbox

log = logging.getLogger(__name__)


async def deliver_once(outbox: Outbox, notifiers: dict[str, Notifier]) -> None:
    if not notifiers:
        return
    try:
        report = await outbox.deliver_due(notifiers)
    except Exception:  # the database may be down for a moment: the next tick tries again
        log.exception("outbox delivery pass failed")
        return
    if report.sent or report.retried or report.dead:
        log.info("outbox: %d sent, %d to retry, %d dead", report.sent, report.retried, report.dead)


def start(outbox: Outbox, notifiers: dict[str, Notifier], poll_seconds: float) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(deliver_once, "interval", seconds=poll_seconds, args=[outbox, notifiers],
                      id="outbox-delivery", max_instances=1, coalesce=True)
    scheduler.start()
    return scheduler
