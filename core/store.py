"""Key-value store for dedup keys, rate limits, caches and locks: Redis in production, in-process by default."""
from __future__ import annotations

import asyncio
import math
import secrets
import time
from typing import Any, Protocol

from core.outages import StoreUnavailable
from core.ratelimit import SlidingWindow


class Store(Protocol):
    """What the conversation engine needs from a shared, expiring key-value store."""

    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str, ttl: float | None = None) -> None: ...

    async def set_if_absent(self, key: str, value: str, ttl: float) -> bool:
        """Atomically set `key` only if it does not exist; True when this call set it."""
        ...

    async def delete(self, key: str) -> None: ...

    async def delete_if(self, key: str, value: str) -> bool:
        """Atomically delete `key` only while it holds `value` (releasing a lock that is still ours)."""
        ...

    async def incr_window(self, key: str, window_seconds: int) -> int:
        """Atomically count one more hit in the current fixed window of `window_seconds`; return the count."""
        ...

    async def sliding_hit(self, key: str, limit: int, window_seconds: float, now: float) -> tuple[bool, int, float]:
        """Atomically, on the log of hits at `key`: forget those at or before `now - window_seconds`, then record
        one at `now` if fewer than `limit` remain. Returns (recorded, hits in the log, seconds until the oldest
        leaves the window — 0 when recorded), the seconds rounded up to the millisecond. `core.ratelimit` is
        the API; this is its primitive."""
        ...

    async def ping(self) -> bool: ...

    async def close(self) -> None: ...


class MemoryStore:
    """In-process store with the same semantics as `RedisStore`; for one process only."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[str, float | None]] = {}
        self._windows: dict[tuple[int, float], SlidingWindow] = {}  # a log per key, in the window of its limit
        self._now = time.monotonic
        self._writes = 0

    def _alive(self, key: str) -> str | None:
        item = self._values.get(key)
        if item is None:
            return None
        value, expires = item
        if expires is not None and expires <= self._now():
            del self._values[key]
            return None
        return value

    def _sweep(self) -> None:
        # Amortised cleanup so expired keys do not accumulate in a long-running process.
        self._writes += 1
        if self._writes % 1000:
            return
        now = self._now()
        for key in [k for k, (_, exp) in self._values.items() if exp is not None and exp <= now]:
            del self._values[key]

    async def get(self, key: str) -> str | None:
        return self._alive(key)

    async def set(self, key: str, value: str, ttl: float | None = None) -> None:
        self._sweep()
        self._values[key] = (value, self._now() + ttl if ttl else None)

    async def set_if_absent(self, key: str, value: str, ttl: float) -> bool:
        if self._alive(key) is not None:
            return False
        await self.set(key, value, ttl)
        return True

    async def delete(self, key: str) -> None:
        self._values.pop(key, None)

    async def delete_if(self, key: str, value: str) -> bool:
        if self._alive(key) != value:
            return False
        del self._values[key]
        return True

    async def incr_window(self, key: str, window_seconds: int) -> int:
        bucket = f"{key}:{int(time.time() // window_seconds)}"
        current = int(self._alive(bucket) or 0) + 1
        await self.set(bucket, str(current), window_seconds)
        return current

    async def sliding_hit(self, key: str, limit: int, window_seconds: float, now: float) -> tuple[bool, int, float]:
        window = self._windows.get((limit, window_seconds))
        if window is None:
            window = self._windows[(limit, window_seconds)] = SlidingWindow(limit, window_seconds)
        allowed = window.hit(key, now)
        return allowed.ok, allowed.count, math.ceil(allowed.retry_after * 1000) / 1000

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._values.clear()
        self._windows.clear()


DELETE_IF = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0"
INCR_WITH_TTL = ("local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
                 "return n")
# ARGV: now, now - window (both as Python wrote them: Lua would print its numbers with 14 digits, dropping the
# milliseconds of an epoch time), limit, member, window, window in ms (the key's TTL). Lua numbers come back
# from a script as integers, hence the retry in milliseconds.
SLIDING_HIT = """
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local count = redis.call('ZCARD', KEYS[1])
if count < tonumber(ARGV[3]) then
  redis.call('ZADD', KEYS[1], ARGV[1], ARGV[4])
  redis.call('PEXPIRE', KEYS[1], ARGV[6])
  return {1, count + 1, 0}
end
local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2] or ARGV[1]
return {0, count, math.ceil((tonumber(oldest) + tonumber(ARGV[5]) - tonumber(ARGV[1])) * 1000)}
"""


def _redis_outages() -> tuple[type[BaseException], ...]:
    try:
        from redis import exceptions
    except ImportError:  # no redis client installed: only MemoryStore can be used
        return ()
    return (exceptions.ConnectionError, exceptions.TimeoutError, exceptions.BusyLoadingError,
            exceptions.ReadOnlyError, exceptions.ClusterDownError, exceptions.TryAgainError)


_REDIS_OUTAGES = _redis_outages()


class RedisStore:
    """`Store` on Redis (redis.asyncio); keys are namespaced by `prefix`.

    Commands are auto-pipelined: those issued while the event loop runs one step (typically by many turns
    at once) go to Redis as one pipeline, one write and one read, instead of a round trip each. A lone
    command goes as a plain call. Each caller still gets its own result or error."""

    def __init__(self, url: str, prefix: str = "sb:") -> None:
        from redis.asyncio import Redis
        from redis.asyncio.retry import Retry
        from redis.backoff import NoBackoff
        from redis.exceptions import ConnectionError as RedisConnectionError

        # After a Redis restart every pooled connection is dead: one immediate retry on a fresh connection keeps
        # the first command on each from failing its turn (a timeout is not retried: it may have been applied).
        self._redis = Redis.from_url(url, decode_responses=True, socket_timeout=2, socket_connect_timeout=2,
                                     retry=Retry(NoBackoff(), 1, (RedisConnectionError,)),
                                     retry_on_error=[RedisConnectionError])
        self._prefix = prefix
        self._pending: list[tuple[tuple[Any, ...], asyncio.Future[Any]]] = []
        self._sending: set[asyncio.Task[None]] = set()

    def _k(self, key: str) -> str:
        return self._prefix + key

    async def _call(self, *args: Any) -> Any:
        loop = asyncio.get_running_loop()
        done: asyncio.Future[Any] = loop.create_future()
        self._pending.append((args, done))
        if len(self._pending) == 1:  # first of this step: send once the step's other callbacks have run
            loop.call_soon(self._send_pending)
        try:
            return await done
        except _REDIS_OUTAGES as error:
            raise StoreUnavailable(f"redis: {type(error).__name__}: {error}") from error

    def _send_pending(self) -> None:
        batch, self._pending = self._pending, []
        task = asyncio.ensure_future(self._send(batch))
        self._sending.add(task)
        task.add_done_callback(self._sending.discard)

    async def _send(self, batch: list[tuple[tuple[Any, ...], asyncio.Future[Any]]]) -> None:
        try:
            if len(batch) == 1:
                results = [await self._redis.execute_command(*batch[0][0])]
            else:
                async with self._redis.pipeline(transaction=False) as pipe:
                    for args, _ in batch:
                        pipe.execute_command(*args)
                    results = await pipe.execute(raise_on_error=False)
        except BaseException as error:  # the connection failed: every caller in the batch hears of it
            for _, done in batch:
                if not done.done():
                    done.set_exception(error)
            if isinstance(error, asyncio.CancelledError):
                raise
            return
        for (_, done), result in zip(batch, results, strict=True):
            if done.done():  # the caller gave up meanwhile
                continue
            if isinstance(result, Exception):
                done.set_exception(result)
            else:
                done.set_result(result)

    async def get(self, key: str) -> str | None:
        value = await self._call("GET", self._k(key))
        return None if value is None else str(value)

    async def set(self, key: str, value: str, ttl: float | None = None) -> None:
        if ttl:
            await self._call("SET", self._k(key), value, "PX", int(ttl * 1000))
        else:
            await self._call("SET", self._k(key), value)

    async def set_if_absent(self, key: str, value: str, ttl: float) -> bool:
        return bool(await self._call("SET", self._k(key), value, "PX", int(ttl * 1000), "NX"))

    async def delete(self, key: str) -> None:
        await self._call("DEL", self._k(key))

    async def delete_if(self, key: str, value: str) -> bool:
        return bool(await self._call("EVAL", DELETE_IF, 1, self._k(key), value))

    async def incr_window(self, key: str, window_seconds: int) -> int:
        """INCR and EXPIRE atomically in one round trip (Redis caches the script's compiled form)."""
        bucket = self._k(f"{key}:{int(time.time() // window_seconds)}")
        return int(await self._call("EVAL", INCR_WITH_TTL, 1, bucket, window_seconds + 1))

    async def sliding_hit(self, key: str, limit: int, window_seconds: float, now: float) -> tuple[bool, int, float]:
        """The log is a sorted set of hits scored by time; one script, so one round trip and atomic."""
        member = f"{now!r}:{secrets.token_hex(6)}"  # two hits at the same instant are still two hits
        recorded, count, retry_ms = await self._call(
            "EVAL", SLIDING_HIT, 1, self._k(key), repr(now), repr(now - window_seconds), limit, member,
            repr(float(window_seconds)), math.ceil(window_seconds * 1000))
        return bool(recorded), int(count), int(retry_ms) / 1000

    async def ping(self) -> bool:
        try:
            return bool(await self._redis.ping())
        except _REDIS_OUTAGES as error:
            raise StoreUnavailable(f"redis: {type(error).__name__}: {error}") from error

    async def close(self) -> None:
        for task in list(self._sending):
            await asyncio.gather(task, return_exceptions=True)
        await self._redis.aclose()


def make_store(redis_url: str | None) -> Store:
    return RedisStore(redis_url) if redis_url else MemoryStore()
