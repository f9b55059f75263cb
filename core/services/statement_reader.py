"""Read a bank statement file (CSV or XLSX) into dated, signed transactions; pure, no database."""
from __future__ import annotations

import csv
import io
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, datetime
from decimal import Decimal

from openpyxl import load_workbook

from core.errors import BadInput
from core.services.statement_cells import (
    Unreadable,
    currency_of,
    day_first_from,
    decimal_comma_from,
    parse_date,
    parse_money,
)
from core.services.statement_layout import (
    HEADER_SCAN_ROWS,
    ColumnMapping,
    bank_key,
    cell,
    check_remembered,
    detect,
    find_header,
    header_currency,
    is_blank,
    normalised_header,
    text_of,
    title_currency,
)

__all__ = ["ColumnMapping", "Statement", "StatementRow", "read_statement"]

DELIMITERS = (",", ";", "\t", "|")
# What a file that is not a statement starts with, and how to name it to the person who sent it.
SIGNATURES = ((b"%PDF", "a PDF document"), (b"\x89PNG", "a PNG image"), (b"\xff\xd8\xff", "a JPEG image"),
              (b"GIF8", "a GIF image"), (b"Rar!", "a RAR archive"), (b"\x1f\x8b", "a gzip archive"),
              (b"7z\xbc\xaf", "a 7-Zip archive"), (b"{\\rtf", "an RTF document"), (b"RIFF", "a media file"))
_OLD_OFFICE = b"\xd0\xcf\x11\xe0"
_ZIP = b"PK\x03\x04"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_OPENING = ("opening balance", "balance b/f", "balance brought forward", "brought forward", "beginning balance",
            "previous balance", "starting balance")
_CLOSING = ("closing balance", "balance c/f", "balance carried forward", "carried forward", "ending balance",
            "final balance")
_TOTAL = re.compile(r"(?:grand |sub ?)?totals?(?:\s*[(:=-]|$)|total (?:debits?|credits?|withdrawals?|deposits?|amount|"
                    r"transactions?|money|for)\b")
Row = list[object]


@dataclass(frozen=True, slots=True)
class StatementRow:
    line: int                 # 1-based row number in the file (for messages)
    occurred_on: date
    description: str
    amount: Decimal           # always > 0
    kind: str                 # "expense" (money out) or "income" (money in)
    currency: str | None      # ISO 4217 when the file says (a currency column or a symbol/code in the cell), else None
    balance: Decimal | None


@dataclass(frozen=True, slots=True)
class Statement:
    rows: list[StatementRow]
    mapping: ColumnMapping
    bank_key: str             # fingerprint of the header cells: the same bank export gives the same key
    currency: str | None      # the one currency of the file when known
    skipped: list[tuple[int, str]]   # (line, why) for rows that are not transactions (opening balance, totals, blank)


def _display_name(filename: str) -> str:
    name = os.path.basename(filename.replace("\\", "/")).strip()
    return name[:80] if name else "the file"


def _collect(source: Iterable[Iterable[object]], cap: int, *, plain: bool = False) -> tuple[list[Row], bool]:
    """The rows, blank tail dropped; True as well when more than `cap` filled rows were there."""
    rows: list[Row] = []
    filled = 0
    for count, raw in enumerate(source):
        row = list(raw) if plain else [_plain(value) for value in raw]
        filled += not is_blank(row)
        if filled > cap:
            return rows, True
        if count > cap * 4:  # a sheet formatted far below its data: nothing more to read
            break
        rows.append(row)
    while rows and is_blank(rows[-1]):
        rows.pop()
    return rows, False


def _plain(value: object) -> object:
    """A cell as text, number or date; anything else (an array formula, a time) as its text, never evaluated."""
    if value is None or isinstance(value, str | int | float | Decimal | datetime | date):
        return value
    return str(getattr(value, "text", value))


def _xlsx_rows(data: bytes, name: str, cap: int) -> tuple[list[Row], bool]:
    try:
        # data_only=False: a formula comes back as its text ("=SUM(…)") and is never evaluated
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
    except Exception as error:  # openpyxl raises many kinds for a zip that is not a workbook
        raise BadInput(f"{name} is a zip archive but not an Excel workbook I can open. Please send the statement "
                       "as a CSV or Excel (.xlsx) file.") from error
    try:
        found: tuple[list[Row], bool] = ([], False)
        for sheet in workbook.worksheets:
            found = _collect(sheet.iter_rows(values_only=True), cap)
            if found[0]:
                break
        return found
    except Exception as error:  # a damaged sheet inside a valid zip
        raise BadInput(f"{name} looks like an Excel workbook but I couldn't read it; it may be damaged. "
                       "Open it in Excel, save it again as .xlsx or CSV, and send that.") from error
    finally:
        workbook.close()


def _decode(data: bytes, name: str) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", errors="replace")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    if "\x00" in text or len(_CONTROL.findall(text[:100_000])) > len(text[:100_000]) / 200:
        raise BadInput(f"{name} isn't a text (CSV) file or an Excel workbook. Please send the statement as a CSV "
                       "or Excel (.xlsx) file.")
    if text.lstrip()[:200].lower().startswith(("<!doctype html", "<html", "<?xml", "<table")):
        raise BadInput(f"{name} is a web page (HTML), not a CSV or Excel file. Open it in Excel, save it as .xlsx "
                       "or CSV, and send that.")
    return text


def _sniff(text: str) -> str:
    """The delimiter that yields a recognisable header, then the most rows of one width."""
    lines = text[:65_536].splitlines()[:60]
    best, best_score = ",", (-1, -1, -1)
    for delimiter in DELIMITERS:
        try:
            rows: list[Row] = [list(row) for row in csv.reader(lines, delimiter=delimiter)]
        except csv.Error:
            continue
        widths = Counter(len(row) for row in rows if not is_blank(row))
        width, count = widths.most_common(1)[0] if widths else (0, 0)
        header = find_header(rows)
        score = (len(header[1]) if header else 0, count if width > 1 else 0, width)
        if score > best_score:
            best, best_score = delimiter, score
    return best


def _csv_rows(data: bytes, name: str, cap: int) -> tuple[list[Row], bool]:
    text = _decode(data, name)
    if not text.strip(" \t\r\n,;|"):
        return [], False
    try:
        return _collect(csv.reader(io.StringIO(text, newline=""), delimiter=_sniff(text)), cap, plain=True)
    except csv.Error as error:
        raise BadInput(f"I couldn't read {name} as CSV ({error}). Export the statement again as CSV or "
                       "Excel (.xlsx).") from error


def _size(count: int) -> str:
    return f"{count / 1_000_000:.1f} MB" if count >= 1_000_000 else f"{max(count // 1000, 1)} KB"


def _load_rows(data: bytes, name: str, max_bytes: int, max_rows: int) -> tuple[list[Row], bool]:
    if len(data) > max_bytes:
        raise BadInput(f"{name} is {_size(len(data))}; I read statements up to {_size(max_bytes)}. "
                       "Export a shorter period and send that.")
    if not data.strip(b" \t\r\n\xef\xbb\xbf"):
        raise BadInput(f"{name} is empty. Export the statement again and send the file.")
    if data.startswith(_OLD_OFFICE):
        raise BadInput(f"{name} is an old-style Excel (.xls) or Office file. Open it in Excel, save it as .xlsx "
                       "or CSV, and send that.")
    for signature, what in SIGNATURES:
        if data.startswith(signature):
            raise BadInput(f"{name} is {what}, not a bank statement I can read. Please send the statement as a "
                           "CSV or Excel (.xlsx) file.")
    cap = max_rows + HEADER_SCAN_ROWS
    rows, truncated = _xlsx_rows(data, name, cap) if data.startswith(_ZIP) else _csv_rows(data, name, cap)
    if not rows:
        raise BadInput(f"{name} is empty. Export the statement again and send the file.")
    return rows, truncated


def _not_a_transaction(row: Row) -> str | None:
    for value in row:
        if not isinstance(value, str):
            continue
        text = value.lower()
        if "balance" not in text and "total" not in text and "forward" not in text and "/f" not in text:
            continue
        text = " ".join(text.split()).rstrip(": ")
        if text.startswith(_OPENING) or text == "b/f":
            return "opening balance"
        if text.startswith(_CLOSING) or text == "c/f":
            return "closing balance"
        if _TOTAL.match(text):
            return "total"
    return None


def _signed_amount(row: Row, mapping: ColumnMapping, decimal_comma: bool) -> tuple[Decimal, str | None, int] | None:
    """(signed amount, currency written in the cell, column) or None when the row has no amount."""
    if mapping.amount is not None:
        money = parse_money(cell(row, mapping.amount), decimal_comma)
        return (money.value, money.currency, mapping.amount) if money is not None and money.value else None
    sides = [(column, sign, parse_money(cell(row, column), decimal_comma))
             for column, sign in ((mapping.debit, -1), (mapping.credit, 1)) if column is not None]
    filled = [(column, sign, money) for column, sign, money in sides if money is not None and money.value]
    if len(filled) > 1:
        raise Unreadable("both a debit and a credit")
    if not filled:
        return None
    column, sign, money = filled[0]
    return sign * abs(money.value), money.currency, column


def _balance(row: Row, mapping: ColumnMapping, decimal_comma: bool) -> Decimal | None:
    try:
        money = parse_money(cell(row, mapping.balance), decimal_comma) if mapping.balance is not None else None
    except Unreadable:  # a formula or a note in the balance column: the transaction itself still counts
        return None
    return money.value if money is not None else None


def _description(row: Row, mapping: ColumnMapping) -> str:
    text = text_of(cell(row, mapping.description))
    if text:
        return text
    mapped = {c for c in mapping.columns().values() if c is not None}
    return next((text_of(v) for c, v in enumerate(row) if c not in mapped and isinstance(v, str) and v.strip()), "")


def _continues(row: Row, mapping: ColumnMapping) -> bool:
    """A narration that wrapped onto the next line: text in the description column and nothing else."""
    return bool(text_of(cell(row, mapping.description))) and all(
        column == mapping.description or not text_of(value) for column, value in enumerate(row))


def _transactions(rows: list[Row], mapping: ColumnMapping) -> tuple[list[StatementRow], list[tuple[int, str]]]:
    start = mapping.header_row + 1
    money_columns = [c for c in (mapping.amount, mapping.debit, mapping.credit, mapping.balance) if c is not None]
    decimal_comma = decimal_comma_from(cell(row, c) for row in rows[start:] for c in money_columns)
    currencies = {c: header_currency(rows, mapping, c) for c in money_columns}
    in_title = title_currency(rows, mapping)
    header = normalised_header(rows[mapping.header_row]) if mapping.header_row >= 0 else None
    found: list[StatementRow] = []
    skipped: list[tuple[int, str]] = []
    last_line = 0
    for index in range(start, len(rows)):
        row, line = rows[index], index + 1
        if is_blank(row):
            skipped.append((line, "blank row"))
            continue
        if why := _not_a_transaction(row):
            skipped.append((line, why))
            continue
        occurred = parse_date(cell(row, mapping.date), mapping.day_first)
        if occurred is None:
            if header is not None and normalised_header(row) == header:
                skipped.append((line, "repeated header"))
            elif found and last_line == line - 1 and _continues(row, mapping):
                found[-1] = replace(found[-1], description=f"{found[-1].description} {_description(row, mapping)}")
                last_line = line
            else:
                written = text_of(cell(row, mapping.date))
                skipped.append((line, f"unreadable date {written[:40]!r}" if written else "no date"))
            continue
        try:
            signed = _signed_amount(row, mapping, decimal_comma)
        except Unreadable as error:
            written = str(error)
            skipped.append((line, written if written.startswith("both") else f"unreadable amount {written[:40]!r}"))
            continue
        if signed is None:
            skipped.append((line, "no amount"))
            continue
        value, written_currency, column = signed
        named = currency_of(text_of(cell(row, mapping.currency))) if mapping.currency is not None else None
        found.append(StatementRow(
            line=line, occurred_on=occurred, description=_description(row, mapping), amount=abs(value),
            kind="expense" if value < 0 else "income",
            currency=named or written_currency or currencies.get(column) or in_title,
            balance=_balance(row, mapping, decimal_comma)))
        last_line = line
    return found, skipped


def read_statement(data: bytes, filename: str, *, mapping: ColumnMapping | None = None,
                   max_bytes: int = 5_000_000, max_rows: int = 50_000) -> Statement:
    """The transactions in a CSV or XLSX bank statement; BadInput with a message for the sender otherwise."""
    name = _display_name(filename)
    rows, truncated = _load_rows(data, name, max_bytes, max_rows)
    if mapping is None:
        mapping = detect(rows, name)
    else:
        check_remembered(rows, mapping, name)
    under_header = rows[mapping.header_row + 1:]
    if truncated or sum(not is_blank(row) for row in under_header) > max_rows:
        raise BadInput(f"{name} has more than {max_rows:,} rows. Export a shorter period and send that.")
    mapping = replace(mapping, day_first=day_first_from((cell(row, mapping.date) for row in under_header),
                                                        mapping.day_first))
    found, skipped = _transactions(rows, mapping)
    if not found:
        if not any(not is_blank(row) for row in under_header):
            raise BadInput(f"{name} has a header row but no transactions under it.")
        line, why = next(((ln, w) for ln, w in skipped if w != "blank row"), skipped[0])
        raise BadInput(f"I couldn't read any transactions in {name}: no row under the header has both a date and "
                       f"an amount (row {line}: {why}). Check it is the statement itself, or name the date and "
                       "amount columns.")
    currencies = sorted({row.currency for row in found if row.currency})
    if len(currencies) > 1 and mapping.currency is None:
        raise BadInput(f"{name} has amounts in several currencies ({', '.join(currencies)}) but no Currency column "
                       "saying which row is which. Export one account (one currency) at a time and send each file.")
    return Statement(rows=found, mapping=mapping, bank_key=bank_key(rows, mapping),
                     currency=currencies[0] if len(currencies) == 1 else None, skipped=skipped)
