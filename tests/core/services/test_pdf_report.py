"""The PDF report as its reader sees it: the totals, every entry as written (Bengali, markup), a group's balances."""
from __future__ import annotations

import io
import os
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pypdf import PdfReader

from core.models import Entry
from core.services.charts import Fonts, coverage, find_font, render_png
from core.services.pdf_report import Report, build_pdf, spending_chart

MARCH = (date(2026, 3, 1), date(2026, 3, 31))
BENGALI = "মাছ বাজার"  # "fish market": a vowel sign that needs shaping


def _entry(n: int, day: int, description: str, category: str, minor: int, kind: str = "expense",
           currency: str = "BDT") -> Entry:
    return Entry(id=n, kind=kind, description=description, category=category, amount_minor=minor,
                 currency=currency, occurred_on=date(2026, 3, day), created_at=datetime.now(UTC))


ENTRIES = [(_entry(1, 2, f"{BENGALI} <script>alert(1)</script>", "groceries", 45_000), "alice"),
           (_entry(2, 3, "taxi to the airport", "transport", 90_000), "bob"),
           (_entry(3, 3, "lunch", "food", 25_050), "alice"),
           (_entry(4, 5, "salary", "salary", 5_000_000, kind="income"), "alice"),
           (_entry(5, 6, "coffee", "food", 450, currency="USD"), "bob")]


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def _needs_noto() -> None:
    if find_font(["NotoSansBengali-Regular.ttf"]) is None:
        if os.environ.get("CI"):
            raise AssertionError("CI installs fonts-noto-core (.ci/run)")
        pytest.skip("fonts-noto-core is not installed")


def test_the_report_has_totals_entries_chart_and_balances(tmp_path: Path) -> None:
    _needs_noto()
    chart = spending_chart("Spending · March 2026", ENTRIES, *MARCH, "en_IN")
    assert chart is not None and chart.currency == "BDT"
    report = Report("Trip to Cox's Bazar", *MARCH, ENTRIES, ["bob owes alice ৳225.00"], group=True,
                    chart=render_png(chart))
    pdf = build_pdf(report)
    (tmp_path / "report.pdf").write_bytes(pdf)
    assert pdf[:5] == b"%PDF-"
    text = _text(pdf)
    assert "Ledger · Trip to Cox's Bazar" in text and "01 Mar 2026 – 31 Mar 2026" in text
    assert "Spending groceries 1 ৳450.00" in text
    assert "Spending total BDT 3 ৳1,600.50" in text, "food, groceries and transport in taka"
    assert "Spending total USD 1 $4.50" in text, "never summed across currencies"
    assert "Income total BDT 1 ৳50,000.00" in text
    assert f"{BENGALI} <script>alert(1)</script>" in text, "written as it was typed, not as markup"
    assert "bob owes alice ৳225.00" in text
    assert "2026-03-03 taxi to the airport transport bob ৳900.00" in text
    images = [image for page in PdfReader(io.BytesIO(pdf)).pages for image in page.images]
    assert len(images) == 1, "the chart"


def test_a_private_report_has_no_balances_and_long_reports_repeat_the_headings() -> None:
    many = [(_entry(10 + n, 1 + n % 28, f"lunch number {n}", "food", 10_000 + n), "alice") for n in range(120)]
    pdf = build_pdf(Report("alice", *MARCH, many, group=False))
    reader = PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) >= 3
    assert "Balances" not in _text(pdf)
    assert all("Date Description Category Paid by Amount" in page.extract_text() for page in reader.pages[1:])


def test_without_a_bengali_font_the_report_still_comes_out(tmp_path: Path) -> None:
    dejavu = find_font(["DejaVuSans.ttf"])
    assert dejavu is not None
    latin_only = Fonts((dejavu,), (dejavu,), coverage([dejavu]))
    text = _text(build_pdf(Report("trip", *MARCH, ENTRIES, ["bob owes alice ৳225.00"], group=True), latin_only))
    assert "bob owes alice BDT 225.00" in text and "Spending groceries 1 BDT 450.00" in text
    assert "<script>alert(1)</script>" in text
    no_fonts = Fonts((), (), frozenset())  # not even DejaVu: the PDF's built-in Helvetica
    text = _text(build_pdf(Report("trip", *MARCH, ENTRIES, ["bob owes alice ৳225.00"], group=True), no_fonts))
    assert "bob owes alice BDT 225.00" in text and "taxi to the airport" in text
