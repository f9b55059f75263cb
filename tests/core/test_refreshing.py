"""The few-seconds cache: one computation for many callers, stale values served while the next is computed, and a
failure that neither sticks nor loses the old value."""
from __future__ import annotations

import asyncio

import pytest

from core.refreshing import Refreshing


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


class Source:
    def __init__(self) -> None:
        self.calls = 0
        self.release = asyncio.Event()
        self.fail = False

    async def compute(self) -> int:
        self.calls += 1
        await self.release.wait()
        if self.fail:
            raise ConnectionError("the database is down")
        return self.calls


async def test_callers_at_the_same_moment_share_one_computation() -> None:
    cache: Refreshing[int] = Refreshing(10, clock=Clock())
    source = Source()
    waiting = [asyncio.create_task(cache.get("k", source.compute)) for _ in range(5)]
    await asyncio.sleep(0)
    source.release.set()
    assert await asyncio.gather(*waiting) == [1] * 5 and source.calls == 1
    assert await cache.get("k", source.compute) == 1 and source.calls == 1, "fresh: from the cache"


async def test_an_expired_value_is_served_while_its_successor_is_computed() -> None:
    clock = Clock()
    cache: Refreshing[int] = Refreshing(10, clock=clock)
    source = Source()
    source.release.set()
    assert await cache.get("k", source.compute) == 1
    clock.now += 11
    source.release.clear()
    assert await cache.get("k", source.compute) == 1, "nobody waits for the refresh"
    await asyncio.sleep(0)
    assert await cache.get("k", source.compute) == 1 and source.calls == 2, "one refresh at a time"
    source.release.set()
    await asyncio.sleep(0.01)
    assert await cache.get("k", source.compute) == 2
    clock.now += 25
    assert await cache.get("k", source.compute) == 3, "a value that expired long ago is not served: it is waited for"


async def test_a_failure_reaches_its_callers_and_the_next_caller_tries_again() -> None:
    clock = Clock()
    cache: Refreshing[int] = Refreshing(10, clock=clock)
    source = Source()
    source.release.set()
    source.fail = True
    with pytest.raises(ConnectionError):
        await cache.get("k", source.compute)
    source.fail = False
    assert await cache.get("k", source.compute) == 2, "the failure was not cached"
    clock.now += 11
    source.fail = True
    assert await cache.get("k", source.compute) == 2
    await asyncio.sleep(0.01)
    assert await cache.get("k", source.compute) == 2, "a failed refresh keeps the old value"
    await asyncio.sleep(0.01)
    assert source.calls == 4, "and the next caller after it tried again"
