"""Progress messages for long jobs: one message in each subscribed conversation, edited step by step and ending
with done or failed. Steps are coalesced twice: at most one write per interval here, and in the outbox a newer edit
replaces one still waiting, so a fast job never sends more than the platforms allow."""
from __future__ import annotations

import contextvars
import secrets
import time
from collections.abc import Callable, Sequence

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from core.db import engine_of
from core.outbound import OutboundMessage
from core.services.outbox import Outbox
from core.services.subscriptions import Subscriptions

CURRENT: contextvars.ContextVar[ProgressMessage | None] = contextvars.ContextVar("progress", default=None)


async def report(step: int, total: int, text: str) -> None:
    """Report a step of the job running now, when someone is watching it (a no-op otherwise)."""
    watching = CURRENT.get()
    if watching is not None:
        await watching.step(step, total, text)


class ProgressMessage:
    def __init__(self, owner: Progress, title: str) -> None:
        self.ref = f"progress:{secrets.token_hex(8)}"
        self.title = title
        self._owner = owner
        self._written = 0.0
        self._waiting: OutboundMessage | None = None
        self.writes = 0

    async def step(self, step: int, total: int, text: str) -> None:
        self._waiting = OutboundMessage("card", title=f"⏳ {self.title}", text=f"Step {step}/{total}: {text}")
        if self._owner.clock() - self._written >= self._owner.interval:
            await self._write()

    async def finish(self, ok: bool, text: str) -> None:
        mark = "✅" if ok else "❌"
        self._waiting = OutboundMessage("card", title=f"{mark} {self.title}", text=text,
                                        style="good" if ok else "attention", followup=f"{mark} {self.title}: {text}")
        await self._write()

    async def _write(self) -> None:
        message, self._waiting = self._waiting, None
        if message is None:
            return
        self._written = self._owner.clock()
        self.writes += 1
        async with engine_of(self._owner.sessions).begin() as conn:
            await self._owner.outbox.enqueue_edits(conn, self.ref, message.to_payload())


class Progress:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], outbox: Outbox, subscriptions: Subscriptions, *,
                 interval: float = 1.0, clock: Callable[[], float] = time.monotonic) -> None:
        self.sessions = sessions
        self.outbox = outbox
        self.subscriptions = subscriptions
        self.interval = interval
        self.clock = clock

    async def start(self, title: str, topic: str | None = None, *, targets: Sequence[tuple[str, str]] = (),
                    text: str = "Starting…") -> ProgressMessage:
        """Post the message to every subscriber of `topic` and to each (channel, conversation) of `targets`;
        its steps then edit it."""
        progress = ProgressMessage(self, title)
        message = OutboundMessage("card", title=f"⏳ {title}", text=text, topic=topic)
        async with engine_of(self.sessions).begin() as conn:
            if topic is not None:
                await self.subscriptions.publish(conn, topic, [message], ref=progress.ref)
            for channel, target in targets:
                await self.outbox.enqueue(conn, channel=channel, target=target, kind="progress",
                                          payload=message.to_payload(), ref=progress.ref)
        progress._written = self.clock()
        return progress
