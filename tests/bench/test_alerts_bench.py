"""bench.alerts, small: one alert to 100 Telegram chats, 20 Teams conversations and 3 webhooks through the real
delivery worker and the rate-limited fakes, its Ack on every copy, and 2 s of the push API."""
from __future__ import annotations

import asyncio
import json
import os

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import create_async_engine

from bench import alerts
from bench.pg import PG_ADMIN, REDIS

IN_CI = os.environ.get("CI", "").lower() in ("1", "true", "yes")


async def _reachable() -> str | None:
    """Why the machine's PostgreSQL or Redis cannot be used, or None."""
    from redis.asyncio import Redis

    engine = create_async_engine(PG_ADMIN)
    redis = Redis.from_url(REDIS, socket_connect_timeout=2)
    try:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
        await redis.ping()
    except Exception as error:
        return f"{type(error).__name__}: {error}"
    finally:
        await engine.dispose()
        await redis.aclose()
    return None


async def test_every_copy_arrives_once_and_shows_the_ack() -> None:
    problem = await _reachable()
    if problem:
        reason = f"bench.alerts needs PostgreSQL and Redis on localhost ({problem})"
        if IN_CI:
            pytest.fail(reason, pytrace=False)
        pytest.skip(reason)
    report = await asyncio.wait_for(alerts.measure(alerts.Options.quick()), 120)
    run = report["runs"][0]
    explained = json.dumps(report)
    fan_out, ack, pushed = run["fan_out"], run["ack"], run["push"]
    assert fan_out["complete"] and (fan_out["lost"], fan_out["duplicated"]) == (0, 0), explained
    assert fan_out["outbox"] == {"sent": 123}, explained
    assert {p: fan_out[p]["arrived"] for p in alerts.PLATFORMS} == {"telegram": 100, "teams": 20,
                                                                    "teams_webhook": 3}, explained
    assert ack["complete"] and ack["missing"] == 0, explained
    assert all(ack[p]["repeated"] == 0 for p in alerts.PLATFORMS), explained
    assert run["spec_violations"] == 0, explained
    assert pushed["accepted"] > 0 and pushed["non_202"] == 0 and pushed["accepted_not_counted"] == 0, explained
