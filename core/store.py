"""Key-value store for dedup keys, rate limits, caches and locks: Redis in production, in-process by default."""
from __future__ import annotations

import time
from typing import Protocol


class Store(Protocol):
    """What the conversation engine needs from a shared, expiring key-value store."""

    async def get(self, key: str) -> str | None: ...

    async def set(self, key: str, value: str, ttl: float | None = None) -> None: ...

    async def set_if_absent(self, key: str, value: str, ttl: float) -> bool:
        """Atomically set `key` only if it does not exist; True when this call set it."""
        ...

    async def delete(self, key: str) -> None: ...

    async def incr_window(self, key: str, window_seconds: int) -> int:
        """Atomically count one more hit in the current fixed window of `window_seconds`; return the count."""
        ...

    async def ping(self) -> bool: ...

    async def close(self) -> None: ...


class MemoryStore:
    """In-process store with the same semantics as `RedisStore`; for one process only."""

    def __init__(self) -> None:
        self._values: dict[str, tuple[str, float | None]] = {}
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

    async def incr_window(self, key: str, window_seconds: int) -> int:
        bucket = f"{key}:{int(time.time() // window_seconds)}"
        current = int(self._alive(bucket) or 0) + 1
        await self.set(bucket, str(current), window_seconds)
        return current

    async def ping(self) -> bool:
        return True

    async def close(self) -> None:
        self._values.clear()


class RedisStore:
    """`Store` on Redis (redis.asyncio); keys are namespaced by `prefix`."""

    def __init__(self, url: str, prefix: str = "sb:") -> None:
        from redis.asyncio import Redis

        self._redis = Redis.from_url(url, decode_responses=True, socket_timeout=2, socket_connect_timeout=2)
        self._prefix = prefix
        # INCR and EXPIRE atomically in one round trip (a MULTI/EXEC pipeline costs three)
        self._incr_with_ttl = self._redis.register_script(
            "local n = redis.call('INCR', KEYS[1]) if n == 1 then redis.call('EXPIRE', KEYS[1], ARGV[1]) end "
            "return n")

    def _k(self, key: str) -> str:
        return self._prefix + key

    async def get(self, key: str) -> str | None:
        value = await self._redis.get(self._k(key))
        return None if value is None else str(value)

    async def set(self, key: str, value: str, ttl: float | None = None) -> None:
        await self._redis.set(self._k(key), value, px=int(ttl * 1000) if ttl else None)

    async def set_if_absent(self, key: str, value: str, ttl: float) -> bool:
        return bool(await self._redis.set(self._k(key), value, px=int(ttl * 1000), nx=True))

    async def delete(self, key: str) -> None:
        await self._redis.delete(self._k(key))

    async def incr_window(self, key: str, window_seconds: int) -> int:
        bucket = self._k(f"{key}:{int(time.time() // window_seconds)}")
        return int(await self._incr_with_ttl(keys=[bucket], args=[window_seconds + 1]))

    async def ping(self) -> bool:
        return bool(await self._redis.ping())

    async def close(self) -> None:
        await self._redis.aclose()


def make_store(redis_url: str | None) -> Store:
    return RedisStore(redis_url) if redis_url else MemoryStore()
