"""Sliding-window rate limits on the shared store: at most `limit` hits in any `window_seconds`, across replicas."""
from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

from core.store import Store


@dataclass(frozen=True, slots=True)
class Allowed:
    """The answer to one hit. True when it was let through, so `if await limiter.hit(...)` reads right."""

    ok: bool
    count: int  # hits in the window, this one included when it was let through
    retry_after: float  # seconds until a hit would be let through again; 0 when this one was

    def __bool__(self) -> bool:
        return self.ok


class RateLimiter:
    """An exact sliding log: a hit is let through when fewer than `limit` hits were let through in the
    `window_seconds` before it, wherever minute boundaries fall. Refused hits are not logged, so someone who
    keeps trying still gets `limit` a window rather than none.

    The clock is the wall clock by default, not a monotonic one, because replicas share the log."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock

    async def hit(self, key: str, limit: int, window_seconds: float) -> Allowed:
        """Count one hit on `key` (e.g. "lookups:42") if the limit allows it; one atomic store call."""
        ok, count, retry_after = await self._store.sliding_hit(f"limit:{key}", limit, window_seconds, self._clock())
        return Allowed(ok, count, retry_after)
