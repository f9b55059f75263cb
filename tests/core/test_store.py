"""The in-process and Redis stores behave the same: TTL, set-if-absent, windowed counters, sliding logs."""
from __future__ import annotations

import asyncio
import uuid

import pytest

from core.store import MemoryStore, RedisStore, Store
from tests.conftest import REDIS_URL, _unavailable


@pytest.fixture(params=["memory", "redis"])
async def store(request: pytest.FixtureRequest):  # type: ignore[no-untyped-def]
    if request.param == "memory":
        yield MemoryStore()
        return
    redis = RedisStore(REDIS_URL, prefix=f"sbtest:{uuid.uuid4().hex[:8]}:")
    try:
        await redis.ping()
    except Exception as error:
        _unavailable("Redis", error)
    yield redis
    await redis.close()


async def test_values_expire(store: Store) -> None:
    await store.set("k", "v", ttl=0.2)
    assert await store.get("k") == "v"
    await asyncio.sleep(0.3)
    assert await store.get("k") is None


async def test_set_if_absent_is_atomic(store: Store) -> None:
    results = await asyncio.gather(*(store.set_if_absent("lock", str(i), 5) for i in range(20)))
    assert results.count(True) == 1
    await store.delete("lock")
    assert await store.set_if_absent("lock", "again", 5)


async def test_window_counter_counts_concurrent_hits(store: Store) -> None:
    counts = await asyncio.gather(*(store.incr_window("hits", 60) for _ in range(25)))
    assert sorted(counts) == list(range(1, 26))


async def test_sliding_log_answers_alike_on_both_stores(store: Store) -> None:
    # hits from replicas whose clocks differ a little arrive out of order; the log keeps them by time
    assert await store.sliding_hit("log", 2, 10, 100.5) == (True, 1, 0.0)
    assert await store.sliding_hit("log", 2, 10, 100.2) == (True, 2, 0.0)
    ok, count, retry_after = await store.sliding_hit("log", 2, 10, 101.0)
    assert (ok, count) == (False, 2) and retry_after == pytest.approx(9.2, abs=0.002)  # until 100.2 leaves
    assert await store.sliding_hit("log", 2, 10, 110.2) == (True, 2, 0.0)  # a hit exactly a window old is out
    assert await store.sliding_hit("nothing allowed", 0, 10, 1.0) == (False, 0, 10.0)


async def test_concurrent_commands_each_get_their_own_answer_or_error(store: Store) -> None:
    import time

    await store.set(f"hits:{int(time.time() // 3600)}", "not a number", 60)
    await store.set("present", "yes", 60)
    results = await asyncio.gather(store.incr_window("hits", 3600), store.get("present"), store.get("absent"),
                                   store.set_if_absent("fresh", "1", 60), store.incr_window("other", 3600),
                                   return_exceptions=True)
    if isinstance(store, RedisStore):  # Redis refuses to count a string; only that caller sees the error
        assert isinstance(results[0], Exception)
    assert results[1:] == ["yes", None, True, 1]


async def test_redis_down_fails_every_waiting_caller() -> None:
    down = RedisStore("redis://127.0.0.1:1/0", prefix="sbtest:down:")
    results = await asyncio.gather(down.get("a"), down.set("b", "1", 5), down.incr_window("c", 60),
                                   return_exceptions=True)
    assert all(isinstance(result, ConnectionError | OSError) or "Connection" in type(result).__name__
               for result in results), results
    await down.close()
