"""Which replica starts leader jobs: one lock behind a small protocol (Redis, a PostgreSQL advisory lock, or
the one SQLite process) and the campaign that acquires, renews and gives it up."""
from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import socket
import time
import uuid
from collections.abc import Awaitable, Callable
from typing import Protocol

from redis.asyncio import Redis
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

log = logging.getLogger(__name__)

ADVISORY_KEY = 0x5377_6974_6368  # pg_try_advisory_lock key of the scheduler leader ("Switch")

# Redis scripts: the holder's unique value guards renewal and release; the counter gives fencing tokens.
ACQUIRE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
  return tonumber(redis.call('GET', KEYS[2]))
end
if redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  local token = redis.call('INCR', KEYS[2])
  if token <= tonumber(ARGV[3]) then
    token = tonumber(ARGV[3]) + 1
    redis.call('SET', KEYS[2], token)
  end
  return token
end
return 0
"""
RENEW = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
"""
RELEASE = """
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
"""


def holder_id(kind: str = "scheduler") -> str:
    """Unique per lock instance, readable in `job_runs.leader`: which host and process ran a job."""
    return f"{kind}:{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"


class LeaderLock(Protocol):
    """One holder at a time. `acquire(floor)` returns this holder's fencing token (greater than `floor` and
    than every earlier holder's) or None; `ttl` is how long a holder may go without a successful `renew`
    before it must assume the lock is gone."""

    holder: str
    ttl: float

    async def acquire(self, floor: int) -> int | None: ...

    async def renew(self) -> bool: ...

    async def release(self) -> None: ...


class RedisLeaderLock:
    """SET NX PX with the holder's value, renewed by compare-and-PEXPIRE; tokens from INCR on a counter key.
    Both keys share a hash tag so that the scripts also run on Redis Cluster."""

    def __init__(self, url: str, *, name: str = "sb:scheduler", ttl: float = 30.0, holder: str | None = None) -> None:
        self.holder = holder or holder_id()
        self.ttl = ttl
        self._keys = [f"{{{name}}}:leader", f"{{{name}}}:token"]
        self._redis = Redis.from_url(url, socket_timeout=max(ttl / 3, 0.1), socket_connect_timeout=max(ttl / 3, 0.1))
        self._acquire = self._redis.register_script(ACQUIRE)
        self._renew = self._redis.register_script(RENEW)
        self._release = self._redis.register_script(RELEASE)

    @property
    def _ttl_ms(self) -> int:
        return max(int(self.ttl * 1000), 1)

    async def acquire(self, floor: int) -> int | None:
        token = int(await self._acquire(keys=self._keys, args=[self.holder, self._ttl_ms, floor]) or 0)
        return token or None

    async def renew(self) -> bool:
        return bool(await self._renew(keys=self._keys[:1], args=[self.holder, self._ttl_ms]))

    async def release(self) -> None:
        try:
            await self._release(keys=self._keys[:1], args=[self.holder])
        finally:
            await self._redis.aclose()


class PostgresLeaderLock:
    """A session-level `pg_try_advisory_lock` on a connection of its own, held while leading: the lock lives
    exactly as long as that session, so renewal is the connection answering. Tokens from a sequence."""

    def __init__(self, engine: AsyncEngine, *, key: int = ADVISORY_KEY, ttl: float = 30.0,
                 holder: str | None = None) -> None:
        self.holder = holder or holder_id()
        self.ttl = ttl
        self._engine = engine
        self._key = key
        self._conn: AsyncConnection | None = None

    async def acquire(self, floor: int) -> int | None:
        if self._conn is not None:
            await self._drop()  # the campaign no longer counts on that session: end it, and its lock
        conn = await self._engine.connect()
        try:
            # autocommit: an idle-in-transaction session would hold back vacuum for as long as it leads
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            if not await conn.scalar(text("SELECT pg_try_advisory_lock(:key)"), {"key": self._key}):
                await conn.close()
                return None
            token = await conn.scalar(text(
                "SELECT setval('job_leader_token', greatest(nextval('job_leader_token'), :floor + 1))"),
                {"floor": floor})
        except BaseException:
            await _discard(conn)
            raise
        self._conn = conn
        return int(token)

    async def renew(self) -> bool:
        if self._conn is None:
            return False
        try:
            await self._conn.scalar(text("SELECT 1"))
        except Exception:
            log.warning("the leader's database session is gone; so is the advisory lock", exc_info=True)
            await self._drop()
            return False
        return True

    async def release(self) -> None:
        if self._conn is None:
            return
        with contextlib.suppress(Exception):
            await self._conn.scalar(text("SELECT pg_advisory_unlock(:key)"), {"key": self._key})
        await self._drop()

    async def _drop(self) -> None:
        conn, self._conn = self._conn, None
        if conn is not None:
            await _discard(conn)


async def _discard(conn: AsyncConnection) -> None:
    """Close the database session itself: a connection merely returned to the pool would keep its lock."""
    with contextlib.suppress(Exception):
        await asyncio.wait_for(conn.invalidate(), 5)
    with contextlib.suppress(Exception):
        await asyncio.wait_for(conn.close(), 5)


class LocalLeaderLock:
    """SQLite: one process owns the database, so it is the leader (claims in `job_runs` still run once)."""

    def __init__(self, *, ttl: float = 30.0, holder: str | None = None) -> None:
        self.holder = holder or holder_id()
        self.ttl = ttl
        self._token: int | None = None

    async def acquire(self, floor: int) -> int | None:
        if self._token is None or self._token <= floor:
            self._token = floor + 1
        return self._token

    async def renew(self) -> bool:
        return self._token is not None

    async def release(self) -> None:
        self._token = None


class Leadership:
    """Campaigns for the lock in the background: acquires it when free and renews it every third of its TTL.
    This process counts as leader only until the TTL after its last successful renewal runs out, measured
    from before the call, so it stops before any other holder can start."""

    def __init__(self, lock: LeaderLock, floor: Callable[[], Awaitable[int]], *,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.lock = lock
        self._floor = floor
        self._clock = clock
        self._token: int | None = None
        self._valid_until = 0.0
        self._task: asyncio.Task[None] | None = None
        # one call on the lock at a time, so that an older answer never overwrites what a newer one decided
        self._turn = asyncio.Lock()

    @property
    def holder(self) -> str:
        return self.lock.holder

    @property
    def token(self) -> int | None:
        return self._token if self.leading else None

    @property
    def leading(self) -> bool:
        return self._token is not None and self._clock() < self._valid_until

    async def campaign(self) -> bool:
        """One round: acquire the lock if this process does not hold it, else renew it. Whether it leads."""
        async with self._turn:
            started = self._clock()
            try:
                if self._token is None or not self.leading:
                    token = await asyncio.wait_for(self.lock.acquire(await self._floor()), self._call_limit)
                    if token is not None and token != self._token:
                        log.info("%s leads the scheduler (fencing token %d)", self.holder, token)
                    self._token = token
                elif not await asyncio.wait_for(self.lock.renew(), self._call_limit):
                    self._lost()
            except Exception as error:
                log.warning("scheduler lock: %s: %s", type(error).__name__, error)
                if not self.leading:
                    self._token = None
                return self.leading
            if self._token is not None:
                self._valid_until = started + self.lock.ttl
            return self._token is not None

    async def confirm(self) -> int | None:
        """Right before a firing: renew now and return the token, or None when this process is not leader."""
        async with self._turn:
            if not self.leading:
                return None
            started = self._clock()
            try:
                held = await asyncio.wait_for(self.lock.renew(), self._call_limit)
            except Exception as error:
                log.warning("scheduler lock renewal failed (%s: %s)", type(error).__name__, error)
                return self.token  # still ours until the TTL after the last successful renewal
            if not held:
                self._lost()
                return None
            self._valid_until = started + self.lock.ttl
            return self._token

    @property
    def _call_limit(self) -> float:
        return max(self.lock.ttl / 3, 0.05)

    def _lost(self) -> None:
        log.warning("%s lost the scheduler lock (token %s); it starts no more jobs", self.holder, self._token)
        self._token = None

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self._run(), name="scheduler-leadership")

    async def _run(self) -> None:
        while True:
            await self.campaign()
            await asyncio.sleep(self._call_limit)

    async def stop(self) -> None:
        """Stop campaigning and hand the lock over at once (the next replica need not wait for the TTL)."""
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task
            self._task = None
        self._token = None
        try:
            async with self._turn:
                await asyncio.wait_for(self.lock.release(), 5)
        except Exception as error:
            log.warning("scheduler lock release failed (%s: %s); it expires by itself", type(error).__name__, error)
