"""The sliding-window limiter on both stores (in-process and Redis), on a clock the tests move by hand."""
from __future__ import annotations

import asyncio

from app.runtime import Runtime
from core.ratelimit import RateLimiter, SlidingWindow
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


def test_the_in_process_window_says_how_long_to_wait_and_keeps_keys_apart() -> None:
    clock = Clock().at(0)
    window = SlidingWindow(2, 1.0, clock)
    assert window.hit("chat-1") and window.hit("chat-1", now=clock.at(0.25).now)
    clock.at(0.5)
    refused = window.hit("chat-1")
    assert not refused and refused.count == 2 and refused.retry_after == 0.5
    assert window.wait("chat-2") == 0, "another key has its own window"
    window.record("chat-1")  # a send that had to go out anyway (the next chunk of a long message)
    assert window.wait("chat-1") == 0.75, "two of the three must leave: the one at 0.25 s too"
    clock.at(1.25)
    assert window.wait("chat-1") == 0 and window.hit("chat-1").count == 2


def test_the_pacers_share_the_window_on_an_injected_clock() -> None:
    from bots.teams.notifier import Pacer
    from bots.telegram.notifier import SendPacer

    clock = Clock().at(0)
    teams = Pacer(clock)
    for n in range(60):  # 7 a second for 9 seconds would be 63: the 30-second window stops them at 60
        clock.at(n // 7 + (n % 7) * 0.01)
        assert teams.conversation_wait("conversation") == 0, n
        teams.record("conversation", f"tenant-{n}")
    clock.at(8.5)
    assert teams.conversation_wait("conversation") == 21.5, "the first send leaves the 30-second window at 30 s"
    assert teams.wait("another", "tenant") == 0
    telegram = SendPacer(clock=clock)
    telegram.pause("42", 3.0)
    assert telegram.wait_for_chat("42") == 3.0 and telegram.wait_for_chat("43") == 0


async def test_teams_sends_wait_their_turn_for_the_tenant_evenly_spaced() -> None:
    import asyncio
    import itertools
    import time

    from bots.teams.notifier import TENANT_PER_SECOND, Pacer

    pacer = Pacer()
    started = time.monotonic()
    sent: list[float] = []

    async def send(n: int) -> None:
        assert pacer.conversation_wait(f"conversation-{n}") == 0
        await pacer.slot(f"conversation-{n}", "tenant")
        sent.append(time.monotonic() - started)

    await asyncio.gather(*(send(n) for n in range(TENANT_PER_SECOND + 5)))
    assert len(sent) == TENANT_PER_SECOND + 5, "every send went, none was turned away"
    # each send on or after its beat (the i-th i slots after the first), never a burst; the times are read when the
    # event loop comes back to the sender, so a send read late makes the next gap look short: one slot is allowed
    spacing = 1.0 / TENANT_PER_SECOND
    assert all(t - sent[0] >= (i - 1) * spacing for i, t in enumerate(sent)), "each send on or after its beat"
    gaps = [later - earlier for earlier, later in itertools.pairwise(sent)]
    assert sum(gap < spacing / 4 for gap in gaps) <= 2, "never two sends at once (one late reading allowed twice)"
    # on a beat: a send a little late and the next on time make at most one more in a second, still under 50
    assert all(sum(1 for t in sent if start <= t < start + 1.0) <= TENANT_PER_SECOND + 1 for start in sent)
    assert pacer.conversation_wait("conversation-1") == 0 and pacer.wait("conversation-1", "other tenant") == 0


def test_a_beat_keeps_its_pace_when_hits_come_a_little_late_and_restarts_after_a_pause() -> None:
    from core.ratelimit import Beat

    clock = Clock().at(0)
    beat = Beat(25, clock)  # one per 40 ms
    for n in range(50):
        clock.at(n * 0.040 + (0.002 if n else 0))  # each hit after the first 2 ms after its slot, as sleeps overshoot
        assert beat.wait() == 0, n
        beat.record()
    assert abs(beat.wait() - 0.038) < 1e-5, "the next slot is on the beat, not 40 ms after the late hit"
    clock.at(10.0)
    assert beat.wait() == 0
    beat.record()
    assert abs(beat.wait() - 0.040) < 1e-5, "after a pause the beat starts from the hit, with no burst owed"
    assert beat.wait("another key") == 0
