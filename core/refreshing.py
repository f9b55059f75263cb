"""A small in-process cache for figures that may be a few seconds old: concurrent misses share one computation, and
a value that expired less than its lifetime ago is still served while one task computes its successor."""
from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable, Hashable
from typing import Any, Generic, TypeVar

log = logging.getLogger(__name__)
Value = TypeVar("Value")


class Refreshing(Generic[Value]):
    def __init__(self, seconds: float, size: int = 256, clock: Callable[[], float] = time.monotonic) -> None:
        self._seconds = seconds
        self._size = size
        self._clock = clock
        self._values: dict[Hashable, tuple[float, Value]] = {}
        self._computing: dict[Hashable, asyncio.Future[Value]] = {}

    async def get(self, key: Hashable, compute: Callable[[], Awaitable[Value]]) -> Value:
        """The value of `key`: fresh from the cache; from the cache while a task refreshes it when it expired less
        than `seconds` ago; otherwise computed, once for every caller waiting on the same key. So a value is never
        served more than twice `seconds` after it was computed."""
        kept = self._values.get(key)
        now = self._clock()
        if kept is not None and now < kept[0] + self._seconds:  # fresh, or expired less than its lifetime ago
            if kept[0] <= now and key not in self._computing:
                self._start(key, compute)
            return kept[1]
        computing = self._computing.get(key)
        return await asyncio.shield(computing if computing is not None else self._start(key, compute))

    def _start(self, key: Hashable, compute: Callable[[], Awaitable[Value]]) -> asyncio.Future[Value]:
        async def run() -> Value:
            try:
                value = await compute()
                if len(self._values) >= self._size and key not in self._values:
                    self._values.clear()  # keys typed by hand (filters): keep it small rather than clever
                self._values[key] = (self._clock() + self._seconds, value)
                return value
            finally:
                self._computing.pop(key, None)

        task = asyncio.ensure_future(run())
        task.add_done_callback(_quietly)
        self._computing[key] = task
        return task


def _quietly(task: asyncio.Future[Any]) -> None:
    """A refresh that failed leaves the old value in place (its waiting callers got the error); the next caller
    tries again."""
    if not task.cancelled() and task.exception() is not None:
        log.warning("a cached figure could not be refreshed: %s", task.exception())
