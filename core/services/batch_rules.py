"""Batch-monitoring rules as pure functions: RPS, interval RPS, stuck / warning / ok with the reason, trend."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.config import Settings


@dataclass(frozen=True, slots=True)
class Thresholds:
    """The rules' figures (settings MONITOR_*)."""

    stuck_min_seconds: int = 600          # the stuck rules apply to runs at least this old
    stuck_min_rps: float = 1.0            # stuck below this RPS
    slow_rps: float = 50.0                # warning (1–2 h) or stuck (past 2 h) below this RPS
    good_rps: float = 100.0               # from here the report shows RPS as good
    warning_after_seconds: int = 3600
    stuck_after_seconds: int = 7200

    @classmethod
    def from_settings(cls, settings: Settings) -> Thresholds:
        return cls(stuck_min_seconds=settings.monitor_stuck_min_seconds, stuck_min_rps=settings.monitor_stuck_min_rps,
                   slow_rps=settings.monitor_slow_rps, good_rps=settings.monitor_good_rps,
                   warning_after_seconds=settings.monitor_warning_after_seconds,
                   stuck_after_seconds=settings.monitor_stuck_after_seconds)


@dataclass(frozen=True, slots=True)
class Previous:
    """The previous check of the same run; `records_since` is when its record count was first seen."""

    checked_at: datetime
    records: int | None
    rps: float | None
    records_since: datetime | None = None
    status: str = "ok"

    def stalled(self, records: int | None) -> bool:
        return records is not None and self.records is not None and records <= self.records


@dataclass(frozen=True, slots=True)
class Verdict:
    status: str  # ok, warning, stuck
    reason: str = ""


def duration_text(seconds: int | None) -> str:
    """'1h 1m', '45m', '2d 3h 5m'; '—' when unknown."""
    if seconds is None or seconds < 0:
        return "—"
    minutes = seconds // 60
    days, minutes = divmod(minutes, 1440)
    hours, minutes = divmod(minutes, 60)
    if days:
        return f"{days}d {hours}h {minutes}m"
    return f"{hours}h {minutes}m" if hours else f"{minutes}m"


def rps(records: int | None, seconds: int | None) -> float | None:
    if records is None or seconds is None or seconds <= 0:
        return None
    return records / seconds


def interval_rps(records: int | None, at: datetime, previous: Previous | None) -> float | None:
    """Records per second since the previous check of the same run (negative never: CC&B recounts are 0)."""
    if previous is None or records is None or previous.records is None:
        return None
    seconds = (at - previous.checked_at).total_seconds()
    if seconds <= 0:
        return None
    return max(0, records - previous.records) / seconds


def clock(at: datetime, now: datetime) -> str:
    """A time of the same day as '11:00', another day's as '17 Mar 23:30' (both in the zone `now` is in)."""
    local = at.astimezone(now.tzinfo)
    return local.strftime("%H:%M") if local.date() == now.date() else local.strftime("%d %b %H:%M").lstrip("0")


def judge(*, start: datetime | None, now: datetime, records: int | None, previous: Previous | None,
          limits: Thresholds) -> Verdict:
    """The issue's rules: stuck when the records did not increase since the previous check (and the run is at
    least `stuck_min_seconds` old), or RPS < `stuck_min_rps` after that time, or it runs longer than
    `stuck_after_seconds` with RPS < `slow_rps`; warning when it runs between `warning_after_seconds` and
    `stuck_after_seconds` (both included) with RPS < `slow_rps`; ok otherwise. Stuck wins. A run without a
    start, with a start after `now` or without record counts cannot be judged and is reported as a warning."""
    if start is None:
        return Verdict("warning", "no start time in CC&B")
    if start > now + timedelta(seconds=1):
        return Verdict("warning", f"start {clock(start, now)} is after the check time (clock or data problem)")
    if records is None:
        return Verdict("warning", "no record count in CC&B")
    seconds = int((now - start).total_seconds())
    speed = rps(records, seconds) or 0.0
    stuck: list[str] = []
    if seconds >= limits.stuck_min_seconds:
        if previous is not None and previous.stalled(records):
            stuck.append(f"records not increasing since {clock(previous.records_since or previous.checked_at, now)}")
        if speed < limits.stuck_min_rps:
            stuck.append(f"RPS {speed:.2f} < {limits.stuck_min_rps:g} after {duration_text(seconds)}")
    if seconds > limits.stuck_after_seconds and speed < limits.slow_rps:
        stuck.append(f"running {duration_text(seconds)} with RPS {speed:.2f} < {limits.slow_rps:g}")
    if stuck:
        return Verdict("stuck", "; ".join(stuck))
    if limits.warning_after_seconds <= seconds <= limits.stuck_after_seconds and speed < limits.slow_rps:
        return Verdict("warning", f"running {duration_text(seconds)} with RPS {speed:.2f} < {limits.slow_rps:g}")
    return Verdict("ok")


def trend(current: float | None, previous: float | None) -> str:
    """How RPS moved since the previous check: rising, declining or steady (within 2 %)."""
    if current is None or previous is None:
        return "—"
    if abs(current - previous) <= 0.02 * max(abs(previous), 1e-9):
        return "steady →"
    return "rising ↗" if current > previous else "declining ↘"


def rps_band(value: float | None, limits: Thresholds) -> str:
    """good (≥ good_rps), attention (slow_rps up to good_rps) or warning (below slow_rps)."""
    if value is None:
        return "unknown"
    if value >= limits.good_rps:
        return "good"
    return "attention" if value >= limits.slow_rps else "warning"
