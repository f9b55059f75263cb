"""A limit on concurrent work that lets the oldest piece of work in first (earliest start, then arrival)."""
from __future__ import annotations

import asyncio
import heapq
import itertools
import time
from contextvars import ContextVar

# When the piece of work the current task belongs to started (time.monotonic()). Tasks started with gather or
# create_task inherit it, so every query of one customer lookup carries the lookup's start.
work_started: ContextVar[float | None] = ContextVar("work_started", default=None)


class OldestFirst:
    """At most `size` holders at once. When full, a freed place goes to the waiter whose work started first:
    a lookup's follow-up queries go before the first query of lookups that came later, which keeps the
    slowest lookups (those with two rounds of queries) from queueing twice behind everyone."""

    def __init__(self, size: int) -> None:
        if size < 1:
            raise ValueError("size must be at least 1")
        self._free = size
        self._waiting: list[tuple[float, int, asyncio.Future[None]]] = []
        self._arrival = itertools.count()

    async def acquire(self) -> None:
        if self._free > 0 and not self._waiting:
            self._free -= 1
            return
        started = work_started.get()
        waiter: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        heapq.heappush(self._waiting, (time.monotonic() if started is None else started,
                                       next(self._arrival), waiter))
        try:
            await waiter
        except asyncio.CancelledError:
            if waiter.done() and not waiter.cancelled():
                self.release()  # the place was handed over just as this waiter gave up: pass it on
            raise

    def release(self) -> None:
        while self._waiting:
            _, _, waiter = heapq.heappop(self._waiting)
            if not waiter.done():  # a cancelled waiter is skipped here rather than searched for on cancel
                waiter.set_result(None)
                return
        self._free += 1

    async def __aenter__(self) -> None:
        await self.acquire()

    async def __aexit__(self, *exc: object) -> None:
        self.release()
