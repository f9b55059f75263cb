"""The job registry: cron text from settings, and the firing a run belongs to on every replica's clock."""
from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from scheduler.jobs import JobRegistry, latest_fire


async def nothing() -> None:
    return None


def test_replica_clocks_a_few_ms_apart_name_the_same_firing() -> None:
    trigger = JobRegistry().register("batch-monitor", "*/30 * * * *", nothing).trigger("Asia/Dhaka")
    firing = datetime(2026, 3, 18, 5, 0, tzinfo=UTC)  # 11:00 in Dhaka
    seen = [latest_fire(trigger, firing + timedelta(milliseconds=ms), timedelta(minutes=6)) for ms in (0, 3, 250)]
    assert seen == [firing] * 3
    late = latest_fire(trigger, firing + timedelta(minutes=4), timedelta(minutes=6))  # within the misfire grace
    assert late == firing


def test_daily_schedules_follow_the_timezone() -> None:
    trigger = JobRegistry().register("rcdc-report", " 0 9 * * * ", nothing).trigger("Asia/Dhaka")
    assert trigger.get_next_fire_time(None, datetime(2026, 3, 18, tzinfo=UTC)) == datetime(
        2026, 3, 18, 3, 0, tzinfo=UTC)


def test_an_empty_schedule_is_off_and_a_bad_one_is_refused_at_registration() -> None:
    registry = JobRegistry()
    assert not registry.register("nocs-refresh", "", nothing).enabled
    assert not registry.register("nocs-refresh", None, nothing).enabled
    with pytest.raises(ValueError, match="'every hour' is not a cron schedule"):
        registry.register("nocs-refresh", "every hour", nothing)
    assert [job.name for job in registry] == ["nocs-refresh"]
