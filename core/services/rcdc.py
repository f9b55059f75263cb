"""RC/DC dashboard: remote connect and disconnect commands of the last 24 hours by status, with success rate."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from core.services.operations import OperationsSource

KINDS = (("RC", "Remote connect"), ("DC", "Remote disconnect"))


@dataclass(frozen=True, slots=True)
class CommandCounts:
    kind: str
    label: str
    completed: int = 0
    pending: int = 0
    failed: int = 0
    timed_out: int = 0
    other: int = 0

    @property
    def total(self) -> int:
        return self.completed + self.pending + self.failed + self.timed_out + self.other

    @property
    def success_rate(self) -> float | None:
        """Completed among the finished commands (pending ones have no outcome yet); None when none finished."""
        finished = self.completed + self.failed + self.timed_out + self.other
        return self.completed / finished if finished else None


@dataclass(frozen=True, slots=True)
class RcdcSummary:
    since: datetime
    until: datetime
    kinds: list[CommandCounts]


class RcdcDashboard:
    def __init__(self, source: OperationsSource, *, window: timedelta = timedelta(hours=24)) -> None:
        self._source = source
        self.window = window

    async def summary(self, now: datetime | None = None) -> RcdcSummary:
        until = (now or datetime.now(UTC)).astimezone(UTC)
        since = until - self.window
        counts: dict[str, dict[str, int]] = {kind: {} for kind, _ in KINDS}
        for kind, status, commands in await self._source.rcdc_counts(since):
            field = {"COMPLETED": "completed", "PENDING": "pending", "FAILED": "failed",
                     "TIMEOUT": "timed_out"}.get(status.strip().upper(), "other")
            bucket = counts.setdefault(kind.strip().upper(), {})
            bucket[field] = bucket.get(field, 0) + int(commands)
        return RcdcSummary(since, until, [CommandCounts(kind, label, **counts.get(kind, {})) for kind, label in KINDS])
