"""Figures against a same-run baseline: medians, spreads over interleaved repeats, ratios, targets met."""
from __future__ import annotations

import operator
import statistics
from collections.abc import Awaitable, Callable, Sequence
from typing import Any, TypeVar

A = TypeVar("A")
B = TypeVar("B")
OPS: dict[str, Callable[[float, float], bool]] = {">=": operator.ge, "<=": operator.le}


def spread(values: Sequence[float]) -> dict[str, float | int]:
    """Median and min–max of the repeats of one figure."""
    if not values:
        raise ValueError("no values")
    return {"median": _round(statistics.median(values)), "min": _round(min(values)), "max": _round(max(values)),
            "n": len(values)}


def ratio(ours: Sequence[float], baseline: Sequence[float]) -> dict[str, float | int]:
    """The ratio of the medians, and the spread of the per-pair ratios (pair i: ours[i] ÷ baseline[i])."""
    of_medians = statistics.median(ours) / statistics.median(baseline)
    figures: dict[str, float | int] = {"of_medians": round(of_medians, 3)}
    if len(ours) == len(baseline):
        pairs = [a / b for a, b in zip(ours, baseline, strict=True)]
        figures.update(pairs_min=round(min(pairs), 3), pairs_max=round(max(pairs), 3), pairs=len(pairs))
    return figures


def met(target: str | None, value: float) -> bool | None:
    """Whether `value` meets a target written as ">= 0.5" or "<= 1.5"; None without a target."""
    if not target:
        return None
    op, bound = target.split()
    return OPS[op](value, float(bound))


def figure(name: str, unit: str, ours: Sequence[float], baseline: Sequence[float] | float | None = None,
           baseline_name: str = "", target: str | None = None) -> dict[str, Any]:
    """One row of the summary: ours beside a baseline measured in the same run (a list, paired repeat by
    repeat) or a fixed ceiling (a number). The target is on the ratio ours ÷ baseline; with no baseline, on
    our median itself."""
    row: dict[str, Any] = {"figure": name, "unit": unit, "ours": spread(ours), "baseline": None, "ratio": None,
                           "target": target}
    if baseline is None:
        row["met"] = met(target, statistics.median(ours))
        return row
    fixed = isinstance(baseline, int | float)
    paired = [float(baseline)] * len(ours) if isinstance(baseline, int | float) else list(baseline)
    row["baseline"] = {"name": baseline_name, **spread(paired), "fixed": fixed}
    row["ratio"] = ratio(ours, paired)
    row["met"] = met(target, row["ratio"]["of_medians"])
    return row


async def interleaved(repeats: int, ours: Callable[[int], Awaitable[A]],
                      baseline: Callable[[int], Awaitable[B]]) -> tuple[list[A], list[B]]:
    """`repeats` × (ours, baseline), alternating, so a machine that drifts moves both alike."""
    mine: list[A] = []
    theirs: list[B] = []
    for n in range(repeats):
        mine.append(await ours(n))
        theirs.append(await baseline(n))
    return mine, theirs


def _round(value: float) -> float:
    return round(value, 3) if abs(value) < 100 else round(value, 1)
