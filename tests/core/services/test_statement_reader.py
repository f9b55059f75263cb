"""Bank statement files read into transactions the way the person who exported them would read them."""
from __future__ import annotations

import contextlib
import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook

from core.errors import BadInput
from core.services.statement_reader import ColumnMapping, Statement, StatementRow, read_statement

STATEMENTS = Path(__file__).parents[2] / "data" / "statements"


def read(name: str, **options: object) -> Statement:
    return read_statement((STATEMENTS / name).read_bytes(), name, **options)  # type: ignore[arg-type]


def read_text(text: str, filename: str = "statement.csv", **options: object) -> Statement:
    return read_statement(text.encode(), filename, **options)  # type: ignore[arg-type]


def totals(statement: Statement) -> tuple[Decimal, Decimal]:
    """(income, expense) as the person would add them up."""
    income = sum((r.amount for r in statement.rows if r.kind == "income"), Decimal(0))
    expense = sum((r.amount for r in statement.rows if r.kind == "expense"), Decimal(0))
    return income, expense


def refusal(data: bytes, filename: str, **options: object) -> str:
    with pytest.raises(BadInput) as caught:
        read_statement(data, filename, **options)  # type: ignore[arg-type]
    return caught.value.message


def ten_thousand_rows_csv(rows: int = 10_000) -> bytes:
    """A large signed-amount export built in memory, for speed checks."""
    lines = ["Date,Description,Amount,Balance"]
    balance = Decimal("100000.00")
    for n in range(rows):
        amount = Decimal(n % 997 + 1) / 4 * (1 if n % 7 == 0 else -1)
        balance += amount
        lines.append(f"{date(2020, 1, 1).fromordinal(737425 + n // 5).isoformat()},Shop {n % 311} purchase,"
                     f"{amount:.2f},{balance:.2f}")
    return ("\n".join(lines) + "\n").encode()


# --- the three real-looking layouts -------------------------------------------------------------------------------

def test_signed_amount_export_reads_every_row_with_its_sign() -> None:
    statement = read("signed_amount.csv")
    assert len(statement.rows) == 30 and statement.skipped == []
    assert statement.rows[0] == StatementRow(line=2, occurred_on=date(2026, 1, 2),
                                             description="PAYROLL ACME CORP DIRECT DEP", amount=Decimal("3250.00"),
                                             kind="income", currency=None, balance=Decimal("5354.55"))
    assert statement.rows[1].kind == "expense" and statement.rows[1].amount == Decimal("84.37")
    assert totals(statement) == (Decimal("9901.86"), Decimal("5346.72"))
    assert statement.rows[-1].balance == Decimal("6659.69")
    assert statement.currency is None  # nothing in the file names a currency


def test_a_monthly_subscription_shows_up_once_a_month() -> None:
    netflix = [r for r in read("signed_amount.csv").rows if r.description.startswith("NETFLIX")]
    assert [(r.occurred_on, r.amount, r.kind) for r in netflix] == [
        (date(2026, 1, 14), Decimal("15.49"), "expense"), (date(2026, 2, 14), Decimal("15.49"), "expense"),
        (date(2026, 3, 14), Decimal("17.99"), "expense")]


def test_the_transaction_date_wins_over_the_posting_date() -> None:
    statement = read("signed_amount.csv")
    assert statement.mapping.date == 0  # "Transaction Date", not "Post Date"
    assert statement.rows[9].occurred_on == date(2026, 1, 31)


def test_bangladeshi_debit_credit_statement_under_a_title_block() -> None:
    statement = read("debit_credit.csv")
    assert statement.mapping.header_row == 5
    assert (statement.mapping.debit, statement.mapping.credit, statement.mapping.balance) == (4, 5, 6)
    assert len(statement.rows) == 12
    salary = statement.rows[0]
    assert (salary.line, salary.occurred_on, salary.amount, salary.kind, salary.balance) == (
        8, date(2026, 3, 2), Decimal("125000.00"), "income", Decimal("250000.00"))
    assert statement.rows[7].amount == Decimal("105750.50") and statement.rows[7].kind == "expense"
    assert totals(statement) == (Decimal("143912.35"), Decimal("175600.00"))
    assert statement.currency == "BDT" and {r.currency for r in statement.rows} == {"BDT"}  # "Currency: BDT" above


def test_day_first_dates_in_a_bangladeshi_statement() -> None:
    dates = [r.occurred_on for r in read("debit_credit.csv").rows]
    assert dates[0] == date(2026, 3, 2) and dates[5] == date(2026, 3, 13)


def test_opening_closing_and_total_rows_are_skipped_with_a_reason() -> None:
    assert read("debit_credit.csv").skipped == [(7, "opening balance"), (21, "total"), (22, "closing balance")]


def test_a_narration_wrapped_onto_the_next_line_stays_with_its_transaction() -> None:
    rent = read("debit_credit.csv").rows[3]
    assert rent.description == "NPSB TRF TO 1234567890 (RENT MARCH) REF: NPSB2603071145 HOUSE RENT"
    assert rent.amount == Decimal("45000.00")


def test_excel_statement_with_title_block_and_a_two_row_header() -> None:
    statement = read("title_block.xlsx")
    assert statement.mapping.header_row == 5 and statement.mapping.debit == 2 and statement.mapping.credit == 3
    assert [r.occurred_on for r in statement.rows][:3] == [date(2026, 4, 2), date(2026, 4, 3), date(2026, 4, 5)]
    assert totals(statement) == (Decimal("85120.5"), Decimal("9789.75"))
    assert statement.currency == "BDT"
    assert statement.skipped == [(7, "opening balance"), (16, "total")]


def test_formulas_and_formula_looking_descriptions_stay_text() -> None:
    rows = {r.line: r for r in read("title_block.xlsx").rows}
    assert rows[10].description == '=HYPERLINK("https://shop.example.com/orders/8841","Daraz order 8841")'
    assert rows[11].description == "=cmd|' /C calc'!A0"
    assert rows[12].description == "+8801712345678 bKash Send Money"
    assert rows[13].balance is None  # "=E12-C13+D13" is not worked out
    assert rows[13].amount == Decimal("2000")


def test_csv_injection_strings_in_a_csv_are_kept_literally() -> None:
    statement = read_text("Date,Description,Amount\n2026-04-01,\"=cmd|' /C calc'!A0\",-10.00\n"
                          "2026-04-02,@SUM(1+1),-5.00\n2026-04-03,-2+3 refund,4.00\n2026-04-04,Sneaky,=500\n")
    assert [r.description for r in statement.rows] == ["=cmd|' /C calc'!A0", "@SUM(1+1)", "-2+3 refund"]
    assert statement.skipped == [(5, "unreadable amount '=500'")]  # a formula is text, even in the amount column


# --- dates ----------------------------------------------------------------------------------------------------------

def test_ambiguous_dates_are_day_first() -> None:
    statement = read_text("Date,Description,Amount\n03/04/2026,Rent,-100\n05/04/2026,Food,-10\n")
    assert [r.occurred_on for r in statement.rows] == [date(2026, 4, 3), date(2026, 4, 5)]
    assert statement.mapping.day_first is True


def test_a_day_over_12_in_second_place_makes_the_file_month_first() -> None:
    statement = read_text("Date,Description,Amount\n03/04/2026,Rent,-100\n04/13/2026,Food,-10\n")
    assert [r.occurred_on for r in statement.rows] == [date(2026, 3, 4), date(2026, 4, 13)]
    assert statement.mapping.day_first is False


@pytest.mark.parametrize("written", ["03-Apr-2026", "3 Apr 2026", "2026-04-03 14:22:10", "03 April 2026",
                                     "Apr 3, 2026", "03-APR-26", "2026/04/03", "03.04.2026"])
def test_common_date_spellings(written: str) -> None:
    statement = read_text(f'Date,Description,Amount\n"{written}",Shwapno,-450.00\n')
    assert statement.rows[0].occurred_on == date(2026, 4, 3)


# --- numbers --------------------------------------------------------------------------------------------------------

def test_european_decimal_comma_with_semicolons() -> None:
    statement = read_text("Date;Description;Amount;Currency\n03.04.2026;REWE Markt Berlin;-1.250,50;EUR\n"
                          "04.04.2026;Gehalt April;3.100,00;EUR\n05.04.2026;Bäckerei;-4,20;EUR\n")
    assert [(r.amount, r.kind) for r in statement.rows] == [
        (Decimal("1250.50"), "expense"), (Decimal("3100.00"), "income"), (Decimal("4.20"), "expense")]
    assert statement.currency == "EUR" and statement.rows[0].occurred_on == date(2026, 4, 3)


def test_lakh_grouping_and_plain_grouping() -> None:
    statement = read_text('Date,Description,Amount\n2026-04-01,Flat booking,"-12,34,567.50"\n'
                          '2026-04-02,Bonus,"1,250.50"\n2026-04-03,Car,"-1,250,000.00"\n')
    assert [r.amount for r in statement.rows] == [Decimal("1234567.50"), Decimal("1250.50"), Decimal("1250000.00")]


def test_parentheses_are_money_out() -> None:
    statement = read_text('Date,Description,Amount\n2026-04-01,Card payment,"(1,200.00)"\n2026-04-02,Refund,300.00\n')
    assert [(r.amount, r.kind) for r in statement.rows] == [(Decimal("1200.00"), "expense"),
                                                            (Decimal("300.00"), "income")]


def test_dr_and_cr_markers_decide_the_direction() -> None:
    statement = read_text('Date,Description,Amount,Balance\n01/04/2026,ATM withdrawal,"1,200.00 Dr","3,800.00 Cr"\n'
                          '02/04/2026,Salary,"50,000.00Cr","53,800.00 Cr"\n03/04/2026,Loan EMI,"60,000.00 DR",'
                          '"6,200.00 Dr"\n')
    assert [(r.amount, r.kind, r.balance) for r in statement.rows] == [
        (Decimal("1200.00"), "expense", Decimal("3800.00")), (Decimal("50000.00"), "income", Decimal("53800.00")),
        (Decimal("60000.00"), "expense", Decimal("-6200.00"))]


@pytest.mark.parametrize(("written", "currency"), [("-৳450.00", "BDT"), ("Tk. -450.00", "BDT"), ("-450/- BDT", "BDT"),
                                                   ("-$450.00", "USD"), ("USD -450.00", "USD"), ("-€450.00", "EUR"),
                                                   ("-£450.00", "GBP"), ("₹-450.00", "INR"), ("Rs. -450", "INR")])
def test_currency_written_in_the_amount_cell(written: str, currency: str) -> None:
    row = read_text(f'Date,Description,Amount\n2026-04-03,Dinner,"{written}"\n').rows[0]
    assert (row.amount, row.kind, row.currency) == (Decimal(450), "expense", currency)


def test_empty_and_dash_debit_credit_cells_are_no_amount() -> None:
    statement = read_text('Date,Details,Withdrawal,Deposit\n01/04/2026,ATM,"2,000.00",-\n'
                          '02/04/2026,Salary,,"9,000.00"\n03/04/2026,Fee reversal,0.00,0.00\n')
    assert [(r.amount, r.kind) for r in statement.rows] == [(Decimal("2000.00"), "expense"),
                                                            (Decimal("9000.00"), "income")]
    assert statement.skipped == [(4, "no amount")]


def test_a_currency_column_says_which_row_is_which() -> None:
    statement = read_text("Date,Description,Amount,Currency\n2026-04-01,Hotel,-120.00,USD\n"
                          "2026-04-02,Taxi,-900.00,BDT\n")
    assert [r.currency for r in statement.rows] == ["USD", "BDT"]
    assert statement.currency is None


# --- other shapes ---------------------------------------------------------------------------------------------------

def test_bkash_style_export_with_date_and_time() -> None:
    statement = read_text("Date & Time,Trx ID,Trx Type,Sender/Receiver,Amount (৳),Balance (৳)\n"
                          "2026-04-03 14:22:10,BGH7K2L9QX,Send Money,01712345678,-1000.00,4000.00\n"
                          "2026-04-04 09:01:55,BGJ1M4N8RT,Cash In,Agent 01898765432,2500.00,6500.00\n")
    assert [(r.occurred_on, r.description, r.amount, r.kind, r.currency) for r in statement.rows] == [
        (date(2026, 4, 3), "01712345678", Decimal("1000.00"), "expense", "BDT"),
        (date(2026, 4, 4), "Agent 01898765432", Decimal("2500.00"), "income", "BDT")]


def test_tab_separated_cp1252_file() -> None:
    text = "Posting Date\tMemo\tPaid out\tPaid in\r\n03/04/2026\tCafé Münster\t4.50\t\r\n04/04/2026\tRefund\t\t4.50\r\n"
    statement = read_statement(text.encode("cp1252"), "export.txt")
    assert statement.rows[0].description == "Café Münster"
    assert [r.kind for r in statement.rows] == ["expense", "income"]


def test_pipe_separated_file() -> None:
    statement = read_text("Txn Date|Narration|Debit|Credit|Balance\n01-04-2026|POS Agora|350.00||9650.00\n")
    assert statement.rows[0].amount == Decimal("350.00") and statement.rows[0].balance == Decimal("9650.00")


def test_a_file_without_a_header_is_read_from_the_shape_of_its_data() -> None:
    statement = read_text("03/04/2026,Shwapno Gulshan,-1250.50,45000.00\n04/04/2026,Salary April,85000.00,130000.00\n"
                          "05/04/2026,Pathao ride,-320.00,129680.00\n")
    assert (statement.mapping.header_row, statement.mapping.amount, statement.mapping.balance) == (-1, 2, 3)
    assert [(r.line, r.description, r.amount, r.kind) for r in statement.rows] == [
        (1, "Shwapno Gulshan", Decimal("1250.50"), "expense"), (2, "Salary April", Decimal("85000.00"), "income"),
        (3, "Pathao ride", Decimal("320.00"), "expense")]


def test_an_excel_file_named_csv_is_read_as_excel() -> None:
    statement = read_statement((STATEMENTS / "title_block.xlsx").read_bytes(), "statement.csv")
    assert len(statement.rows) == 8


def test_excel_numbers_become_exact_decimals_and_a_formula_amount_is_not_worked_out() -> None:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["Value Date", "Payee", "Amount"])
    sheet.append([datetime(2026, 4, 1, 9, 30), "Corner shop", -12.99])
    sheet.append([datetime(2026, 4, 2), "Split dinner", "=-120/3"])
    sheet.append([datetime(2026, 4, 3), "Refund", 7])
    buffer = io.BytesIO()
    book.save(buffer)
    statement = read_statement(buffer.getvalue(), "april.xlsx")
    assert [(r.occurred_on, r.amount, r.kind) for r in statement.rows] == [
        (date(2026, 4, 1), Decimal("12.99"), "expense"), (date(2026, 4, 3), Decimal("7"), "income")]
    assert statement.skipped == [(3, "unreadable amount '=-120/3'")]


def test_a_large_export_is_read_whole() -> None:
    statement = read_statement(ten_thousand_rows_csv(), "big.csv")
    assert len(statement.rows) == 10_000


# --- remembered layouts ---------------------------------------------------------------------------------------------

def test_a_remembered_mapping_survives_json_and_reads_the_next_months_file() -> None:
    first = read("debit_credit.csv")
    remembered = ColumnMapping.from_json(json.loads(json.dumps(first.mapping.as_json())))
    assert remembered == first.mapping
    next_month = (STATEMENTS / "debit_credit.csv").read_text().replace("/03/2026", "/04/2026")
    statement = read_text(next_month, "april.csv", mapping=remembered)
    assert len(statement.rows) == 12 and statement.rows[0].occurred_on == date(2026, 4, 2)
    assert statement.bank_key == first.bank_key


def test_a_confirmed_mapping_reads_headers_i_would_not_recognise() -> None:
    mapping = ColumnMapping(header_row=0, date=0, description=1, amount=2)
    statement = read_text("Posted On,Who,Value\n2026-04-01,Kiosk,-12.00\n", mapping=mapping)
    assert statement.rows[0].amount == Decimal("12.00") and statement.rows[0].description == "Kiosk"


def test_a_remembered_mapping_is_refused_when_the_header_moved() -> None:
    mapping = read("debit_credit.csv").mapping
    moved = "Branch: Gulshan\n" + (STATEMENTS / "debit_credit.csv").read_text()
    message = refusal(moved.encode(), "march.csv", mapping=mapping)
    assert "doesn't match the layout I remembered" in message
    assert "headers are now on row 7, not row 6 (Txn Date, Value Date, Particulars" in message


def test_a_remembered_mapping_is_refused_when_columns_were_swapped() -> None:
    mapping = read("signed_amount.csv").mapping
    message = refusal(b"Transaction Date,Post Date,Description,Category,Balance,Amount\n2026-01-02,2026-01-03,"
                      b"Pay,Income,5354.55,3250.00\n", "jan.csv", mapping=mapping)
    assert "column 5 of row 1 was the amount and now reads 'Balance'" in message


def test_bad_mappings_from_storage_are_rejected() -> None:
    with pytest.raises(ValueError, match="amount column"):
        ColumnMapping.from_json({"header_row": 0, "date": 0, "description": 1})
    with pytest.raises(ValueError):
        ColumnMapping.from_json({"header_row": 0, "date": "0", "description": 1, "amount": 2})


def test_same_bank_same_key_different_bank_different_key() -> None:
    march = read("signed_amount.csv")
    april = read_text("Transaction Date,Post Date,Description,Category,Amount,Balance\n"
                      "2026-04-02,2026-04-03,PAYROLL ACME CORP DIRECT DEP,Income,3250.00,9909.69\n")
    assert march.bank_key == april.bank_key and len(march.bank_key) == 16
    assert read("debit_credit.csv").bank_key != march.bank_key


# --- files that are not statements ----------------------------------------------------------------------------------

def test_a_png_renamed_csv() -> None:
    assert "not_a_statement.csv is a PNG image" in refusal((STATEMENTS / "not_a_statement.csv").read_bytes(),
                                                           "not_a_statement.csv")


def test_a_pdf_renamed_csv() -> None:
    assert "is a PDF document" in refusal(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", "statement.csv")


def test_an_old_xls_file() -> None:
    assert "old-style Excel (.xls)" in refusal(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "statement.xls")


def test_a_zip_that_is_not_a_workbook() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert "not an Excel workbook" in refusal(buffer.getvalue(), "statement.xlsx")


def test_an_empty_file() -> None:
    assert refusal(b"", "empty.csv") == "empty.csv is empty. Export the statement again and send the file."
    assert "is empty" in refusal(b"\xef\xbb\xbf\r\n,,,\r\n", "blank.csv")


def test_a_file_over_the_size_limit() -> None:
    assert "big.csv is 6.0 MB; I read statements up to 5.0 MB" in refusal(b"x" * 6_000_000, "big.csv")
    assert "is 2 KB; I read statements up to 1 KB" in refusal(b"Date,Amount\n" * 200, "big.csv", max_bytes=1000)
    assert "more than 5 rows" in refusal(ten_thousand_rows_csv(10), "big.csv", max_rows=5)


def test_a_file_without_an_amount_column_names_the_headers_it_has() -> None:
    message = refusal((STATEMENTS / "no_amount.csv").read_bytes(), "no_amount.csv")
    assert message.startswith("I couldn't find an amount column in no_amount.csv")
    assert "Date, Description, Reference, Status" in message


def test_a_file_without_a_date_column() -> None:
    assert "I couldn't find a date column" in refusal(b"Description,Amount\nRent,-100\nFood,-10\n", "s.csv")


def test_several_currencies_without_a_currency_column() -> None:
    message = refusal((STATEMENTS / "mixed_currencies.csv").read_bytes(), "mixed_currencies.csv")
    assert "several currencies (BDT, USD) but no Currency column" in message


def test_a_file_where_no_row_is_readable() -> None:
    message = refusal(b"Date,Description,Amount\nsoon,Rent,a lot\nlater,Food,some\n", "s.csv")
    assert "I couldn't read any transactions in s.csv" in message and "unreadable date 'soon'" in message
    assert "has a header row but no transactions" in refusal(b"Date,Description,Amount\n", "s.csv")


def test_an_html_page_saved_as_xls() -> None:
    assert "web page (HTML)" in refusal(b"<html><body><table><tr><td>Date</td></tr></table></body></html>",
                                        "statement.xls")


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_no_bytes_crash_the_reader(data: bytes) -> None:
    try:
        statement = read_statement(data, "anything.csv")
    except BadInput:
        return
    assert all(row.amount > 0 and row.kind in ("expense", "income") for row in statement.rows)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.sampled_from(["Date", "Amount", "Debit", "03/04/2026", "1,25,000.00", "(5)", "-", "",
                                          "Total", "৳12", "x", "=1+1", "13/13/2026", "1.250,50"]),
                         max_size=6), max_size=25))
def test_no_statement_like_text_crashes_the_reader(cells: list[list[str]]) -> None:
    text = "\n".join(",".join(row) for row in cells)
    with contextlib.suppress(BadInput):
        read_statement(text.encode(), "s.csv")
