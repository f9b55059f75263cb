"""Benchmark work split over several processes (as `serve` with WEB_WORKERS), started together."""
from __future__ import annotations

import multiprocessing
from collections.abc import Callable, Coroutine
from typing import Any

from app.runtime import run

Run = tuple[list[float], float, float]  # latencies in seconds, wall-clock start, wall-clock end
Work = Callable[..., Coroutine[Any, Any, Run]]


def _child(work: Work, args: tuple[Any, ...], start: Any, results: Any) -> None:
    results.put(run(work(*args, start)))


def in_processes(work: Work, arg_sets: list[tuple[Any, ...]]) -> list[Run]:
    """`work(*args, start)` in one spawned process per argument set; each warms up, then waits on the
    `start` barrier so all of them measure the same stretch of time."""
    context = multiprocessing.get_context("spawn")
    start, results = context.Barrier(len(arg_sets)), context.Queue()
    children = [context.Process(target=_child, args=(work, args, start, results)) for args in arg_sets]
    for child in children:
        child.start()
    runs = [results.get(timeout=600) for _ in children]
    for child in children:
        child.join(30)
    return runs
