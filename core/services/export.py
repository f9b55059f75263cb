"""Export a period of the ledger as CSV or XLSX (openpyxl)."""
from __future__ import annotations

import csv
import io
from collections.abc import Sequence

from openpyxl import Workbook

from core.models import Entry
from core.money import from_minor

COLUMNS = ("date", "kind", "description", "category", "amount", "currency", "recorded_by", "entry_id")


def _rows(entries: Sequence[tuple[Entry, str]]) -> list[list[str]]:
    return [[e.occurred_on.isoformat(), e.kind, e.description, e.category,
             str(from_minor(e.amount_minor, e.currency)), e.currency, name, str(e.id)] for e, name in entries]


def to_csv(entries: Sequence[tuple[Entry, str]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(COLUMNS)
    for row in _rows(entries):
        # a leading =, +, - or @ would be run as a formula by spreadsheet apps (CSV injection)
        writer.writerow(["'" + cell if cell[:1] in ("=", "+", "@") else cell for cell in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(entries: Sequence[tuple[Entry, str]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Ledger"
    sheet.append(list(COLUMNS))
    for entry, name in entries:
        sheet.append([entry.occurred_on, entry.kind, entry.description, entry.category,
                      from_minor(entry.amount_minor, entry.currency), entry.currency, name, entry.id])
    sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
