"""The summary table at the top of docs/benchmarks.md: machine facts, one row per figure, rewritten in place."""
from __future__ import annotations

import os
import platform
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

START, END = "<!-- summary:start -->", "<!-- summary:end -->"
COLUMNS = ("figure", "ours", "baseline", "ratio", "target", "spread over the repeats")


@dataclass(frozen=True)
class Steal:
    """CPU time the hypervisor gave to others, from /proc/stat's first line, in ticks."""

    steal: int
    total: int

    @classmethod
    def now(cls, stat: Path = Path("/proc/stat")) -> Steal:
        fields = [int(n) for n in stat.read_text().split("\n", 1)[0].split()[1:9]]
        return cls(fields[7], sum(fields))

    def percent_until(self, later: Steal) -> float:
        return round((later.steal - self.steal) / max(later.total - self.total, 1) * 100, 1)


@dataclass
class Outcome:
    """One bench's run: its figures, or why it failed, and the steal while it ran."""

    name: str
    figures: list[dict[str, Any]] = field(default_factory=list)
    failed: str | None = None
    seconds: float = 0.0
    steal_pct: float = 0.0


def machine(cpuinfo: Path = Path("/proc/cpuinfo")) -> dict[str, Any]:
    model = next((line.split(":", 1)[1].strip() for line in cpuinfo.read_text().splitlines()
                  if line.startswith("model name")), platform.processor() or "unknown")
    return {"cpu": model, "cores": os.cpu_count(), "python": platform.python_version()}


def number(value: float | None) -> str:
    if value is None:
        return "—"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    return f"{value:.3g}" if abs(value) < 1 else f"{value:,.2f}".rstrip("0").rstrip(".")


def _range(low: float, high: float) -> str:
    return number(low) if low == high else f"{number(low)}–{number(high)}"


def row(name: str, found: dict[str, Any]) -> list[str]:
    """The table's cells for one figure of bench `name`."""
    ours, base, ratio = found["ours"], found.get("baseline"), found.get("ratio")
    unit = found.get("unit", "")
    spread = [f"ours {_range(ours['min'], ours['max'])}"]
    if base:
        spread.append("baseline fixed" if base.get("fixed") else f"baseline {_range(base['min'], base['max'])}")
    if ratio and "pairs_min" in ratio:
        spread.append(f"ratio {_range(ratio['pairs_min'], ratio['pairs_max'])}")
    spread.append(f"n = {ours['n']}")
    target = found.get("target") or "—"
    if found.get("met") is not None:
        target = f"{target.replace('>=', '≥').replace('<=', '≤')}{'' if base else ' (absolute)'}: " + (
            "met" if found["met"] else "**not met**")
    return [f"{found['figure']} ({unit})", number(ours["median"]),
            f"{number(base['median'])} ({base['name']})" if base else "— (none)",
            f"{number(ratio['of_medians'])}×" if ratio else "—", target, " · ".join(spread)]


def table(outcomes: list[Outcome]) -> list[str]:
    lines = ["| " + " | ".join(COLUMNS) + " |", "|" + "---|" * len(COLUMNS)]
    for outcome in outcomes:
        if outcome.failed is not None:
            cells = [f"bench.{outcome.name}", f"**failed**: {outcome.failed}", "", "", "", ""]
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
            continue
        for found in outcome.figures:
            lines.append("| " + " | ".join(c.replace("|", "\\|") for c in row(outcome.name, found)) + " |")
    return lines


def block(outcomes: list[Outcome], facts: dict[str, Any], command: str, date: str, steal_pct: float) -> str:
    """The marked block: when, how, on what, then the table."""
    per_bench = ", ".join(f"{o.name} {o.steal_pct} % in {o.seconds:.0f} s" for o in outcomes)
    return "\n".join([
        START,
        "## Summary: every figure beside a baseline from the same run",
        "",
        f"Measured {date} with `{command}` on {facts['cpu']}, {facts['cores']} cores, Python {facts['python']}; "
        f"CPU stolen by the hypervisor during the run: {steal_pct} % ({per_bench}).",
        "",
        "Ours and the baseline are medians over interleaved repeats (ours, baseline, ours, baseline…); the ratio is "
        "ours ÷ baseline of the medians, its spread the per-pair ratios'. A target with no baseline is absolute. "
        "Rewritten by `python -m bench`; the sections below are each bench's detailed history."
        + (" With `--quick` every bench runs at small sizes for seconds: these rows show the benches and their "
           "baselines work, not where we stand." if "--quick" in command else ""),
        "",
        *table(outcomes),
        END,
    ])


def rewrite(document: str, new_block: str) -> str:
    """`document` with the marked block replaced, or inserted after the first paragraph when it has none."""
    if START in document and END in document:
        head, rest = document.split(START, 1)
        return head + new_block + rest.split(END, 1)[1]
    title, sep, rest = document.partition("\n\n")
    intro, sep2, body = rest.partition("\n\n")
    return f"{title}{sep}{intro}\n\n{new_block}\n\n{body}" if sep2 else f"{document.rstrip()}\n\n{new_block}\n"
