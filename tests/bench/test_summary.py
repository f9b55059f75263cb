"""python -m bench's summary: ratios and spreads from given repeats, failed benches as failed rows, and the
marked block of docs/benchmarks.md rewritten without touching the sections below it."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from bench.__main__ import chosen, outcome_of, run_one
from bench.ratios import figure, interleaved, met, spread
from bench.summary import END, START, Outcome, Steal, block, rewrite, table

FACTS = {"cpu": "Test CPU @ 2.0GHz", "cores": 2, "python": "3.11.7"}
DOC = """# Benchmarks

Each benchmark is `python -m bench.NAME` and prints one JSON line.

## Ledger: confirmed entries through the dispatcher

| backend | entries/s |
|---|---|
| PostgreSQL | 1,819 |

## Telegram

Session 5 text, kept as it is.
"""


def test_ratio_of_medians_and_spread_of_pairs() -> None:
    row = figure("ledger", "entries/s", [100, 120, 110], [200, 180, 220], "bare asyncpg", ">= 0.5")
    assert row["ours"] == {"median": 110, "min": 100, "max": 120, "n": 3}
    assert row["baseline"] == {"name": "bare asyncpg", "median": 200, "min": 180, "max": 220, "n": 3, "fixed": False}
    # pairs: 100/200, 120/180, 110/220
    assert row["ratio"] == {"of_medians": 0.55, "pairs_min": 0.5, "pairs_max": 0.667, "pairs": 3}
    assert row["met"] is True


def test_a_ceiling_is_the_same_baseline_for_every_repeat() -> None:
    row = figure("telegram delivery", "messages/s", [27.0, 28.5], 30.0, "Telegram's ceiling", ">= 0.9")
    assert row["baseline"]["min"] == row["baseline"]["max"] == 30.0 and row["baseline"]["fixed"] is True
    assert row["ratio"] == {"of_medians": 0.925, "pairs_min": 0.9, "pairs_max": 0.95, "pairs": 2}
    assert row["met"] is True


def test_a_figure_without_baseline_meets_its_target_on_its_own_median() -> None:
    row = figure("admin p95", "ms", [120.0, 90.0, 95.0], target="<= 100")
    assert row["baseline"] is None and row["ratio"] is None and row["met"] is True
    assert met("<= 1.5", 1.56) is False and met(None, 3) is None


def test_spread_needs_values() -> None:
    assert spread([3.0]) == {"median": 3.0, "min": 3.0, "max": 3.0, "n": 1}
    with pytest.raises(ValueError):
        spread([])


async def test_repeats_are_interleaved() -> None:
    order: list[str] = []

    async def ours(n: int) -> int:
        order.append(f"ours{n}")
        return n

    async def baseline(n: int) -> int:
        order.append(f"base{n}")
        return -n

    assert await interleaved(2, ours, baseline) == ([0, 1], [0, -1])
    assert order == ["ours0", "base0", "ours1", "base1"]


def _outcomes() -> list[Outcome]:
    good = figure("ledger: confirmed entries/s", "entries/s", [1000.0, 1100.0], [2000.0, 2100.0], "bare", ">= 0.5")
    return [Outcome("ledger", [good], seconds=12.0, steal_pct=0.4), Outcome("lookup", failed="exit 1: boom")]


def test_the_marked_block_is_replaced_and_the_sections_below_kept() -> None:
    first = rewrite(DOC, block(_outcomes(), FACTS, "python -m bench --quick", "2026-12-03 10:00 UTC", 0.4))
    assert first.index(START) < first.index("## Ledger") and first.count(START) == first.count(END) == 1
    assert first.startswith("# Benchmarks\n\nEach benchmark is")
    assert first.split(END, 1)[1].lstrip("\n") == DOC.split("\n\n", 2)[2]  # every detailed section as it was
    again = rewrite(first, block(_outcomes()[:1], FACTS, "python -m bench", "2026-12-04 10:00 UTC", 1.5))
    assert again.count(START) == 1 and "2026-12-04" in again and "2026-12-03" not in again
    assert again.split(END, 1)[1] == first.split(END, 1)[1]
    assert again.split(START, 1)[0] == first.split(START, 1)[0]


def test_the_block_says_when_how_and_on_what() -> None:
    text = block(_outcomes(), FACTS, "python -m bench --quick", "2026-12-03 10:00 UTC", 0.4)
    assert "2026-12-03 10:00 UTC" in text and "`python -m bench --quick`" in text
    assert "Test CPU @ 2.0GHz, 2 cores, Python 3.11.7" in text and "0.4 %" in text
    ledger = next(line for line in text.splitlines() if line.startswith("| ledger"))
    assert "0.512×" in ledger and "≥ 0.5: met" in ledger and "ratio 0.5–0.524" in ledger and "n = 2" in ledger


def test_a_failing_bench_subprocess_is_a_failed_row() -> None:
    crash = [sys.executable, "-c", "import sys; print('half a line'); sys.exit('boom: no database')"]
    outcome = run_one("lookup", [], timeout=60, command=crash)
    assert outcome.failed == "exit 1: boom: no database"
    silent = run_one("teams", [], timeout=60, command=[sys.executable, "-c", "print('no json here')"])
    assert silent.failed is not None and silent.failed.startswith("no JSON line")
    lines = table([outcome, silent])
    assert lines[2].startswith("| bench.lookup | **failed**: exit 1: boom: no database |")
    assert "bench.teams | **failed**" in lines[3]


def test_a_bench_line_is_read_from_the_end_of_its_output() -> None:
    line = json.dumps({"bench": "teams", "figures": [figure("teams", "messages/s", [45.0], 50.0, "ceiling")]})
    found = outcome_of("teams", 0, f"fake Bot API on :8080\n{line}\n", "")
    assert found.failed is None and found.figures[0]["ratio"]["of_medians"] == 0.9
    assert outcome_of("teams", 0, json.dumps({"bench": "teams"}), "").failed == "its JSON line has no figures"


def test_only_and_skip() -> None:
    assert chosen("ledger,nlu", None) == ["ledger", "nlu"]
    assert "ledger" not in chosen(None, "ledger,admin") and "admin" not in chosen(None, "ledger,admin")
    with pytest.raises(SystemExit):
        chosen("nope", None)


def test_steal_share_between_two_samples(tmp_path: Path) -> None:
    stat = tmp_path / "stat"
    stat.write_text("cpu  100 0 50 800 10 0 0 40 0 0\ncpu0 1 2 3\n")
    before = Steal.now(stat)
    stat.write_text("cpu  150 0 60 900 10 0 0 70 0 0\n")
    assert before.percent_until(Steal.now(stat)) == 15.8  # 30 stolen of 190 ticks
