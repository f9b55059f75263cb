"""Durable outbox: proactive messages are rows first, then claimed, delivered and retried by a worker."""
from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any, Protocol

from sqlalchemy import JSON, Select, delete, func, insert, literal, null, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from core import metrics
from core.db import engine_of
from core.group_commit import Batcher
from core.models import DeadTarget, OutboxMessage, UtcDateTime
from core.outbound import reached_at

if TYPE_CHECKING:
    from core.services.turns import Queued

log = logging.getLogger(__name__)
Send = Callable[[str, dict[str, Any]], Awaitable[None]]
CLAIM_SECONDS = 120  # a claimed row whose worker died becomes due again after this
CLAIM_MARGIN_SECONDS = 2.0  # a reply still unsent this close to its claim's end is left to the worker
IN_FLIGHT = 8  # messages of one channel being delivered at once (to different conversations)
PACED_PAUSE = 0.2  # seconds a lane waits before claiming again after our own pacing held messages back
SOON_SECONDS = 2.0  # a retry due within this long (a 429's Retry-After) keeps its channel's lane going


class TargetGone(Exception):
    """The chat can no longer be written to (blocked, kicked, uninstalled): stop trying."""


class RetryLater(Exception):
    """A temporary failure; `after` seconds is the server's hint (429 retry_after), if it gave one."""

    def __init__(self, reason: str, after: float | None = None, *, paced: bool = False) -> None:
        super().__init__(reason)
        self.after = after
        self.paced = paced  # held back by our own rate limits: not a failed attempt


class Undeliverable(Exception):
    """The message itself is refused (bad request): retrying the same message cannot succeed."""


class Notifier(Protocol):
    """A channel's proactive sender. Raises `TargetGone`, `RetryLater` or `Undeliverable`; returns when delivered,
    with the platform's id of the message when it gives one (so the message can be edited later)."""

    channel: str

    async def send(self, target: str, payload: dict[str, Any]) -> str | None: ...

    async def edit(self, target: str, receipt: str | None, payload: dict[str, Any]) -> None:
        """Show `payload` in place of the message delivered with `receipt` (a channel that cannot edit posts
        the payload's `followup` instead)."""


@dataclass(frozen=True, slots=True)
class DeliveryReport:
    sent: int = 0
    retried: int = 0
    dead: int = 0
    claimed: int = 0


def backoff(attempt: int, base: float = 2.0, cap: float = 600.0) -> float:
    """Full-jitter exponential backoff in seconds."""
    return random.uniform(0, min(cap, base * 2 ** attempt))


class Outbox:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], *, max_attempts: int = 8,
                 batch_size: int = 50) -> None:
        self._sessions = sessions
        self._max_attempts = max_attempts
        self._batch = batch_size
        self._sent: Batcher[int, None] = Batcher(self._mark_sent)
        self._before_pass: list[Callable[[], Awaitable[object]]] = []

    def before_each_pass(self, prepare: Callable[[], Awaitable[object]]) -> None:
        """Run `prepare` at the start of every delivery pass (it may queue messages, e.g. edits that were
        coalesced until now); a failing one is logged and the pass goes on."""
        self._before_pass.append(prepare)

    async def enqueue(self, conn: AsyncSession | AsyncConnection, *, channel: str, target: str, kind: str,
                      payload: dict[str, Any], dedup_key: str | None = None, ref: str | None = None) -> None:
        """Add a message inside the caller's transaction, so it exists exactly when the caller's data does."""
        now = datetime.now(UTC)
        await conn.execute(insert(OutboxMessage).values(
            channel=channel, target=target, kind=kind, payload=payload, dedup_key=dedup_key, status="pending",
            attempts=0, next_attempt_at=now, claimed_until=None, last_error=None, created_at=now, sent_at=None,
            ref=ref))

    async def enqueue_to(self, conn: AsyncConnection, targets: Select[tuple[str, str]], *, kind: str,
                         payload: dict[str, Any], dedup_prefix: str | None = None, ref: str | None = None) -> int:
        """One message to every (channel, target) row `targets` selects, fanned out by the database in the
        caller's transaction: the payload travels and is serialised once however many targets there are. With
        `dedup_prefix`, each row's key is PREFIX:CHANNEL:TARGET; with `ref`, every copy can later be edited
        together (`enqueue_edits`). Returns how many rows were queued."""
        now = literal(datetime.now(UTC), UtcDateTime())
        wanted = targets.subquery()
        key = (func.substr(literal(f"{dedup_prefix}:") + wanted.c.channel + literal(":") + wanted.c.target, 1, 128)
               if dedup_prefix else null())
        rows = select(wanted.c.channel, wanted.c.target, literal(kind), literal(payload, JSON()), key,
                      literal("pending"), literal(0), now, null(), null(), now, null(),
                      literal(ref) if ref else null())
        columns = ["channel", "target", "kind", "payload", "dedup_key", "status", "attempts", "next_attempt_at",
                   "claimed_until", "last_error", "created_at", "sent_at", "ref"]
        result = await conn.execute(insert(OutboxMessage).from_select(columns, rows))
        return int(result.rowcount or 0)

    async def enqueue_edits(self, conn: AsyncConnection, ref: str, payload: dict[str, Any]) -> int:
        """Make every copy of `ref` show `payload`, in the caller's transaction: copies not sent yet are changed
        before they go, each sent (or being sent) copy gets one edit, replacing an edit of it still waiting —
        so however often a message changes, a copy is edited at most once per delivery round. Returns how many
        edits were queued."""
        copies = select(OutboxMessage.id).where(OutboxMessage.ref == ref, OutboxMessage.edit_of.is_(None))
        await conn.execute(update(OutboxMessage).where(
            OutboxMessage.edit_of.in_(copies.scalar_subquery()), OutboxMessage.status == "pending").values(
            status="skipped", last_error="replaced by a newer edit"))
        await conn.execute(update(OutboxMessage).where(
            OutboxMessage.ref == ref, OutboxMessage.edit_of.is_(None), OutboxMessage.status == "pending").values(
            payload=payload))
        now = literal(datetime.now(UTC), UtcDateTime())
        sent = (select(OutboxMessage.channel, OutboxMessage.target, literal("edit"), literal(payload, JSON()),
                       literal("pending"), literal(0), now, now, OutboxMessage.id)
                .where(OutboxMessage.ref == ref, OutboxMessage.edit_of.is_(None),
                       OutboxMessage.status.in_(("sending", "sent"))))
        columns = ["channel", "target", "kind", "payload", "status", "attempts", "next_attempt_at", "created_at",
                   "edit_of"]
        result = await conn.execute(insert(OutboxMessage).from_select(columns, sent))
        return int(result.rowcount or 0)

    async def post(self, *, channel: str, target: str, kind: str, payload: dict[str, Any],
                   dedup_key: str | None = None) -> bool:
        """Enqueue in a transaction of its own; False when `dedup_key` was queued before."""
        try:
            async with self._sessions.begin() as session:
                await self.enqueue(session, channel=channel, target=target, kind=kind, payload=payload,
                                   dedup_key=dedup_key)
        except IntegrityError:
            return False
        return True

    async def deliver_now(self, queued: Sequence[Queued], send: Send) -> int:
        """Send a turn's committed replies at once, in order; how many went out. What cannot be sent now
        (and everything after it, to keep the order) is handed to the delivery worker."""
        for index, item in enumerate(queued):
            # done well before the claim runs out, or the worker could send the same reply meanwhile
            left = (item.claimed_until - datetime.now(UTC)).total_seconds() - CLAIM_MARGIN_SECONDS
            try:
                if left <= 0:
                    raise TimeoutError("the reply's claim ran out before it was sent")
                async with asyncio.timeout(left):
                    await send(item.target, item.payload)
            except Exception as error:
                if not isinstance(error, TargetGone | RetryLater | Undeliverable | TimeoutError):
                    log.exception("reply %s could not be sent now; left to the delivery worker", item.id)
                await self._hand_over([q.id for q in queued[index:]], f"{type(error).__name__}: {error}")
                return index
            await self._sent.submit(item.id)
        return len(queued)

    async def _mark_sent(self, row_ids: list[int]) -> list[None]:
        async with engine_of(self._sessions).begin() as conn:
            await conn.execute(update(OutboxMessage).where(OutboxMessage.id.in_(row_ids)).values(
                status="sent", claimed_until=None, sent_at=datetime.now(UTC)))
        return [None] * len(row_ids)

    async def _hand_over(self, row_ids: list[int], error: str) -> None:
        """Make claimed rows due for the worker now (rows the worker took already are left alone)."""
        async with self._sessions.begin() as session:
            await session.execute(update(OutboxMessage).where(
                OutboxMessage.id.in_(row_ids), OutboxMessage.status == "sending").values(
                status="pending", claimed_until=None, last_error=error[:1000], next_attempt_at=datetime.now(UTC)))

    async def drain(self, notifiers: dict[str, Notifier], *, within: float = 300, pause: float = 0.02) -> float:
        """Deliver until nothing is pending or `within` seconds pass (benchmarks, one-shot tools); seconds taken."""
        started = time.perf_counter()
        while time.perf_counter() - started < within:
            await self.deliver_due(notifiers)
            counts = await self.counts()
            if counts.get("pending", 0) + counts.get("sending", 0) == 0:
                break
            await asyncio.sleep(pause)
        return time.perf_counter() - started

    async def claim(self, channels: set[str]) -> list[OutboxMessage]:
        """Due rows for these channels, claimed for CLAIM_SECONDS (SKIP LOCKED lets replicas share)."""
        now = datetime.now(UTC)
        async with self._sessions.begin() as session:
            query = (select(OutboxMessage)
                     .where(OutboxMessage.channel.in_(channels), OutboxMessage.next_attempt_at <= now,
                            or_(OutboxMessage.status == "pending",
                                (OutboxMessage.status == "sending") & (OutboxMessage.claimed_until < now)))
                     .order_by(OutboxMessage.next_attempt_at).limit(self._batch))
            if session.get_bind().dialect.name == "postgresql":
                query = query.with_for_update(skip_locked=True)
            rows = list(await session.scalars(query))
            for row in rows:
                row.status, row.claimed_until = "sending", now + timedelta(seconds=CLAIM_SECONDS)
                row.attempts += 1
            return rows

    async def deliver_due(self, notifiers: dict[str, Notifier], *, within: float = 0.0) -> DeliveryReport:
        """Deliver what is due, each channel on its own (its own claims, at its own pace: Telegram waiting for
        its 30/s window never holds a Teams message). Within a channel, each conversation's messages go in
        order and up to IN_FLIGHT conversations at once, so a platform's answer time is not paid copy after
        copy. With `within`, a channel keeps claiming while its batches come back full, for that many seconds."""
        for prepare in self._before_pass:
            try:
                await prepare()
            except Exception:  # the database may be down for a moment: delivery tries anyway, the next pass again
                log.exception("preparing a delivery pass failed")
        done = await asyncio.gather(*(self._channel(channel, notifier, within)
                                      for channel, notifier in notifiers.items()))
        await self.refresh_depth()
        return DeliveryReport(*(sum(getattr(report, name) for report in done)
                                for name in ("sent", "retried", "dead", "claimed")))

    async def _channel(self, channel: str, notifier: Notifier, within: float) -> DeliveryReport:
        started = time.monotonic()
        sent = retried = dead = claimed = 0
        in_flight = asyncio.Semaphore(IN_FLIGHT)
        retry_until = 0.0

        async def lane(queue: list[OutboxMessage]) -> list[str]:
            outcomes = []
            for row in queue:
                async with in_flight:
                    outcomes.append(await self._deliver(row, notifier))
            return outcomes

        while True:
            rows = await self.claim({channel})
            conversations: dict[str, list[OutboxMessage]] = {}
            for row in rows:
                conversations.setdefault(reached_at(row.target, row.payload), []).append(row)

            outcomes = [o for lane_outcomes in await asyncio.gather(*(lane(q) for q in conversations.values()))
                        for o in lane_outcomes]
            sent += outcomes.count("sent")
            retried += outcomes.count("retry") + outcomes.count("retry soon")
            dead += outcomes.count("dead")
            claimed += len(rows)
            if "retry soon" in outcomes:
                retry_until = time.monotonic() + SOON_SECONDS
            # held back by our own pacing, or asked to wait a second or two (a 429): due again in a moment, so
            # this lane keeps going rather than wait for the next tick (which comes when every channel's lane is
            # done: a Teams copy answered 429 would otherwise wait for Telegram's thousand)
            paced = "paced" in outcomes
            again_soon = paced or time.monotonic() < retry_until
            full = len(rows) >= self._batch
            if not (full or again_soon) or time.monotonic() - started >= within:
                return DeliveryReport(sent, retried, dead, claimed)
            if paced or not full:
                await asyncio.sleep(PACED_PAUSE)

    async def _deliver(self, row: OutboxMessage, notifier: Notifier) -> str:
        reached = reached_at(row.target, row.payload)
        if await self.is_dead(row.channel, reached):
            await self._finish(row.id, status="dead", error="target is marked dead")
            return "dead"
        receipt = None
        try:
            if row.edit_of is None:
                receipt = await notifier.send(row.target, row.payload)
            else:
                edited = await self._original(row.edit_of)
                if edited is None:
                    await self._finish(row.id, status="skipped", error="the message to edit was never delivered")
                    return "skipped"
                if edited.status != "sent":  # the copy itself is still on its way: edit it once it is there
                    raise RetryLater("the message to edit is not delivered yet", after=1.0, paced=True)
                await notifier.edit(row.target, edited.receipt, row.payload)
        except TargetGone as gone:
            await self.mark_dead(row.channel, reached, str(gone))
            await self._finish(row.id, status="dead", error=str(gone))
            metrics.OUTBOX_FAILURES.labels(row.channel, "dead").inc()
            return "dead"
        except RetryLater as later:
            if later.paced:
                return await self._postpone(row, later.after or 1.0)
            return await self._retry(row, str(later), later.after)
        except Undeliverable as refused:
            await self._finish(row.id, status="failed", error=str(refused))
            metrics.OUTBOX_FAILURES.labels(row.channel, "refused").inc()
            return "dead"
        except Exception as error:  # a notifier bug must not stall the queue
            log.exception("delivery of outbox row %s failed", row.id)
            return await self._retry(row, f"{type(error).__name__}: {error}", None)
        await self._finish(row.id, status="sent", error=None, receipt=receipt)
        return "sent"

    async def _original(self, row_id: int) -> OutboxMessage | None:
        """The copy an edit row changes, unless it will never be delivered (dead, failed, gone)."""
        async with self._sessions() as session:
            original = await session.get(OutboxMessage, row_id)
            return original if original is not None and original.status in ("pending", "sending", "sent") else None

    async def _retry(self, row: OutboxMessage, error: str, after: float | None) -> str:
        metrics.OUTBOX_FAILURES.labels(row.channel, "retry").inc()
        if row.attempts >= self._max_attempts:
            await self._finish(row.id, status="failed", error=error)
            return "dead"
        delay = after if after is not None else backoff(row.attempts)
        async with self._sessions.begin() as session:
            await session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id).values(
                status="pending", claimed_until=None, last_error=error[:1000],
                next_attempt_at=datetime.now(UTC) + timedelta(seconds=delay)))
        # only a platform's own "try again in a second" (a 429's Retry-After) keeps the lane going; our backoff
        # after an error is left to the next pass
        return "retry soon" if after is not None and delay <= SOON_SECONDS else "retry"

    async def _postpone(self, row: OutboxMessage, after: float) -> str:
        async with self._sessions.begin() as session:
            await session.execute(update(OutboxMessage).where(OutboxMessage.id == row.id).values(
                status="pending", claimed_until=None, attempts=OutboxMessage.attempts - 1,
                next_attempt_at=datetime.now(UTC) + timedelta(seconds=after)))
        return "paced"

    async def _finish(self, row_id: int, *, status: str, error: str | None, receipt: str | None = None) -> None:
        async with self._sessions.begin() as session:
            await session.execute(update(OutboxMessage).where(OutboxMessage.id == row_id).values(
                status=status, claimed_until=None, last_error=error[:1000] if error else None,
                sent_at=datetime.now(UTC) if status == "sent" else None, receipt=receipt[:256] if receipt else None))

    async def mark_dead(self, channel: str, target: str, reason: str) -> None:
        try:
            async with self._sessions.begin() as session:
                session.add(DeadTarget(channel=channel, target=target, reason=reason[:256],
                                       created_at=datetime.now(UTC)))
        except IntegrityError:
            pass

    async def mark_alive(self, channel: str, target: str) -> None:
        """The bot was (re)installed: the chat may be written to again."""
        async with self._sessions.begin() as session:
            await session.execute(delete(DeadTarget).where(DeadTarget.channel == channel, DeadTarget.target == target))

    async def is_dead(self, channel: str, target: str) -> bool:
        async with self._sessions() as session:
            found = await session.scalar(select(DeadTarget.id).where(
                DeadTarget.channel == channel, DeadTarget.target == target))
            return found is not None

    async def counts(self) -> dict[str, int]:
        async with self._sessions() as session:
            rows = await session.execute(select(OutboxMessage.status, func.count()).group_by(OutboxMessage.status))
            return {status: int(n) for status, n in rows}

    async def refresh_depth(self) -> int:
        counts = await self.counts()
        depth = counts.get("pending", 0) + counts.get("sending", 0)
        metrics.OUTBOX_DEPTH.set(depth)
        return depth
