"""Chart and PDF figures: a spending chart's render time cold (new data each time) and from the cache, and the PDF
report's build time for N entries. One JSON line; --quick for a smoke run with small numbers."""
from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from bench.ratios import figure
from core.models import Entry
from core.services.charts import ChartData, Charts, render_png
from core.services.pdf_report import Report, build_pdf, spending_chart

CATEGORIES = ("food", "transport", "groceries", "rent", "utilities", "health", "shopping", "travel", "fees")
START = date(2026, 3, 1)


def _spread(seconds: list[float]) -> dict[str, float]:
    ordered = sorted(seconds)
    return {"n": len(ordered), "p50_ms": round(statistics.median(ordered) * 1000, 2),
            "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)] * 1000, 2)}


def _chart(rng: random.Random, n: int) -> ChartData:
    categories = tuple((name, Decimal(rng.randint(100, 50_000))) for name in rng.sample(CATEGORIES, 6))
    daily = tuple((START + timedelta(days=day), Decimal(rng.randint(0, 5_000))) for day in range(31))
    return ChartData(f"Spending · March 2026 #{n}", "BDT", START, START + timedelta(days=30), categories, daily)


def _entries(rng: random.Random, count: int) -> list[tuple[Entry, str]]:
    words = ("lunch", "taxi", "মাছ বাজার", "rent", "coffee with the team", "electricity bill", "medicine")
    return [(Entry(id=n, kind="expense", description=rng.choice(words), category=rng.choice(CATEGORIES),
                   amount_minor=rng.randint(1_000, 500_000), currency="BDT",
                   occurred_on=START + timedelta(days=rng.randint(0, 30)), created_at=datetime.now(UTC)),
             rng.choice(("alice", "bob", "carol"))) for n in range(count)]


async def main(renders: int, entries: int) -> dict[str, object]:
    rng = random.Random(17)
    render_png(_chart(rng, -1))  # imports Matplotlib and loads the fonts: not part of any figure below
    charts = Charts(size=renders)
    data = [_chart(rng, n) for n in range(renders)]
    cold, cached = [], []
    for n, chart in enumerate(data):
        began = time.perf_counter()
        await charts.png(chart, scope=("bench", n))
        cold.append(time.perf_counter() - began)
    for n, chart in enumerate(data):
        began = time.perf_counter()
        await charts.png(chart, scope=("bench", n))
        cached.append(time.perf_counter() - began)
    rows = _entries(rng, entries)
    spending = spending_chart("Spending · March 2026", rows, START, START + timedelta(days=30), "en_IN")
    assert spending is not None
    png = render_png(spending)
    began = time.perf_counter()
    pdf = build_pdf(Report("bench", START, START + timedelta(days=30), rows, ["bob owes alice ৳450.00"], True, png))
    built = time.perf_counter() - began
    figures = [figure("charts: a chart drawn (cold, off the loop)", "ms", [s * 1000 for s in cold], target="<= 150"),
               figure("charts: a chart from the cache", "ms", [s * 1000 for s in cached]),
               figure(f"charts: PDF report of {entries:,} entries", "ms", [built * 1000])]
    return {"bench": "charts", "figures": figures, "chart_cold": _spread(cold), "chart_cached": _spread(cached),
            "cache_hits": charts.hits, "png_bytes": len(png),
            "pdf": {"entries": entries, "build_ms": round(built * 1000, 1), "bytes": len(pdf)}}


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--renders", type=int, default=20)
    parser.add_argument("--entries", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="3 renders and 50 entries: a smoke run")
    args = parser.parse_args()
    renders, count = (3, 50) if args.quick else (args.renders, args.entries)
    print(json.dumps(asyncio.run(main(renders, count)), ensure_ascii=False))
