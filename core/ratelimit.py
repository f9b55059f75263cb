"""Rate limits: at most `limit` hits in any `window_seconds` (in memory or across replicas); sends on a beat."""
from __future__ import annotations

import bisect
import math
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.store import Store


@dataclass(frozen=True, slots=True)
class Allowed:
    """The answer to one hit. True when it was let through, so `if await limiter.hit(...)` reads right."""

    ok: bool
    count: int  # hits in the window, this one included when it was let through
    retry_after: float  # seconds until a hit would be let through again; 0 when this one was

    def __bool__(self) -> bool:
        return self.ok


class SlidingWindow:
    """The one in-process "at most `limit` per key in any `window_seconds`": the channels' send pacers, and the
    in-process store's logs behind `RateLimiter`. A hit counts while it is less than `window_seconds` old, wherever
    second or minute boundaries fall. The clock is monotonic unless one is given (tests move theirs by hand)."""

    def __init__(self, limit: float, window_seconds: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.limit = limit
        self.window = window_seconds
        self._clock = clock
        self._logs: dict[str, list[float]] = {}  # key: hit times, sorted
        self._records = 0

    def wait(self, key: str = "", now: float | None = None) -> float:
        """Seconds until a hit on `key` would be let through; 0 when one would be now."""
        now = self._clock() if now is None else now
        hits = self._recent(key, now)
        if len(hits) < self.limit:
            return 0.0
        if not hits:
            return self.window
        leaving = hits[math.floor(len(hits) - self.limit)]  # once this one is out, a hit fits again
        return leaving + self.window - now

    def record(self, key: str = "", now: float | None = None) -> None:
        """Log a hit on `key` whatever the count (a send that had to go out, e.g. the next chunk of a message)."""
        now = self._clock() if now is None else now
        self._sweep(now)
        bisect.insort(self._logs.setdefault(key, []), now)  # in time order, however hits arrive

    def hit(self, key: str = "", now: float | None = None) -> Allowed:
        """Log a hit on `key` if the limit lets it through."""
        now = self._clock() if now is None else now
        waiting = self.wait(key, now)
        if waiting > 0:
            return Allowed(False, len(self._logs.get(key, ())), waiting)
        self.record(key, now)
        return Allowed(True, len(self._logs[key]), 0.0)

    def clear(self) -> None:
        self._logs.clear()

    def _recent(self, key: str, now: float) -> list[float]:
        hits = self._logs.get(key)
        if hits is None:
            return []
        del hits[:bisect.bisect_right(hits, now - self.window)]
        return hits

    def _sweep(self, now: float) -> None:
        # Logs of keys that went quiet are dropped now and then, so a long-running process does not collect them.
        self._records += 1
        if self._records % 1000:
            return
        for key in [k for k, hits in self._logs.items() if not hits or hits[-1] <= now - self.window]:
            del self._logs[key]


class Beat:
    """Hits on a steady beat, `per_second` per key: one per 1/per_second, each on its slot of the beat, so a hit
    that came a little late (a sleep's overshoot) does not push every later one back; after a pause the beat
    starts again from the next hit. Evenly spaced sends reach a platform evenly, where a second's worth at once
    arrives bunched against the next second's."""

    def __init__(self, per_second: float, clock: Callable[[], float] = time.monotonic) -> None:
        self.gap = 1.0 / per_second
        self._clock = clock
        self._next: dict[str, float] = {}  # key: when its next hit may be

    def wait(self, key: str = "") -> float:
        return max(0.0, self._next.get(key, 0.0) - self._clock())

    def record(self, key: str = "") -> None:
        now = self._clock()
        due = self._next.get(key, now)
        self._next[key] = (due if now - due < self.gap else now) + self.gap


class RateLimiter:
    """An exact sliding log on the shared store: a hit is let through when fewer than `limit` hits were let
    through in the `window_seconds` before it, across replicas. Refused hits are not logged, so someone who
    keeps trying still gets `limit` a window rather than none.

    The clock is the wall clock by default, not a monotonic one, because replicas share the log."""

    def __init__(self, store: Store, clock: Callable[[], float] = time.time) -> None:
        self._store = store
        self._clock = clock

    async def hit(self, key: str, limit: int, window_seconds: float) -> Allowed:
        """Count one hit on `key` (e.g. "lookups:42") if the limit allows it; one atomic store call."""
        ok, count, retry_after = await self._store.sliding_hit(f"limit:{key}", limit, window_seconds, self._clock())
        return Allowed(ok, count, retry_after)
