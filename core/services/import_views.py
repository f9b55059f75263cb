"""What an import looks like from outside: its summary card's figures, a review page, the outcome of Import and of
undo."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from core.services.import_rows import ImportRow, RecurringHint, Totals, totals_of


@dataclass(frozen=True, slots=True)
class ImportView:
    """What the summary card shows of an import."""

    id: str
    filename: str
    status: str
    totals: Totals
    hints: tuple[RecurringHint, ...]
    remembered: bool  # read with the columns the person confirmed for this bank before
    skipped: int  # lines the reader passed over (blank, totals, headers repeated, unreadable amounts)
    passed_over: tuple[tuple[int, str], ...] = ()  # the first few that were not blank: (line, why)


@dataclass(frozen=True, slots=True)
class ReviewPage:
    view: ImportView
    page: int  # from 0
    pages: int
    rows: tuple[tuple[int, ImportRow], ...]  # (place in the import, row)


@dataclass(frozen=True, slots=True)
class Imported:
    view: ImportView
    written: int
    already: bool  # a repeated press: imported before, nothing written now


@dataclass(frozen=True, slots=True)
class UndoneImport:
    filename: str
    removed: int


def view_of(row: Any, rows: Sequence[ImportRow] | None = None) -> ImportView:
    read = rows if rows is not None else [ImportRow.from_list(raw) for raw in row.rows]
    about = row.mapping or {}
    return ImportView(row.id, row.filename, row.status, totals_of(read),
                      tuple(RecurringHint.from_list(raw) for raw in row.hints or ()),
                      bool(about.get("remembered")), int(about.get("skipped", 0)),
                      tuple((int(line), str(why)) for line, why in about.get("passed_over", ())))
