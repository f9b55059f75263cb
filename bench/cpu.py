"""CPU time over a stretch of a benchmark, from /proc: the whole machine, PostgreSQL's processes, and steal."""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


@dataclass(frozen=True)
class CpuSample:
    busy: float       # seconds of CPU the machine spent outside idle and I/O wait, all cores together
    steal: float      # seconds the hypervisor ran something else while this machine wanted to run
    total: float      # seconds of all kinds, all cores together
    postgres: float   # seconds of CPU used by the local PostgreSQL server's processes

    @classmethod
    def now(cls) -> CpuSample:
        user, nice, system, idle, iowait, irq, softirq, steal = (
            int(n) for n in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:9])
        busy = user + nice + system + irq + softirq
        return cls(busy / TICK, steal / TICK, (busy + idle + iowait + steal) / TICK, _postgres_seconds())

    def per_operation(self, later: CpuSample, operations: int) -> dict[str, float]:
        """Milliseconds of machine and PostgreSQL CPU per operation between two samples, and the share of the
        stretch the hypervisor stole (a busy neighbour slows every figure here)."""
        return {"machine_cpu_ms": round((later.busy - self.busy) / operations * 1000, 3),
                "postgres_cpu_ms": round((later.postgres - self.postgres) / operations * 1000, 3),
                "steal_pct": round((later.steal - self.steal) / max(later.total - self.total, 1e-9) * 100, 1)}


def _postgres_seconds() -> float:
    ticks = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().strip() != "postgres":
                continue
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:  # the process ended while we looked
            continue
        ticks += int(fields[11]) + int(fields[12])  # utime, stime
    return ticks / TICK
