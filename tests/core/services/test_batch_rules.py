"""The batch rules on their own: each rule's boundary, stuck winning over warning, and what the reason says."""
from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from core.services.batch_rules import Previous, Thresholds, duration_text, judge, rps_band, trend

DHAKA = ZoneInfo("Asia/Dhaka")
START = datetime(2026, 3, 18, 10, 0, tzinfo=DHAKA)
LIMITS = Thresholds()


def at(minutes: int) -> datetime:
    return START + timedelta(minutes=minutes)


def verdict(minutes: int, records: int | None, previous: tuple[int, int] | None = None,
            start: datetime | None = START) -> tuple[str, str]:
    before = Previous(at(previous[0]), previous[1], None) if previous else None
    found = judge(start=start, now=at(minutes), records=records, previous=before, limits=LIMITS)
    return found.status, found.reason


@pytest.mark.parametrize(("minutes", "records", "previous", "status", "reason"), [
    (30, 45_230, None, "ok", ""),                                           # 25 RPS but under an hour
    (60, 46_120, (30, 45_230), "warning", "running 1h 0m with RPS 12.81 < 50"),  # 1 h is inside the window
    (90, 46_120, (60, 46_120), "stuck", "records not increasing since 11:00"),
    (120, 46_120, (90, 46_120), "stuck", "records not increasing since 11:30"),
    (120, 300_000, (90, 200_000), "warning", "running 2h 0m with RPS 41.67 < 50"),  # 2 h is still a warning
    (121, 300_500, (90, 200_000), "stuck", "running 2h 1m with RPS 41.39 < 50"),
    (150, 468_450, (120, 46_120), "ok", ""),
    (9, 100, (4, 100), "ok", ""),                                           # too young for the stuck rules
    (10, 500, None, "stuck", "RPS 0.83 < 1 after 10m"),
    (10, 600, None, "ok", ""),
])
def test_rules(minutes: int, records: int, previous: tuple[int, int] | None, status: str, reason: str) -> None:
    assert verdict(minutes, records, previous) == (status, reason)


def test_stuck_wins_and_names_every_rule_that_holds() -> None:
    status, reason = verdict(150, 1_000, (120, 1_000))
    assert status == "stuck"
    assert reason == ("records not increasing since 12:00; RPS 0.11 < 1 after 2h 30m; "
                      "running 2h 30m with RPS 0.11 < 50")


def test_runs_that_cannot_be_judged_are_reported_as_such() -> None:
    assert verdict(30, 100, start=None) == ("warning", "no start time in CC&B")
    assert verdict(30, None) == ("warning", "no record count in CC&B")
    status, reason = verdict(30, 100, start=at(45))
    assert status == "warning" and "10:45 is after the check time" in reason


def test_figures_as_people_read_them() -> None:
    assert duration_text(3660) == "1h 1m" and duration_text(5400) == "1h 30m" and duration_text(59) == "0m"
    assert duration_text(2 * 86400 + 3700) == "2d 1h 1m" and duration_text(None) == "—"
    assert [rps_band(v, LIMITS) for v in (150, 100, 99.9, 50, 49.9, None)] == [
        "good", "good", "attention", "attention", "warning", "unknown"]
    assert trend(8.54, 12.81) == "declining ↘" and trend(52.05, 8.54) == "rising ↗" and trend(10, 10.1) == "steady →"
