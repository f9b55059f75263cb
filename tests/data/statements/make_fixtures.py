"""Write the binary statement fixtures, title_block.xlsx and not_a_statement.csv (run once, by hand)."""
from __future__ import annotations

import struct
import zlib
from datetime import datetime
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

HERE = Path(__file__).parent
# (day in April 2026, description, withdrawal, deposit); a running balance follows in column E
TRANSACTIONS = [
    (2, "Salary April - Acme Textiles Ltd", None, 85000),
    (3, "Shwapno Gulshan-2", 2450.75, None),
    (5, '=HYPERLINK("https://shop.example.com/orders/8841","Daraz order 8841")', 3199, None),
    (8, "=cmd|' /C calc'!A0", 500, None),
    (10, "+8801712345678 bKash Send Money", 1000, None),
    (12, "DESCO prepaid meter 0412", 2000, None),
    (15, "Interest", None, 120.5),
    (20, "Pathao Food", 640, None),
]


def title_block_xlsx() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Statement"
    for row, text in enumerate(["Meghna Trust Bank PLC", "Statement of Account - Current Account 2201-0045-7781",
                                "Account currency: BDT    Period: 01-Apr-2026 to 30-Apr-2026"], start=1):
        sheet.cell(row, 1, text).font = Font(bold=row == 1)
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=5)
    # a two-row header: Date, Description and Balance merged over both rows, "Amount (BDT)" over two columns
    for column, text in ((1, "Date"), (2, "Description"), (5, "Balance")):
        sheet.cell(5, column, text)
        sheet.merge_cells(start_row=5, start_column=column, end_row=6, end_column=column)
    sheet.cell(5, 3, "Amount (BDT)")
    sheet.merge_cells("C5:D5")
    sheet.cell(6, 3, "Withdrawal")
    sheet.cell(6, 4, "Deposit")
    for row in sheet["A5:E6"]:
        for cell in row:
            cell.font, cell.alignment = Font(bold=True), Alignment(horizontal="center")
    sheet.append([datetime(2026, 4, 1), "Opening balance", None, None, 50000])
    balance = 50000.0
    for day, text, out, into in TRANSACTIONS:
        balance += (into or 0) - (out or 0)
        sheet.append([datetime(2026, 4, day), text, out, into, round(balance, 2)])
        if text.startswith("=cmd"):  # a description that only looks like a formula: stored as text
            sheet.cell(sheet.max_row, 2).data_type = "s"
        if text.startswith("DESCO"):  # a hand-kept running balance: a formula, never evaluated on import
            sheet.cell(sheet.max_row, 5, f"=E{sheet.max_row - 1}-C{sheet.max_row}+D{sheet.max_row}")
    last = sheet.max_row
    sheet.append([None, "Total", f"=SUM(C8:C{last})", f"=SUM(D8:D{last})", None])
    for row in sheet.iter_rows(min_row=7, max_col=1):
        row[0].number_format = "DD-MMM-YYYY"
    book.save(HERE / "title_block.xlsx")


def png_renamed_csv() -> None:
    """A real 1x1 PNG, saved with a .csv name."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    png = (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
           + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))
    (HERE / "not_a_statement.csv").write_bytes(png)


if __name__ == "__main__":
    title_block_xlsx()
    png_renamed_csv()
