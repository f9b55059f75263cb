"""`JobControl`: what chat and the admin page may do with the scheduled jobs (see them, start one by hand),
implemented by the scheduler and wired by the composition root, so handlers never import the scheduler."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol


@dataclass(frozen=True, slots=True)
class JobStatus:
    name: str
    schedule: str  # cron text, "" when off
    next_run: datetime | None
    last_run: datetime | None
    outcome: str | None  # ok, failed, skipped; None before the first run
    detail: str


class JobControl(Protocol):
    def names(self) -> list[str]:
        """The registered jobs, by name."""
        ...

    async def overview(self) -> list[JobStatus]:
        """Every job with its schedule, next firing and last run."""
        ...

    async def start(self, name: str, *, by: str, watch: tuple[str, str] | None = None) -> None:
        """Start a run of `name` now, in the background (claimed like a firing, so never beside another run of
        it); its progress message goes to the conversation `watch` (channel, conversation id), or to the
        `system` topic without one. Raises `NotFound` for an unknown job."""
        ...
