"""Background jobs (APScheduler 3): the outbox delivery worker, run in-process or alone (`switchboard worker`)."""
from __future__ import annotations

import logging

from apscheduler.schedulers.asyncio import AsyncIOScheduler

from core.services.outbox import Notifier, Outbox
from core.services.turns import TurnJournal

log = logging.getLogger(__name__)


async def deliver_once(outbox: Outbox, notifiers: dict[str, Notifier], *, within: float = 60.0) -> None:
    """Deliver what is due: pass after pass while passes come back full (a fan-out of a thousand copies does not
    wait a poll interval per batch), for at most `within` seconds; then the next tick goes on."""
    if not notifiers:
        return
    try:
        report = await outbox.deliver_due(notifiers, within=within)
    except Exception:  # the database may be down for a moment: the next tick tries again
        log.exception("outbox delivery pass failed")
        return
    if report.sent or report.retried or report.dead:
        log.info("outbox: %d sent, %d to retry, %d dead", report.sent, report.retried, report.dead)


async def forget_handled(turns: TurnJournal, older_than: float) -> None:
    """Handled marks older than any redelivery (Telegram gives up after a day) only take space."""
    try:
        dropped = await turns.forget_older_than(older_than)
    except Exception:
        log.exception("dropping old handled marks failed")
        return
    if dropped:
        log.info("dropped %d handled marks older than %.0f s", dropped, older_than)


def start(outbox: Outbox, notifiers: dict[str, Notifier], poll_seconds: float,
          turns: TurnJournal | None = None, remember_seconds: float = 86400) -> AsyncIOScheduler:
    scheduler = AsyncIOScheduler(timezone="UTC")
    scheduler.add_job(deliver_once, "interval", seconds=poll_seconds, args=[outbox, notifiers],
                      id="outbox-delivery", max_instances=1, coalesce=True)
    if turns is not None:
        scheduler.add_job(forget_handled, "interval", hours=1, args=[turns, remember_seconds],
                          id="forget-handled", max_instances=1, coalesce=True)
    scheduler.start()
    return scheduler
