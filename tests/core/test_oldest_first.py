"""OldestFirst: a concurrency limit that serves the work that started first, and never loses a place."""
from __future__ import annotations

import asyncio

import pytest

from core.oldest_first import OldestFirst, work_started


async def _holder(gate: OldestFirst, started: float, order: list[str], name: str, release: asyncio.Event) -> None:
    work_started.set(started)  # each holder runs as its own task, so this is its own value
    async with gate:
        order.append(name)
        await release.wait()


async def test_a_freed_place_goes_to_the_work_that_started_first() -> None:
    gate = OldestFirst(1)
    order: list[str] = []
    go = asyncio.Event()
    first = asyncio.create_task(_holder(gate, 50.0, order, "holder", go))
    await asyncio.sleep(0)
    waiting = [asyncio.create_task(_holder(gate, started, order, name, go))
               for name, started in (("late lookup", 30.0), ("old lookup's follow-up", 10.0), ("newest", 40.0))]
    await asyncio.sleep(0.01)
    assert order == ["holder"], "one place: nobody else got in"
    go.set()
    await asyncio.gather(first, *waiting)
    assert order == ["holder", "old lookup's follow-up", "late lookup", "newest"]


async def test_never_more_holders_than_places() -> None:
    gate = OldestFirst(3)
    inside = peak = 0

    async def work() -> None:
        nonlocal inside, peak
        async with gate:
            inside += 1
            peak = max(peak, inside)
            await asyncio.sleep(0.001)
            inside -= 1

    await asyncio.gather(*(work() for _ in range(40)))
    assert peak == 3


async def test_a_waiter_that_gives_up_does_not_take_a_place_with_it() -> None:
    gate = OldestFirst(1)
    await gate.acquire()
    gave_up = asyncio.create_task(gate.acquire())
    await asyncio.sleep(0)
    gave_up.cancel()
    with pytest.raises(asyncio.CancelledError):
        await gave_up
    gate.release()
    async with asyncio.timeout(1):
        await gate.acquire()  # the place came back rather than going to the cancelled waiter


async def test_a_place_handed_over_as_the_waiter_is_cancelled_is_passed_on() -> None:
    gate = OldestFirst(1)
    await gate.acquire()
    unlucky = asyncio.create_task(gate.acquire())
    await asyncio.sleep(0)
    gate.release()       # hands the place to `unlucky`...
    unlucky.cancel()     # ...which is cancelled before it runs again
    with pytest.raises(asyncio.CancelledError):
        await unlucky
    async with asyncio.timeout(1):
        await gate.acquire()


def test_size_must_be_positive() -> None:
    with pytest.raises(ValueError):
        OldestFirst(0)
