"""CSV export never hands a spreadsheet a formula."""
from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime

from core.models import Entry
from core.services.export import to_csv


def test_cells_that_look_like_formulas_are_quoted() -> None:
    entry = Entry(id=7, kind="expense", description='=HYPERLINK("http://x")', category="@evil", amount_minor=1050,
                  currency="USD", occurred_on=date(2026, 3, 1), created_at=datetime.now(UTC))
    rows = list(csv.reader(io.StringIO(to_csv([(entry, "alice")]).decode("utf-8-sig"))))
    assert rows[1][2] == "'=HYPERLINK(\"http://x\")"
    assert rows[1][3] == "'@evil"
    assert rows[1][4] == "10.50"
