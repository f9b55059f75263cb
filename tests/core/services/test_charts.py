"""Spending charts: a PNG of the right size, drawn once per data (the cache), with ৳ or, without a font for it, BDT."""
from __future__ import annotations

import io
import os
import shutil
import warnings
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

import pytest
from PIL import Image

from core.services.charts import (
    SIZE,
    ChartData,
    Charts,
    Fonts,
    coverage,
    find_font,
    money_text,
    render_png,
    system_fonts,
    trend,
)

MARCH = ChartData("Spending · March 2026", "BDT", date(2026, 3, 1), date(2026, 3, 31),
                  (("food", Decimal("12500.50")), ("transport", Decimal("3200")), ("groceries", Decimal("8450.75")),
                   ("rent", Decimal("25000"))),
                  tuple((date(2026, 3, day), Decimal(day * 137 % 2000)) for day in range(1, 29)))


def _image(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def test_the_chart_is_a_png_of_the_promised_size(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a glyph missing from every font would warn
        png = render_png(MARCH)
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5_000
    assert _image(png).size == SIZE == (800, 700)
    assert len(png) < 64 * 1024, "small enough to go inline in a Teams message"
    (tmp_path / "chart.png").write_bytes(png)
    shutil.copy(tmp_path / "chart.png", "/tmp/chart_look.png")  # for a person to look at


def test_a_month_is_drawn_per_day_and_a_year_per_month() -> None:
    step, points = trend(MARCH)
    assert step == "day" and len(points) == 31 and points[0] == ("1", Decimal(137)) and points[30][1] == 0
    year = ChartData("Spending · 2026", "BDT", date(2026, 1, 1), date(2026, 12, 31), (("food", Decimal(10)),),
                     ((date(2026, 2, 3), Decimal(4)), (date(2026, 2, 20), Decimal(6))))
    step, points = trend(year)
    assert step == "month" and [label for label, _ in points][:3] == ["Jan", "Feb", "Mar"] and len(points) == 12
    assert points[1] == ("Feb", Decimal(10))


async def test_the_second_ask_for_the_same_data_is_served_from_the_cache() -> None:
    drawn: list[ChartData] = []

    def counting(data: ChartData) -> bytes:
        drawn.append(data)
        return render_png(data)

    charts = Charts(render=counting)
    first = await charts.png(MARCH, scope=("chat", 1))
    second = await charts.png(MARCH, scope=("chat", 1))
    assert second is first and len(drawn) == 1 and (charts.hits, charts.misses) == (1, 1)
    changed = ChartData(MARCH.title, MARCH.currency, MARCH.start, MARCH.end,
                        (*MARCH.categories, ("health", Decimal(1))), MARCH.daily)
    assert await charts.png(changed, scope=("chat", 1)) != first, "new data is drawn anew"
    await charts.png(MARCH, scope=("chat", 2))
    assert len(drawn) == 3 and charts.hits == 1


async def test_the_cache_forgets_the_least_recently_used() -> None:
    charts = Charts(size=2, render=lambda data: data.title.encode())
    days = [ChartData(f"day {n}", "BDT", date(2026, 3, 1), date(2026, 3, 1) + timedelta(days=n), (), ())
            for n in range(3)]
    for data in (days[0], days[1], days[0], days[2]):
        await charts.png(data, scope=1)
    await charts.png(days[0], scope=1)
    await charts.png(days[1], scope=1)  # pushed out by days[2]
    assert (charts.hits, charts.misses) == (2, 4)


def test_without_a_font_for_the_taka_sign_amounts_say_bdt() -> None:
    dejavu = find_font(["DejaVuSans.ttf"])
    assert dejavu is not None, "Debian's fonts-dejavu-core is on every machine this runs on"
    latin_only = Fonts((dejavu,), (dejavu,), coverage([dejavu]))
    assert not latin_only.draws("৳")
    assert money_text(Decimal("1200"), "BDT", "en_IN", latin_only) == "BDT 1,200.00"
    assert money_text(Decimal("4.5"), "USD", "en_IN", latin_only) == "$4.50"
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # drawing ৳ with DejaVu alone would warn "Glyph 2547 missing"
        png = render_png(MARCH, latin_only)
    assert _image(png).size == SIZE


def test_with_noto_bengali_installed_the_taka_sign_is_drawn() -> None:
    fonts = system_fonts()
    if find_font(["NotoSansBengali-Regular.ttf"]) is None:
        if os.environ.get("CI"):
            raise AssertionError("CI installs fonts-noto-core (.ci/run)")
        pytest.skip("fonts-noto-core is not installed")
    assert fonts.draws("৳") and money_text(Decimal("1200"), "BDT", "en_IN", fonts) == "৳1,200.00"
