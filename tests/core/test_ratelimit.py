"""The sliding-window limiter on both stores (in-process and Redis), on a clock the tests move by hand."""
from __future__ import annotations

import asyncio

from app.runtime import Runtime
from core.ratelimit import RateLimiter
from core.store import RedisStore

EPOCH = 1_700_000_000.0  # a wall-clock time, so Redis has to keep the milliseconds of real timestamps


class Clock:
    def __init__(self) -> None:
        self.now = EPOCH

    def at(self, seconds: float) -> Clock:
        self.now = EPOCH + seconds
        return self

    def __call__(self) -> float:
        return self.now


async def test_hits_just_before_the_minute_turns_still_count_after_it(runtime: Runtime) -> None:
    clock = Clock().at(59.9)
    limiter = RateLimiter(runtime.store, clock)
    assert [(await limiter.hit("lookups:1", 10, 60)).count for _ in range(10)] == list(range(1, 11))

    clock.at(60.1)  # a fixed window would have started afresh here and let ten more through
    refused = await limiter.hit("lookups:1", 10, 60)
    assert not refused and refused.count == 10 and abs(refused.retry_after - 59.8) < 0.002
    clock.at(119.8)
    assert not await limiter.hit("lookups:1", 10, 60)

    clock.at(60.1 + refused.retry_after)  # the ten slide out together: ten more, not eleven
    assert [(await limiter.hit("lookups:1", 10, 60)).ok for _ in range(11)] == [True] * 10 + [False]


async def test_refused_hits_do_not_push_the_wait_further(runtime: Runtime) -> None:
    clock = Clock()
    limiter = RateLimiter(runtime.store, clock)
    for second in range(60):  # someone who keeps trying, once a second for a minute
        clock.at(second)
        assert (await limiter.hit("turns:7", 3, 60)).ok is (second < 3)
    clock.at(60)
    assert (await limiter.hit("turns:7", 3, 60)).count == 3, "the hit at 0 s left; those at 1 s and 2 s remain"


async def test_concurrent_hits_at_the_same_instant_are_each_counted_once(runtime: Runtime) -> None:
    limiter = RateLimiter(runtime.store, Clock().at(5))
    answers = await asyncio.gather(*(limiter.hit("pace:chat-9", 10, 1) for _ in range(25)))
    assert sum(a.ok for a in answers) == 10
    assert sorted(a.count for a in answers if a.ok) == list(range(1, 11))
    assert (await limiter.hit("pace:chat-10", 10, 1)).ok, "another key has its own window"


async def test_a_log_is_dropped_a_window_after_its_last_hit(runtime: Runtime) -> None:
    limiter = RateLimiter(runtime.store)
    assert await limiter.hit("brief", 5, 0.2)
    if isinstance(runtime.store, RedisStore):
        ttl_ms = await runtime.store._redis.pttl(runtime.store._k("limit:brief"))
        assert 0 < ttl_ms <= 200
    await asyncio.sleep(0.3)
    assert (await limiter.hit("brief", 5, 0.2)).count == 1
